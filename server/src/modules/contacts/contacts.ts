import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { describeChange } from '../../platform/db/change-context.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';
import { type Company, companyForDomain, getCompany, toCompany } from './companies.js';
import { listCustomFields, validateCustomValues } from './custom-fields.js';
import { escapeLike, normaliseEmail } from '../../platform/text.js';
import { companyDomainOfEmail } from './domains.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { checkOwner, customFilters, normaliseTags, notFoundUnless, resolveId, sortSpec } from './records.js';
import type { CustomValues, Touch } from './tables.js';
import { checkRequiredFields, getRecordRules } from './quality.js';
import { fieldChanges, recordTouchpoint } from './timeline.js';

/** The default stages; the lifecycle module will make them configurable per workspace. */
export const lifecycleStages = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'evangelist', 'other'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export interface ContactInput {
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
  persona?: string | null;
  seniority?: string | null;
  country?: string | null;
  city?: string | null;
  timezone?: string | null;
  ownerId?: string | null;
  source?: string | null;
  tags?: string[];
  lifecycleStage?: LifecycleStage;
  companyId?: string | null;
  custom?: Record<string, unknown>;
}

export interface Contact {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  jobTitle: string | null;
  persona: string | null;
  seniority: string | null;
  country: string | null;
  city: string | null;
  timezone: string | null;
  ownerId: string | null;
  source: string | null;
  tags: string[];
  lifecycleStage: string;
  companyId: string | null;
  custom: CustomValues;
  traits: Record<string, unknown>;
  firstTouch: Touch | null;
  lastTouch: Touch | null;
  createdAt: Date;
  updatedAt: Date;
}

/** API field → column, for every plain field of a contact. */
const columns = {
  email: 'email', firstName: 'first_name', lastName: 'last_name', phone: 'phone', jobTitle: 'job_title',
  persona: 'persona', seniority: 'seniority', country: 'country', city: 'city', timezone: 'timezone',
  ownerId: 'owner_id', source: 'source', lifecycleStage: 'lifecycle_stage', companyId: 'company_id',
} as const;
type PlainField = keyof typeof columns;

type ContactRow = {
  id: string; email: string | null; first_name: string | null; last_name: string | null; phone: string | null;
  job_title: string | null; persona: string | null; seniority: string | null; country: string | null; city: string | null;
  timezone: string | null; owner_id: string | null; source: string | null; tags: string[]; lifecycle_stage: string;
  company_id: string | null; custom: CustomValues; traits: Record<string, unknown>; first_touch: Touch | null; last_touch: Touch | null;
  created_at: Date; updated_at: Date;
};

export function toContact(row: ContactRow): Contact {
  return {
    id: row.id, email: row.email, firstName: row.first_name, lastName: row.last_name, phone: row.phone,
    jobTitle: row.job_title, persona: row.persona, seniority: row.seniority, country: row.country, city: row.city,
    timezone: row.timezone, ownerId: row.owner_id, source: row.source, tags: row.tags, lifecycleStage: row.lifecycle_stage,
    companyId: row.company_id, custom: row.custom, traits: row.traits, firstTouch: row.first_touch, lastTouch: row.last_touch,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function checkEmail(email: string | null | undefined): string | null | undefined {
  if (email === undefined || email === null) return email;
  const normalised = normaliseEmail(email);
  if (normalised === '') return null;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised) || normalised.length > 320) {
    throw badRequest(`email "${email}" is not an email address`, 'email');
  }
  return normalised;
}

function checkTimezone(timezone: string | null | undefined) {
  if (!timezone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw badRequest(`timezone "${timezone}" is not an IANA time zone such as Europe/Helsinki`, 'timezone');
  }
}

async function assertEmailFree(db: DbOrTx, workspaceId: string, email: string | null | undefined, exceptId?: string) {
  if (!email) return;
  let query = db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('email', '=', email);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const other = await query.executeTakeFirst();
  if (other) throw conflict(`contact ${other.id} already has the email ${email}`, 'email');
}

