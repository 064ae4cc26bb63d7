import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import { csvStream } from '../../platform/http/csv.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/jobs/queue.js';
import type { Logger } from '../../platform/logger.js';
import type { AuditActor } from '../accounts/index.js';
import { type CustomFieldDefinition, listCustomFields } from './custom-fields.js';
import { companyDomainOfEmail } from './domains.js';
import { getRecordRules } from './quality.js';
import { type ImportObject, importableFields, type PreparedRow, prepareRow, RowRejection, suggestMapping } from './import-fields.js';

/**
 * Writes one batch of prepared rows of an object another module owns (deals), counting what
 * it created and rejecting rows it cannot take. Registered by that module at start-up.
 */
export type ImportWriter = (
  db: DbOrTx, clock: Clock, workspaceId: string, run: { id: string; fileName: string; onDuplicate: 'update' | 'skip' },
  rows: PreparedRow[], counts: { created: number; updated: number; skipped: number; reject(line: number, field: string | null, reason: string, raw: unknown): void },
) => Promise<void>;
const importWriters = new Map<ImportObject, ImportWriter>();

export function registerImportWriter(object: ImportObject, writer: ImportWriter): void {
  importWriters.set(object, writer);
}

const chunkBytes = 1024 * 1024;
const batchRows = 1000;
export const importQueue = 'contacts.import';

export interface ImportView {
  id: string;
  objectType: string;
  fileName: string;
  status: string;
  headers: string[];
  delimiter: string;
  mapping: Record<string, string> | null;
  onDuplicate: 'update' | 'skip';
  bytes: number;
  bytesProcessed: number;
  rowsProcessed: number;
  rowsCreated: number;
  rowsUpdated: number;
  rowsSkipped: number;
  rowsRejected: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

type ImportRow = {
  id: string; object_type: string; file_name: string; status: string; headers: string[]; delimiter: string;
  mapping: Record<string, string> | null; on_duplicate: 'update' | 'skip'; bytes: number; bytes_processed: number; rows_processed: number; rows_created: number;
  rows_updated: number; rows_skipped: number; rows_rejected: number; error: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null;
};

function toView(row: ImportRow): ImportView {
  return {
    id: row.id, objectType: row.object_type, fileName: row.file_name, status: row.status, headers: row.headers, delimiter: row.delimiter,
    mapping: row.mapping, onDuplicate: row.on_duplicate, bytes: Number(row.bytes), bytesProcessed: Number(row.bytes_processed), rowsProcessed: row.rows_processed,
    rowsCreated: row.rows_created, rowsUpdated: row.rows_updated, rowsSkipped: row.rows_skipped, rowsRejected: row.rows_rejected,
    error: row.error, createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
  };
}

/** Reads the header line and a few rows from the start of the file; picks , ; or tab. */
function sniff(head: Buffer) {
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows = parseSync(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to_line: 6 }) as string[][];
  const headers = (rows[0] ?? []).map((h) => h.trim());
  if (!headers.length || headers.every((h) => !h)) throw badRequest('the file has no header row', 'file');
  const duplicate = headers.find((h, i) => h && headers.indexOf(h) !== i);
  if (duplicate) throw badRequest(`the header "${duplicate}" appears twice`, 'file');
  return { delimiter, headers, sample: rows.slice(1, 6) };
}

/**
 * Stores an uploaded CSV in chunks as it streams in (a large file never sits in memory),
 * and reads its header for the mapping step.
 */
