import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { escapeLike } from '../../platform/text.js';
import type { AuditActor } from '../accounts/index.js';
import { listCustomFields, validateCustomValues } from './custom-fields.js';
import { normaliseDomain } from './domains.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { checkOwner, customFilters, normaliseTags, notFoundUnless, resolveId, sortSpec } from './records.js';
import type { CustomValues, Touch } from './tables.js';
import { checkRequiredFields, getRecordRules } from './quality.js';
import { fieldChanges, recordTouchpoint } from './timeline.js';

export interface CompanyInput {
  name?: string;
  domain?: string | null;
  industry?: string | null;
  employeeCount?: number | null;
  revenueBand?: string | null;
  country?: string | null;
  ownerId?: string | null;
  tags?: string[];
  custom?: Record<string, unknown>;
}

export interface Company {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  employeeCount: number | null;
  revenueBand: string | null;
  country: string | null;
  ownerId: string | null;
  tags: string[];
  custom: CustomValues;
  traits: Record<string, unknown>;
  firstTouch: Touch | null;
  lastTouch: Touch | null;
  createdAt: Date;
  updatedAt: Date;
}

const trackedFields = ['name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId', 'tags', 'custom'] as const;

type CompanyRow = {
  id: string; name: string; domain: string | null; industry: string | null; employee_count: number | null;
  revenue_band: string | null; country: string | null; owner_id: string | null; tags: string[]; custom: CustomValues;
  traits: Record<string, unknown>; first_touch: Touch | null; last_touch: Touch | null; created_at: Date; updated_at: Date;
};

