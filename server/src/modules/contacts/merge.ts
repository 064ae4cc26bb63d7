import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { type Company, getCompany, toCompany } from './companies.js';
import { type Contact, getContact, toContact } from './contacts.js';
import type { CrmObject } from './tables.js';
import { recordTouchpoint } from './timeline.js';
import { moveIdentities } from './identities.js';

/**
 * Another module re-points its own rows from a merged-away record to the survivor. Modules
 * register at start-up, so the contacts module never touches their tables.
 */
export type MergeHook = (db: DbOrTx, workspaceId: string, fromId: string, toId: string) => Promise<void>;
const mergeHooks: Record<'contact' | 'company', MergeHook[]> = { contact: [], company: [] };

export function onMerge(objectType: 'contact' | 'company', hook: MergeHook): void {
  mergeHooks[objectType].push(hook);
}

const contactMergeFields = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city',
  'timezone', 'ownerId', 'source', 'lifecycleStage', 'companyId'] as const;
const companyMergeFields = ['name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId'] as const;

/** Field-by-field: the survivor's value unless `keep` picks the duplicate's, or the survivor has none. */
function mergedValues<T extends Record<string, unknown>>(primary: T, duplicate: T, fields: readonly string[], keep: Record<string, 'primary' | 'duplicate'>) {
  const values: Record<string, unknown> = {};
  for (const [field, side] of Object.entries(keep)) {
    if (!fields.includes(field) && field !== 'custom') throw badRequest(`keep.${field} is not a field that can be chosen`, `keep.${field}`);
    if (side !== 'primary' && side !== 'duplicate') throw badRequest(`keep.${field} must be primary or duplicate`, `keep.${field}`);
  }
  for (const field of fields) {
    const choose = keep[field] ?? (primary[field] === null || primary[field] === undefined ? 'duplicate' : 'primary');
    values[field] = (choose === 'duplicate' ? duplicate : primary)[field] ?? null;
  }
  return values;
}

/** What tracking knew of both: the survivor's traits win, the earliest first and latest last touch. */
function mergedTracking(primary: Contact | Company, duplicate: Contact | Company) {
  const earliest = [primary.firstTouch, duplicate.firstTouch].filter((t) => t !== null).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0] ?? null;
  const latest = [primary.lastTouch, duplicate.lastTouch].filter((t) => t !== null).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0] ?? null;
  return {
    traits: JSON.stringify({ ...duplicate.traits, ...primary.traits }) as never,
    first_touch: earliest ? JSON.stringify(earliest) as never : null,
    last_touch: latest ? JSON.stringify(latest) as never : null,
  };
}

async function finishMerge(db: DbOrTx, clock: Clock, objectType: CrmObject, workspaceId: string, fromId: string, toId: string, actor: AuditActor, data: Record<string, unknown>) {
  const now = clock.now();
  // Old ids keep resolving: earlier redirects to the merged-away record now point at the survivor too.
  await db.updateTable('record_redirects').set({ new_id: toId })
    .where('workspace_id', '=', workspaceId).where('object_type', '=', objectType).where('new_id', '=', fromId).execute();
  await db.insertInto('record_redirects').values({ workspace_id: workspaceId, object_type: objectType, old_id: fromId, new_id: toId, merged_at: now }).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: `${objectType}.merged`, target: { type: objectType, id: toId }, data: { mergedId: fromId, ...data } });
}

export async function mergeContacts(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor,
  input: { primaryId: string; duplicateId: string; keep?: Record<string, 'primary' | 'duplicate'> },
): Promise<Contact> {
  const primary = await getContact(db, workspaceId, input.primaryId);
  const duplicate = await getContact(db, workspaceId, input.duplicateId);
  if (primary.id === duplicate.id) throw badRequest('a contact cannot be merged with itself', 'duplicateId');
  const keep = input.keep ?? {};
  const values = mergedValues(primary as unknown as Record<string, unknown>, duplicate as unknown as Record<string, unknown>, contactMergeFields, keep);
  const custom = keep.custom === 'duplicate' ? { ...primary.custom, ...duplicate.custom } : { ...duplicate.custom, ...primary.custom };
  const tags = [...new Set([...primary.tags, ...duplicate.tags])].sort();

  for (const hook of mergeHooks.contact) await hook(db, workspaceId, duplicate.id, primary.id);
  await moveIdentities(db, workspaceId, 'contact', duplicate.id, primary.id);
  await db.updateTable('timeline_entries').set({ contact_id: primary.id })
    .where('workspace_id', '=', workspaceId).where('contact_id', '=', duplicate.id).execute();
  // The duplicate goes before the survivor takes its email (emails are unique).
  await db.deleteFrom('contacts').where('workspace_id', '=', workspaceId).where('id', '=', duplicate.id).execute();
  const row = await db.updateTable('contacts').set({
    email: values.email as string | null, first_name: values.firstName as string | null, last_name: values.lastName as string | null,
    phone: values.phone as string | null, job_title: values.jobTitle as string | null, persona: values.persona as string | null,
    seniority: values.seniority as string | null, country: values.country as string | null, city: values.city as string | null,
    timezone: values.timezone as string | null, owner_id: values.ownerId as string | null, source: values.source as string | null,
    lifecycle_stage: values.lifecycleStage as string, company_id: values.companyId as string | null,
    tags, custom: JSON.stringify(custom) as never, ...mergedTracking(primary, duplicate), updated_at: clock.now(),
    // The older record's creation time is when this person first became known.
    created_at: primary.createdAt < duplicate.createdAt ? primary.createdAt : duplicate.createdAt,
  }).where('workspace_id', '=', workspaceId).where('id', '=', primary.id).returningAll().executeTakeFirstOrThrow();

  await finishMerge(db, clock, 'contact', workspaceId, duplicate.id, primary.id, actor, { duplicate });
  await recordTouchpoint(db, clock, {
    workspaceId, kind: 'record.merged', contactId: primary.id, companyId: row.company_id, actor,
    source: { type: 'contact', id: primary.id }, data: { mergedId: duplicate.id, mergedEmail: duplicate.email },
  });
  return toContact(row);
}