export async function storeUpload(
  db: Db, clock: Clock, workspaceId: string, actor: AuditActor,
  input: { objectType: ImportObject; fileName: string; body: AsyncIterable<Buffer | string> },
) {
  let buffer = Buffer.alloc(0);
  let importId: string | null = null;
  let seq = 0;
  let bytes = 0;
  let preview: ReturnType<typeof sniff> | null = null;
  const flush = async (data: Buffer) => {
    if (!importId) {
      preview = sniff(data);
      const created = await db.insertInto('imports').values({
        workspace_id: workspaceId, object_type: input.objectType, file_name: input.fileName.slice(0, 300), headers: preview.headers,
        delimiter: preview.delimiter, bytes: 0, created_by: actor.type === 'user' ? actor.id ?? null : null, created_at: clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      importId = created.id;
    }
    await db.insertInto('import_chunks').values({ workspace_id: workspaceId, import_id: importId, seq: seq++, data }).execute();
  };
  try {
    for await (const piece of input.body) {
      const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
      bytes += data.length;
      buffer = Buffer.concat([buffer, data]);
      while (buffer.length >= chunkBytes) {
        await flush(buffer.subarray(0, chunkBytes));
        buffer = buffer.subarray(chunkBytes);
      }
    }
    if (buffer.length || !importId) {
      if (!buffer.length) throw badRequest('the file is empty', 'file');
      await flush(buffer);
    }
  } catch (error) {
    if (importId) await db.deleteFrom('imports').where('workspace_id', '=', workspaceId).where('id', '=', importId).execute();
    throw error;
  }
  const row = await db.updateTable('imports').set({ bytes }).where('workspace_id', '=', workspaceId).where('id', '=', importId!)
    .returningAll().executeTakeFirstOrThrow();
  const definitions = await listCustomFields(db, workspaceId, input.objectType);
  const sniffed = preview as unknown as ReturnType<typeof sniff>;
  return {
    ...toView(row as ImportRow),
    sample: sniffed.sample,
    suggestedMapping: suggestMapping(input.objectType, sniffed.headers, definitions),
    fields: [...Object.keys(importableFields[input.objectType]), ...definitions.map((d) => `custom.${d.key}`)],
  };
}

export async function getImport(db: DbOrTx, workspaceId: string, id: string): Promise<ImportView> {
  const row = await db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Import');
  return toView(row as ImportRow);
}

export async function listImports(db: DbOrTx, workspaceId: string, limit: number): Promise<ImportView[]> {
  const rows = await db.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map((row) => toView(row as ImportRow));
}

/** Every rejected row as CSV: its line, field and reason, then the row as it was in the file, to fix and import again. */
export async function rejectionsCsv(db: DbOrTx, workspaceId: string, importId: string) {
  const run = await getImport(db, workspaceId, importId);
  return csvStream(['line', 'field', 'reason', ...run.headers], async function* () {
    let afterLine = 0;
    for (;;) {
      const page = await listRejections(db, workspaceId, importId, { limit: 1000, afterLine });
      for (const rejection of page) {
        const raw = rejection.raw as Record<string, string>;
        yield [rejection.line, rejection.field, rejection.reason, ...run.headers.map((h) => raw[h])];
      }
      if (page.length < 1000) return;
      afterLine = page.at(-1)!.line;
    }
  });
}

export async function listRejections(db: DbOrTx, workspaceId: string, importId: string, options: { limit: number; afterLine?: number }) {
  await getImport(db, workspaceId, importId);
  let query = db.selectFrom('import_rejections').select(['line', 'field', 'reason', 'raw'])
    .where('workspace_id', '=', workspaceId).where('import_id', '=', importId);
  if (options.afterLine) query = query.where('line', '>', options.afterLine);
  return query.orderBy('line').limit(options.limit).execute();
}

/** Checks the mapping against the file's headers and the object's fields, then queues the run. */
export async function startImport(
  db: Db, clock: Clock, workspaceId: string,
  input: { id: string; mapping: Record<string, string>; onDuplicate: 'update' | 'skip' },
): Promise<ImportView> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', input.id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Import');
    if (current.status !== 'uploaded') throw conflict(`the import is ${current.status} already`);
    const object = current.object_type as ImportObject;
    const definitions = await listCustomFields(trx, workspaceId, object);
    const fields = new Set([...Object.keys(importableFields[object]), ...definitions.map((d) => `custom.${d.key}`)]);
    const used = new Set<string>();
    for (const [header, field] of Object.entries(input.mapping)) {
      if (!current.headers.includes(header)) throw badRequest(`mapping."${header}" is not a column of the file`, `mapping.${header}`);
      if (!fields.has(field)) throw badRequest(`mapping."${header}": ${field} is not a ${object} field`, `mapping.${header}`);
      if (used.has(field)) throw badRequest(`${field} is mapped from two columns`, `mapping.${header}`);
      used.add(field);
    }
    if (!importableFields[object]) throw badRequest(`${object} records cannot be imported`, 'objectType');
    const key = object === 'contact' ? 'email' : 'name';
    const rules = await requiredRules(trx, workspaceId, object);
    const required = [...rules.requiredFields, ...definitions.filter((d) => d.required).map((d) => `custom.${d.key}`)];
    const unmapped = required.filter((field) => field !== 'companyId' && field !== 'ownerId' && !used.has(field));
    if (unmapped.length) throw badRequest(`map a column to ${unmapped.join(', ')}: required in this workspace`, 'mapping');
    if (object !== 'contact' && !used.has('name')) throw badRequest(`map a column to name: every ${object} needs one`, 'mapping');
    if (!used.size) throw badRequest(`map at least one column (for example to ${key})`, 'mapping');
    const row = await trx.updateTable('imports').set({ mapping: JSON.stringify(input.mapping) as never, on_duplicate: input.onDuplicate, status: 'queued' })
      .where('workspace_id', '=', workspaceId).where('id', '=', input.id).returningAll().executeTakeFirstOrThrow();
    await enqueue(trx, clock, { queue: importQueue, workspaceId, payload: { importId: input.id }, idempotencyKey: `import:${input.id}`, maxAttempts: 3 });
    return toView(row as ImportRow);
  });
}