/** Validates an input into column values; `undefined` leaves a field as it is. */
async function prepare(db: DbOrTx, workspaceId: string, input: ContactInput, existing?: Contact) {
  const email = checkEmail(input.email);
  await assertEmailFree(db, workspaceId, email, existing?.id);
  checkTimezone(input.timezone);
  await checkOwner(db, workspaceId, input.ownerId);
  if (input.companyId) input.companyId = (await getCompany(db, workspaceId, input.companyId)).id;
  const definitions = await listCustomFields(db, workspaceId, 'contact');
  const custom = validateCustomValues(definitions, input.custom ?? {}, { requireAll: !existing, current: existing?.custom });
  const values: Partial<Contact> = {};
  for (const field of Object.keys(columns) as PlainField[]) {
    const value = field === 'email' ? email : input[field];
    if (value !== undefined) (values as Record<string, unknown>)[field] = typeof value === 'string' ? value.trim() || null : value;
  }
  if (input.tags !== undefined) values.tags = normaliseTags(input.tags);
  if (input.custom !== undefined) {
    const next = { ...existing?.custom, ...custom.set };
    for (const key of custom.remove) delete next[key];
    values.custom = next;
  }
  return values;
}

function toColumns(values: Partial<Contact>) {
  const row: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (field in values) row[column] = values[field as PlainField];
  }
  if (values.tags !== undefined) row.tags = values.tags;
  if (values.custom !== undefined) row.custom = JSON.stringify(values.custom);
  return row;
}

export async function createContact(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: ContactInput): Promise<Contact> {
  const values = await prepare(db, workspaceId, input);
  if (!values.email && !values.firstName && !values.lastName && !values.phone) {
    throw badRequest('a contact needs at least an email, a name or a phone number', 'email');
  }
  checkRequiredFields(await getRecordRules(db, workspaceId, 'contact'), values);
  // Linked to the employer by email domain unless a company is given; free mail never links.
  const domain = values.email && values.companyId === undefined ? companyDomainOfEmail(values.email) : null;
  if (domain) values.companyId = await companyForDomain(db, clock, workspaceId, actor, domain);
  const now = clock.now();
  await describeChange(db, { actor, at: now });
  const row = await db.insertInto('contacts')
    .values({ workspace_id: workspaceId, ...toColumns(values), created_at: now, updated_at: now } as never)
    .returningAll().executeTakeFirstOrThrow();
  const contact = toContact(row as ContactRow);
  await recordTouchpoint(db, clock, {
    workspaceId, kind: 'record.created', contactId: contact.id, companyId: contact.companyId, actor,
    source: { type: 'contact', id: contact.id }, data: { source: contact.source },
  });
  return contact;
}

export async function getContact(db: DbOrTx, workspaceId: string, id: string): Promise<Contact> {
  const liveId = await resolveId(db, workspaceId, 'contact', id);
  const row = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', liveId).executeTakeFirst();
  return toContact(notFoundUnless(row, 'Contact'));
}

/** Names and emails of contacts, for views that show who an id is (missing ids are absent). */
export async function contactSummaries(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, { id: string; name: string; email: string | null; companyName: string | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('contacts')
    .leftJoin('companies', (join) => join.onRef('companies.workspace_id', '=', 'contacts.workspace_id').onRef('companies.id', '=', 'contacts.company_id'))
    .select(['contacts.id', 'contacts.first_name', 'contacts.last_name', 'contacts.email', 'companies.name as company_name'])
    .where('contacts.workspace_id', '=', workspaceId).where('contacts.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id, email: row.email, companyName: row.company_name,
    name: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.email || 'Unnamed contact',
  }]));
}

export async function findContactByEmail(db: DbOrTx, workspaceId: string, email: string): Promise<Contact | null> {
  const row = await db.selectFrom('contacts').selectAll()
    .where('workspace_id', '=', workspaceId).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? toContact(row) : null;
}