export async function mergeCompanies(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor,
  input: { primaryId: string; duplicateId: string; keep?: Record<string, 'primary' | 'duplicate'> },
): Promise<Company> {
  const primary = await getCompany(db, workspaceId, input.primaryId);
  const duplicate = await getCompany(db, workspaceId, input.duplicateId);
  if (primary.id === duplicate.id) throw badRequest('a company cannot be merged with itself', 'duplicateId');
  const keep = input.keep ?? {};
  const values = mergedValues(primary as unknown as Record<string, unknown>, duplicate as unknown as Record<string, unknown>, companyMergeFields, keep);
  const custom = keep.custom === 'duplicate' ? { ...primary.custom, ...duplicate.custom } : { ...duplicate.custom, ...primary.custom };

  for (const hook of mergeHooks.company) await hook(db, workspaceId, duplicate.id, primary.id);
  await moveIdentities(db, workspaceId, 'company', duplicate.id, primary.id);
  await db.updateTable('contacts').set({ company_id: primary.id })
    .where('workspace_id', '=', workspaceId).where('company_id', '=', duplicate.id).execute();
  await db.updateTable('timeline_entries').set({ company_id: primary.id })
    .where('workspace_id', '=', workspaceId).where('company_id', '=', duplicate.id).execute();
  await db.deleteFrom('companies').where('workspace_id', '=', workspaceId).where('id', '=', duplicate.id).execute();
  const row = await db.updateTable('companies').set({
    name: values.name as string, domain: values.domain as string | null, industry: values.industry as string | null,
    employee_count: values.employeeCount as number | null, revenue_band: values.revenueBand as string | null,
    country: values.country as string | null, owner_id: values.ownerId as string | null,
    tags: [...new Set([...primary.tags, ...duplicate.tags])].sort(), custom: JSON.stringify(custom) as never,
    ...mergedTracking(primary, duplicate), updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', primary.id).returningAll().executeTakeFirstOrThrow();

  await finishMerge(db, clock, 'company', workspaceId, duplicate.id, primary.id, actor, { duplicate });
  await recordTouchpoint(db, clock, {
    workspaceId, kind: 'record.merged', companyId: primary.id, actor, source: { type: 'company', id: primary.id },
    data: { mergedId: duplicate.id, mergedName: duplicate.name },
  });
  return toCompany(row);
}

/**
 * Likely duplicates, found set-based: contacts whose addresses are the same mailbox
 * (case, "+tag", and dots for Gmail ignored) or who share a name at the same company;
 * companies with the same name once legal suffixes and punctuation are ignored.
 */
export async function findDuplicates(db: DbOrTx, workspaceId: string, objectType: 'contact' | 'company', limit: number) {
  if (objectType === 'contact') {
    const { rows } = await sql<{ reason: string; ids: string[] }>`
      with keyed as (
        select id,
               case when email is null then null
                    else regexp_replace(
                           case when split_part(email, '@', 2) in ('gmail.com', 'googlemail.com')
                                then replace(split_part(email, '@', 1), '.', '') || '@gmail.com' else email end,
                           '\\+[^@]*@', '@') end as mailbox,
               case when first_name is not null and last_name is not null and company_id is not null
                    then lower(first_name) || ' ' || lower(last_name) || ' @ ' || company_id end as person
          from contacts where workspace_id = ${workspaceId}
      )
      select 'same mailbox' as reason, array_agg(id order by id) as ids from keyed where mailbox is not null group by mailbox having count(*) > 1
      union all
      select 'same name at the same company', array_agg(id order by id) from keyed where person is not null group by person having count(*) > 1
      limit ${limit}`.execute(db);
    return rows;
  }
  const { rows } = await sql<{ reason: string; ids: string[] }>`
    select 'same name' as reason, array_agg(id order by id) as ids
      from companies where workspace_id = ${workspaceId}
     group by trim(regexp_replace(regexp_replace(lower(name), '\\m(oy|oyj|ab|ltd|inc|gmbh|llc|plc|as|aps)\\M', '', 'g'), '[^a-z0-9]+', ' ', 'g'))
    having count(*) > 1
     limit ${limit}`.execute(db);
  return rows;
}