/** Deals have no data-quality rules (yet): only contacts' and companies' are enforced. */
async function requiredRules(db: DbOrTx, workspaceId: string, object: ImportObject) {
  return object === 'deal' ? { requiredFields: [] as string[] } : getRecordRules(db, workspaceId, object);
}

async function* chunksOf(db: Db, workspaceId: string, importId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.selectFrom('import_chunks').select('data')
      .where('workspace_id', '=', workspaceId).where('import_id', '=', importId).where('seq', '=', seq).executeTakeFirst();
    if (!chunk) return;
    yield chunk.data;
  }
}

/**
 * Runs an import: streams the stored chunks through the CSV parser and writes batches of
 * rows set-based. Each batch commits with the import's counters, so a run that dies
 * resumes after the last committed row and no row is written twice.
 */
export async function runImport(db: Db, clock: Clock, logger: Logger, workspaceId: string, importId: string): Promise<void> {
  const current = await getImport(db, workspaceId, importId);
  if (current.status === 'done' || current.status === 'failed') return;
  await db.updateTable('imports').set({ status: 'running', started_at: current.startedAt ?? clock.now() })
    .where('workspace_id', '=', workspaceId).where('id', '=', importId).execute();
  const object = current.objectType as ImportObject;
  const definitions = await listCustomFields(db, workspaceId, object);
  const { requiredFields } = await requiredRules(db, workspaceId, object);
  const parser = Readable.from(chunksOf(db, workspaceId, importId)).pipe(parse({
    delimiter: current.delimiter, bom: true, columns: (header: string[]) => header.map((h) => h.trim()), info: true,
    relax_column_count: true, skip_empty_lines: true, trim: false,
  }));
  let seen = 0;
  let batch: { line: number; record: Record<string, string>; invalidLength: boolean; bytes: number }[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; bytes: number; invalid_field_length: number } }>) {
      if (seen++ < current.rowsProcessed) continue;
      batch.push({ line: info.lines, record, invalidLength: info.invalid_field_length > 0, bytes: info.bytes });
      if (batch.length === batchRows) {
        await writeBatch(db, clock, workspaceId, current, object, definitions, requiredFields, batch);
        batch = [];
      }
    }
    if (batch.length) await writeBatch(db, clock, workspaceId, current, object, definitions, requiredFields, batch);
    await db.updateTable('imports').set({ status: 'done', finished_at: clock.now(), bytes_processed: current.bytes })
      .where('workspace_id', '=', workspaceId).where('id', '=', importId).execute();
  } catch (error) {
    // A file that cannot be read further (e.g. an unclosed quote) stops here, saying where.
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ err: error, importId }, 'import stopped');
    await db.updateTable('imports').set({ status: 'failed', error: message.slice(0, 1000), finished_at: clock.now() })
      .where('workspace_id', '=', workspaceId).where('id', '=', importId).execute();
  }
}

interface Counts { created: number; updated: number; skipped: number; rejected: { line: number; field: string | null; reason: string; raw: unknown }[] }