export function toCompany(row: CompanyRow): Company {
  return {
    id: row.id, name: row.name, domain: row.domain, industry: row.industry, employeeCount: row.employee_count,
    revenueBand: row.revenue_band, country: row.country, ownerId: row.owner_id, tags: row.tags, custom: row.custom,
    traits: row.traits, firstTouch: row.first_touch, lastTouch: row.last_touch, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function domainOf(input: string | null | undefined): string | null | undefined {
  if (input === undefined || input === null || input === '') return input === '' ? null : input;
  const domain = normaliseDomain(input);
  if (!domain) throw badRequest(`domain "${input}" is not a web domain such as acme.com`, 'domain');
  return domain;
}

async function assertDomainFree(db: DbOrTx, workspaceId: string, domain: string | null | undefined, exceptId?: string) {
  if (!domain) return;
  let query = db.selectFrom('companies').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('domain', '=', domain);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const other = await query.executeTakeFirst();
  if (other) throw conflict(`${other.name} (${other.id}) already has the domain ${domain}`, 'domain');
}

export async function createCompany(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: CompanyInput): Promise<Company> {
  if (!input.name?.trim()) throw badRequest('name is required', 'name');
  const domain = domainOf(input.domain);
  await assertDomainFree(db, workspaceId, domain);
  await checkOwner(db, workspaceId, input.ownerId);
  const custom = validateCustomValues(await listCustomFields(db, workspaceId, 'company'), input.custom ?? {}, { requireAll: true });
  checkRequiredFields(await getRecordRules(db, workspaceId, 'company'), { ...input, domain });
  const now = clock.now();
  const row = await db.insertInto('companies').values({
    workspace_id: workspaceId, name: input.name.trim(), domain: domain ?? null, industry: input.industry ?? null,
    employee_count: input.employeeCount ?? null, revenue_band: input.revenueBand ?? null, country: input.country ?? null,
    owner_id: input.ownerId ?? null, tags: normaliseTags(input.tags) ?? [], custom: JSON.stringify(custom.set) as never,
    created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await recordTouchpoint(db, clock, { workspaceId, kind: 'record.created', companyId: row.id, actor, source: { type: 'company', id: row.id } });
  return toCompany(row);
}

export async function getCompany(db: DbOrTx, workspaceId: string, id: string): Promise<Company> {
  const liveId = await resolveId(db, workspaceId, 'company', id);
  const row = await db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', liveId).executeTakeFirst();
  return toCompany(notFoundUnless(row, 'Company'));
}

export async function updateCompany(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: CompanyInput): Promise<Company> {
  const before = await getCompany(db, workspaceId, id);
  if (input.name !== undefined && !input.name.trim()) throw badRequest('name must not be empty', 'name');
  const domain = domainOf(input.domain);
  await assertDomainFree(db, workspaceId, domain, before.id);
  await checkOwner(db, workspaceId, input.ownerId);
  const definitions = await listCustomFields(db, workspaceId, 'company');
  const custom = validateCustomValues(definitions, input.custom ?? {}, { requireAll: false });
  const nextCustom = { ...before.custom, ...custom.set };
  for (const key of custom.remove) delete nextCustom[key];
  const after: Partial<Company> = {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(domain !== undefined ? { domain } : {}),
    ...(input.industry !== undefined ? { industry: input.industry } : {}),
    ...(input.employeeCount !== undefined ? { employeeCount: input.employeeCount } : {}),
    ...(input.revenueBand !== undefined ? { revenueBand: input.revenueBand } : {}),
    ...(input.country !== undefined ? { country: input.country } : {}),
    ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
    ...(input.tags !== undefined ? { tags: normaliseTags(input.tags) } : {}),
    ...(input.custom !== undefined ? { custom: nextCustom } : {}),
  };
  checkRequiredFields(await getRecordRules(db, workspaceId, 'company'), { ...before, ...after });
  const changes = fieldChanges(before as unknown as Record<string, unknown>, after, [...trackedFields]);
  if (!changes.length) return before;
  const row = await db.updateTable('companies').set({
    ...(after.name !== undefined ? { name: after.name } : {}),
    ...(after.domain !== undefined ? { domain: after.domain } : {}),
    ...(after.industry !== undefined ? { industry: after.industry } : {}),
    ...(after.employeeCount !== undefined ? { employee_count: after.employeeCount } : {}),
    ...(after.revenueBand !== undefined ? { revenue_band: after.revenueBand } : {}),
    ...(after.country !== undefined ? { country: after.country } : {}),
    ...(after.ownerId !== undefined ? { owner_id: after.ownerId } : {}),
    ...(after.tags !== undefined ? { tags: after.tags } : {}),
    ...(after.custom !== undefined ? { custom: JSON.stringify(after.custom) as never } : {}),
    updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
  await recordTouchpoint(db, clock, { workspaceId, kind: 'record.updated', companyId: before.id, actor, source: { type: 'company', id: before.id }, data: { changes } });
  return toCompany(row);
}

export async function deleteCompany(db: DbOrTx, workspaceId: string, id: string): Promise<void> {
  const company = await getCompany(db, workspaceId, id);
  await db.deleteFrom('companies').where('workspace_id', '=', workspaceId).where('id', '=', company.id).execute();
}

/** The company of an email domain, created (named after the domain) when there is none yet. */
export async function findCompanyByDomain(db: DbOrTx, workspaceId: string, domain: string): Promise<string | null> {
  const row = await db.selectFrom('companies').select('id').where('workspace_id', '=', workspaceId).where('domain', '=', domain).executeTakeFirst();
  return row?.id ?? null;
}

export async function companyForDomain(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, domain: string): Promise<string> {
  const existing = await findCompanyByDomain(db, workspaceId, domain);
  if (existing) return existing;
  const label = domain.split('.').slice(0, -1).join('.') || domain;
  const created = await createCompany(db, clock, workspaceId, actor, { name: label.charAt(0).toUpperCase() + label.slice(1), domain });
  return created.id;
}

export interface CompanyListQuery {
  q?: string;
  domain?: string;
  ownerId?: string;
  tag?: string;
  country?: string;
  industry?: string;
  sort?: string;
  limit: number;
  cursor?: string;
  [custom: `custom.${string}`]: unknown;
}

const companySortable = { created_at: 'time', updated_at: 'time', name: 'text', domain: 'text', employee_count: 'number' } as const;

export async function listCompanies(db: DbOrTx, workspaceId: string, query: CompanyListQuery) {
  const definitions = await listCustomFields(db, workspaceId, 'company');
  const sort = sortSpec(query.sort ?? '-created_at', companySortable, definitions);
  let select = db.selectFrom('companies').selectAll().select(sort.expression.as('sort_value')).where('workspace_id', '=', workspaceId);
  if (query.q) select = select.where(sql<boolean>`(name || ' ' || coalesce(domain, '')) ilike ${`%${escapeLike(query.q)}%`}`);
  if (query.domain) select = select.where('domain', '=', normaliseDomain(query.domain) ?? query.domain);
  if (query.ownerId) select = select.where('owner_id', '=', query.ownerId);
  if (query.tag) select = select.where(sql<boolean>`tags @> array[${query.tag}]::text[]`);
  if (query.country) select = select.where('country', '=', query.country);
  if (query.industry) select = select.where('industry', '=', query.industry);
  for (const filter of customFilters(query, definitions)) select = select.where(sql<boolean>`custom @> ${JSON.stringify(filter)}::jsonb`);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    select = select.where(sql<boolean>`(${sort.expression}, id) ${sql.raw(sort.descending ? '<' : '>')} (${value}, ${id})`);
  }
  const direction = sort.descending ? 'desc' : 'asc';
  const rows = await select.orderBy(sql`${sort.expression} ${sql.raw(direction)}, id ${sql.raw(direction)}`).limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toCompany), nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_value, last.id) : null };
}