export async function updateContact(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: ContactInput): Promise<Contact> {
  const before = await getContact(db, workspaceId, id);
  const values = await prepare(db, workspaceId, input, before);
  checkRequiredFields(await getRecordRules(db, workspaceId, 'contact'), { ...before, ...values });
  if (values.email && !before.companyId && values.companyId === undefined) {
    const domain = companyDomainOfEmail(values.email);
    if (domain) values.companyId = await companyForDomain(db, clock, workspaceId, actor, domain);
  }
  const changes = fieldChanges(before as unknown as Record<string, unknown>, values, [...Object.keys(columns), 'tags', 'custom']);
  if (!changes.length) return before;
  await describeChange(db, { actor, at: clock.now() });
  const row = await db.updateTable('contacts').set({ ...toColumns(values), updated_at: clock.now() } as never)
    .where('workspace_id', '=', workspaceId).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
  const contact = toContact(row as ContactRow);
  await recordTouchpoint(db, clock, {
    workspaceId, kind: 'record.updated', contactId: contact.id, companyId: contact.companyId, actor,
    source: { type: 'contact', id: contact.id }, data: { changes },
  });
  return contact;
}

export async function deleteContact(db: DbOrTx, workspaceId: string, id: string): Promise<void> {
  const contact = await getContact(db, workspaceId, id);
  await db.deleteFrom('contacts').where('workspace_id', '=', workspaceId).where('id', '=', contact.id).execute();
}

export interface ContactListQuery {
  email?: string;
  q?: string;
  ownerId?: string;
  companyId?: string;
  lifecycleStage?: string;
  tag?: string;
  country?: string;
  sort?: string;
  limit: number;
  cursor?: string;
  [custom: `custom.${string}`]: unknown;
}

const contactSortable = {
  created_at: 'time', updated_at: 'time', last_name: 'text', first_name: 'text', email: 'text', country: 'text', lifecycle_stage: 'text',
} as const;

/** The trigram-indexed text a contact is searched by. */
export const contactSearchText = sql<string>`(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))`;

export async function listContacts(db: DbOrTx, workspaceId: string, query: ContactListQuery) {
  const definitions = await listCustomFields(db, workspaceId, 'contact');
  const sort = sortSpec(query.sort ?? '-created_at', contactSortable, definitions);
  let select = db.selectFrom('contacts').selectAll().select(sort.expression.as('sort_value')).where('workspace_id', '=', workspaceId);
  if (query.email) select = select.where('email', '=', normaliseEmail(query.email));
  if (query.q) select = select.where(sql<boolean>`${contactSearchText} ilike ${`%${escapeLike(query.q)}%`}`);
  if (query.ownerId) select = select.where('owner_id', '=', query.ownerId);
  if (query.companyId) select = select.where('company_id', '=', query.companyId);
  if (query.lifecycleStage) select = select.where('lifecycle_stage', '=', query.lifecycleStage);
  if (query.tag) select = select.where(sql<boolean>`tags @> array[${query.tag}]::text[]`);
  if (query.country) select = select.where('country', '=', query.country);
  for (const filter of customFilters(query, definitions)) select = select.where(sql<boolean>`custom @> ${JSON.stringify(filter)}::jsonb`);
  if (query.cursor) {
    const [value, id] = decodeCursor(query.cursor);
    select = select.where(sql<boolean>`(${sort.expression}, id) ${sql.raw(sort.descending ? '<' : '>')} (${value}, ${id})`);
  }
  const direction = sql.raw(sort.descending ? 'desc' : 'asc');
  const rows = await select.orderBy(sql`${sort.expression} ${direction}, id ${direction}`).limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map((row) => toContact(row as ContactRow)), nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_value, last.id) : null };
}

/** Contacts with their companies, many at once (for personalising a send). */
export async function contactsWithCompanies(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, { contact: Contact; company: Company | null }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const contacts = rows.map((row) => toContact(row as ContactRow));
  const companyIds = [...new Set(contacts.map((contact) => contact.companyId).filter((id): id is string => !!id))];
  const companies = companyIds.length
    ? new Map((await db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', companyIds).execute())
      .map((row) => [row.id, toCompany(row as never)]))
    : new Map<string, Company>();
  return new Map(contacts.map((contact) => [contact.id, { contact, company: contact.companyId ? companies.get(contact.companyId) ?? null : null }]));
}