async function writeBatch(
  db: Db, clock: Clock, workspaceId: string, current: ImportView, object: ImportObject, definitions: CustomFieldDefinition[],
  requiredFields: string[], batch: { line: number; record: Record<string, string>; invalidLength: boolean; bytes: number }[],
) {
  const counts: Counts = { created: 0, updated: 0, skipped: 0, rejected: [] };
  const prepared: PreparedRow[] = [];
  for (const { line, record, invalidLength } of batch) {
    try {
      if (invalidLength) throw new RowRejection('file', `the row does not have ${current.headers.length} columns like the header`);
      prepared.push(prepareRow(object, line, record, current.mapping!, definitions, requiredFields));
    } catch (error) {
      if (!(error instanceof RowRejection)) throw error;
      counts.rejected.push({ line, field: error.field, reason: error.message, raw: record });
    }
  }
  await db.transaction().execute(async (trx) => {
    const rows = await resolveOwners(trx, workspaceId, prepared, counts);
    const writer = importWriters.get(object);
    if (writer) {
      await writer(trx, clock, workspaceId, current, rows, {
        get created() { return counts.created; }, set created(n) { counts.created = n; },
        get updated() { return counts.updated; }, set updated(n) { counts.updated = n; },
        get skipped() { return counts.skipped; }, set skipped(n) { counts.skipped = n; },
        reject: (line, field, reason, raw) => counts.rejected.push({ line, field, reason, raw }),
      });
    } else if (object === 'contact') await upsertContacts(trx, clock, workspaceId, current, rows, counts);
    else await upsertCompanies(trx, clock, workspaceId, current, rows, counts);
    if (counts.rejected.length) {
      await trx.insertInto('import_rejections')
        .values(counts.rejected.map((r) => ({ workspace_id: workspaceId, import_id: current.id, line: r.line, field: r.field, reason: r.reason, raw: JSON.stringify(r.raw) })))
        .onConflict((oc) => oc.doNothing()).execute();
    }
    await trx.updateTable('imports').set((eb) => ({
      bytes_processed: batch.at(-1)!.bytes,
      rows_processed: eb('rows_processed', '+', batch.length),
      rows_created: eb('rows_created', '+', counts.created),
      rows_updated: eb('rows_updated', '+', counts.updated),
      rows_skipped: eb('rows_skipped', '+', counts.skipped),
      rows_rejected: eb('rows_rejected', '+', counts.rejected.length),
    })).where('workspace_id', '=', workspaceId).where('id', '=', current.id).execute();
  });
}

/** Owners are given by email; a row naming someone who is not a member is rejected. */
async function resolveOwners(db: DbOrTx, workspaceId: string, rows: PreparedRow[], counts: Counts): Promise<PreparedRow[]> {
  const emails = [...new Set(rows.map((r) => r.ownerEmail).filter((e): e is string => Boolean(e)))];
  if (!emails.length) return rows;
  const members = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email']).where('memberships.workspace_id', '=', workspaceId).where('users.email', 'in', emails).execute();
  const byEmail = new Map(members.map((m) => [m.email, m.id]));
  return rows.filter((row) => {
    if (!row.ownerEmail) return true;
    const id = byEmail.get(row.ownerEmail);
    if (!id) {
      counts.rejected.push({ line: row.line, field: 'ownerEmail', reason: `owner ${row.ownerEmail} is not a member of this workspace`, raw: row.values });
      return false;
    }
    row.values.owner_id = id;
    return true;
  });
}

/** Rows after the first with the same key in one batch are reported, not silently folded. */
function firstOfEachKey(rows: PreparedRow[], key: (row: PreparedRow) => string | null, what: string, counts: Counts): PreparedRow[] {
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const value = key(row);
    if (!value) return true;
    const earlier = seen.get(value);
    if (earlier !== undefined) {
      counts.rejected.push({ line: row.line, field: what, reason: `same ${what} as line ${earlier} of this file`, raw: row.values });
      return false;
    }
    seen.set(value, row.line);
    return true;
  });
}

const contactColumns = ['email', 'first_name', 'last_name', 'phone', 'job_title', 'persona', 'seniority', 'country', 'city', 'timezone', 'source', 'lifecycle_stage', 'owner_id'] as const;

async function companiesFor(db: DbOrTx, clock: Clock, workspaceId: string, rows: PreparedRow[]): Promise<void> {
  const domainOf = (row: PreparedRow) => row.companyDomain ?? (row.values.email ? companyDomainOfEmail(row.values.email as string) : null);
  const wanted = new Map<string, string>();
  for (const row of rows) {
    const domain = domainOf(row);
    if (domain && !wanted.has(domain)) wanted.set(domain, row.companyName ?? domain.split('.')[0]!.replace(/^./, (c) => c.toUpperCase()));
  }
  if (wanted.size) {
    const now = clock.now();
    await sql`
      insert into companies (workspace_id, name, domain, created_at, updated_at)
      select ${workspaceId}, name, domain, ${now}, ${now} from unnest(${[...wanted.values()]}::text[], ${[...wanted.keys()]}::text[]) as t(name, domain)
      on conflict (workspace_id, domain) where domain is not null do nothing`.execute(db);
    const found = await db.selectFrom('companies').select(['id', 'domain']).where('workspace_id', '=', workspaceId).where('domain', 'in', [...wanted.keys()]).execute();
    const byDomain = new Map(found.map((c) => [c.domain!, c.id]));
    for (const row of rows) {
      const domain = domainOf(row);
      if (domain) row.values.company_id = byDomain.get(domain);
    }
  }
  // A company named without any domain is matched by name, or made.
  const namesOnly = [...new Set(rows.filter((r) => !r.values.company_id && r.companyName).map((r) => r.companyName!))];
  if (namesOnly.length) {
    const existing = await db.selectFrom('companies').select(['id', 'name']).where('workspace_id', '=', workspaceId)
      .where(sql<boolean>`lower(name) = any(${namesOnly.map((n) => n.toLowerCase())}::text[])`).execute();
    const byName = new Map(existing.map((c) => [c.name.toLowerCase(), c.id]));
    const missing = namesOnly.filter((n) => !byName.has(n.toLowerCase()));
    if (missing.length) {
      const now = clock.now();
      const made = await db.insertInto('companies').values(missing.map((name) => ({ workspace_id: workspaceId, name, created_at: now, updated_at: now })))
        .returning(['id', 'name']).execute();
      for (const company of made) byName.set(company.name.toLowerCase(), company.id);
    }
    for (const row of rows) if (!row.values.company_id && row.companyName) row.values.company_id = byName.get(row.companyName.toLowerCase());
  }
}

async function upsertContacts(db: DbOrTx, clock: Clock, workspaceId: string, current: ImportView, rows: PreparedRow[], counts: Counts) {
  const unique = firstOfEachKey(rows, (r) => (r.values.email as string | undefined) ?? null, 'email', counts);
  if (!unique.length) return;
  await companiesFor(db, clock, workspaceId, unique);
  const now = clock.now();
  const records = unique.map((row) => ({ ...row.values, line: row.line, custom: row.custom, tags: row.tags }));
  const cols = contactColumns.map((c) => sql.ref(c));
  const typed = sql.join(contactColumns.map((c) => sql`${sql.ref(c)} ${sql.raw(c === 'owner_id' ? 'uuid' : 'text')}`));
  const onDuplicate = current.onDuplicate === 'update'
    ? sql`do update set ${sql.join(contactColumns.filter((c) => c !== 'email').map((c) => sql`${sql.ref(c)} = coalesce(excluded.${sql.ref(c)}, contacts.${sql.ref(c)})`))},
        company_id = coalesce(excluded.company_id, contacts.company_id),
        custom = contacts.custom || excluded.custom,
        tags = array(select distinct t from unnest(contacts.tags || excluded.tags) as t order by t),
        updated_at = excluded.updated_at`
    : sql`do nothing`;
  const { rows: written } = await sql<{ id: string; company_id: string | null; inserted: boolean }>`
    insert into contacts (workspace_id, ${sql.join(cols)}, company_id, custom, tags, created_at, updated_at)
    select ${workspaceId}, ${sql.join(contactColumns.map((c) => (c === 'lifecycle_stage' ? sql`coalesce(lifecycle_stage, 'subscriber')` : sql.ref(c))))},
           company_id, coalesce(custom, '{}'), coalesce(tags, '{}'), ${now}, ${now}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(${typed}, company_id uuid, custom jsonb, tags text[], line int)
    order by line
    on conflict (workspace_id, email) where email is not null ${onDuplicate}
    returning id, company_id, (xmax = 0) as inserted`.execute(db);
  await countAndRecord(db, clock, workspaceId, current, 'contact', written, unique.length, counts);
}

async function upsertCompanies(db: DbOrTx, clock: Clock, workspaceId: string, current: ImportView, rows: PreparedRow[], counts: Counts) {
  const unique = firstOfEachKey(rows, (r) => (r.values.domain as string | undefined) ?? null, 'domain', counts);
  if (!unique.length) return;
  const now = clock.now();
  const columns = ['name', 'domain', 'industry', 'employee_count', 'revenue_band', 'country', 'owner_id'] as const;
  const types: Record<string, string> = { employee_count: 'integer', owner_id: 'uuid' };
  const records = unique.map((row) => ({ ...row.values, line: row.line, custom: row.custom, tags: row.tags }));
  const onDuplicate = current.onDuplicate === 'update'
    ? sql`do update set ${sql.join(columns.filter((c) => c !== 'domain').map((c) => sql`${sql.ref(c)} = coalesce(excluded.${sql.ref(c)}, companies.${sql.ref(c)})`))},
        custom = companies.custom || excluded.custom,
        tags = array(select distinct t from unnest(companies.tags || excluded.tags) as t order by t),
        updated_at = excluded.updated_at`
    : sql`do nothing`;
  const { rows: written } = await sql<{ id: string; company_id: string | null; inserted: boolean }>`
    insert into companies (workspace_id, ${sql.join(columns.map((c) => sql.ref(c)))}, custom, tags, created_at, updated_at)
    select ${workspaceId}, ${sql.join(columns.map((c) => sql.ref(c)))}, coalesce(custom, '{}'), coalesce(tags, '{}'), ${now}, ${now}
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
        as r(${sql.join(columns.map((c) => sql`${sql.ref(c)} ${sql.raw(types[c] ?? 'text')}`))}, custom jsonb, tags text[], line int)
    order by line
    on conflict (workspace_id, domain) where domain is not null ${onDuplicate}
    returning id, id as company_id, (xmax = 0) as inserted`.execute(db);
  await countAndRecord(db, clock, workspaceId, current, 'company', written, unique.length, counts);
}

/** Counts what the batch did and puts one entry per written record on the timeline, set-based. */
async function countAndRecord(
  db: DbOrTx, clock: Clock, workspaceId: string, current: ImportView, object: ImportObject,
  written: { id: string; company_id: string | null; inserted: boolean }[], attempted: number, counts: Counts,
) {
  counts.created += written.filter((w) => w.inserted).length;
  counts.updated += written.filter((w) => !w.inserted).length;
  counts.skipped += attempted - written.length;
  if (!written.length) return;
  const data = JSON.stringify({ importId: current.id, fileName: current.fileName });
  await sql`
    insert into timeline_entries (workspace_id, occurred_at, kind, contact_id, company_id, actor_type, actor_label, source_type, source_id, data)
    select ${workspaceId}, ${clock.now()}, case when w.inserted then 'record.created' else 'record.updated' end,
           ${object === 'contact' ? sql`w.id` : sql`null::uuid`}, w.company_id, 'system', ${`import of ${current.fileName}`},
           ${object}, w.id::text, ${data}::jsonb
      from unnest(${written.map((w) => w.id)}::uuid[], ${written.map((w) => w.company_id)}::uuid[], ${written.map((w) => w.inserted)}::boolean[])
        as w(id, company_id, inserted)`.execute(db);
}

const dayMs = 24 * 3600_000;

/**
 * Housekeeping: an upload nobody started within a day is dropped, and the stored file of a
 * finished import is freed after a day (its counters and rejected rows stay).
 */
export async function cleanUpImports(db: Db, clock: Clock): Promise<void> {
  const dayAgo = new Date(clock.now().getTime() - dayMs);
  await db.deleteFrom('imports').where('status', '=', 'uploaded').where('created_at', '<', dayAgo).execute();
  await db.deleteFrom('import_chunks')
    .where(({ exists, selectFrom }) => exists(selectFrom('imports').select('imports.id')
      .whereRef('imports.workspace_id', '=', 'import_chunks.workspace_id').whereRef('imports.id', '=', 'import_chunks.import_id')
      .where('imports.status', 'in', ['done', 'failed']).where('imports.finished_at', '<', dayAgo)))
    .execute();
}
