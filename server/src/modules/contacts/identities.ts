import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { type DbOrTx, prepared } from '../../platform/db/database.js';
import type { Touch } from './tables.js';

/**
 * The known side of the identity graph: ids other systems use for a contact (the
 * product's userId, external ids) or a company (a groupId). An id names one record.
 */
export type ContactIdentityKind = 'user_id' | `external:${string}`;
export type CompanyIdentityKind = 'group_id' | `external:${string}`;

export async function contactsByIdentity(db: DbOrTx, workspaceId: string, kind: ContactIdentityKind, values: string[]): Promise<Map<string, string>> {
  if (!values.length) return new Map();
  const rows = await db.selectFrom('contact_identities').select(['value', 'contact_id'])
    .where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('value', 'in', values).execute();
  return new Map(rows.map((row) => [row.value, row.contact_id]));
}

/**
 * Ties an id to a contact unless it already names one. Returns the contact the id names
 * afterwards: `contactId`, or the one it named before.
 */
export async function linkContactIdentity(db: DbOrTx, clock: Clock, workspaceId: string, kind: ContactIdentityKind, value: string, contactId: string): Promise<string> {
  const inserted = await db.insertInto('contact_identities')
    .values({ workspace_id: workspaceId, kind, value, contact_id: contactId, created_at: clock.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing())
    .returning('contact_id').executeTakeFirst();
  if (inserted) return inserted.contact_id;
  const existing = await db.selectFrom('contact_identities').select('contact_id')
    .where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('value', '=', value).executeTakeFirstOrThrow();
  return existing.contact_id;
}

/** What identity resolution needs to know of a record to tell that nothing changes. */
export interface KnownRecord {
  id: string;
  email: string | null;
  companyId: string | null;
  traits: Record<string, unknown>;
}

export interface KnownIdentities {
  byUserId: Map<string, KnownRecord>;
  byEmail: Map<string, KnownRecord>;
  companiesByGroupId: Map<string, KnownRecord>;
}

/**
 * The contacts and companies a batch's ids name, in one round trip, so that a person or
 * an account identified again (every page of a signed-in user) costs no further query.
 */
export async function lookupIdentities(db: DbOrTx, workspaceId: string, ids: { userIds: string[]; emails: string[]; groupIds: string[] }): Promise<KnownIdentities> {
  const known: KnownIdentities = { byUserId: new Map(), byEmail: new Map(), companiesByGroupId: new Map() };
  if (!ids.userIds.length && !ids.emails.length && !ids.groupIds.length) return known;
  const { rows } = await sql<{ kind: 'user' | 'email' | 'group'; key: string; id: string; email: string | null; company_id: string | null; traits: Record<string, unknown> }>`${prepared}
    select 'user' as kind, i.value as key, c.id, c.email, c.company_id, c.traits
      from contact_identities i join contacts c on c.workspace_id = i.workspace_id and c.id = i.contact_id
     where i.workspace_id = ${workspaceId} and i.kind = 'user_id' and i.value = any(${ids.userIds}::text[])
    union all
    select 'email', c.email, c.id, c.email, c.company_id, c.traits
      from contacts c where c.workspace_id = ${workspaceId} and c.email = any(${ids.emails}::text[])
    union all
    select 'group', i.value, co.id, null, null, co.traits
      from company_identities i join companies co on co.workspace_id = i.workspace_id and co.id = i.company_id
     where i.workspace_id = ${workspaceId} and i.kind = 'group_id' and i.value = any(${ids.groupIds}::text[])`.execute(db);
  const maps = { user: known.byUserId, email: known.byEmail, group: known.companiesByGroupId };
  for (const row of rows) maps[row.kind].set(row.key, { id: row.id, email: row.email, companyId: row.company_id, traits: row.traits });
  return known;
}

export async function listContactIdentities(db: DbOrTx, workspaceId: string, contactId: string) {
  const rows = await db.selectFrom('contact_identities').select(['kind', 'value', 'created_at'])
    .where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).orderBy('created_at').execute();
  return rows.map((row) => ({ kind: row.kind, value: row.value, createdAt: row.created_at }));
}

export async function companyByIdentity(db: DbOrTx, workspaceId: string, kind: CompanyIdentityKind, value: string): Promise<string | null> {
  const row = await db.selectFrom('company_identities').select('company_id')
    .where('workspace_id', '=', workspaceId).where('kind', '=', kind).where('value', '=', value).executeTakeFirst();
  return row?.company_id ?? null;
}

export async function linkCompanyIdentity(db: DbOrTx, clock: Clock, workspaceId: string, kind: CompanyIdentityKind, value: string, companyId: string): Promise<void> {
  await db.insertInto('company_identities')
    .values({ workspace_id: workspaceId, kind, value, company_id: companyId, created_at: clock.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing()).execute();
}

/** Merging re-points the duplicate's ids to the survivor (the key has no record id, so no clash). */
export async function moveIdentities(db: DbOrTx, workspaceId: string, objectType: 'contact' | 'company', fromId: string, toId: string): Promise<void> {
  if (objectType === 'contact') {
    await db.updateTable('contact_identities').set({ contact_id: toId })
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', fromId).execute();
  } else {
    await db.updateTable('company_identities').set({ company_id: toId })
      .where('workspace_id', '=', workspaceId).where('company_id', '=', fromId).execute();
  }
}

/**
 * Records visits as first and last touch, set-based: a contact keeps the earliest first
 * touch and the latest last touch it has seen, and so does its company over its contacts.
 */
export async function recordTouches(db: DbOrTx, workspaceId: string, touches: { contactId: string; first: Touch; last: Touch }[]): Promise<void> {
  if (!touches.length) return;
  const rows = JSON.stringify(touches.map((touch) => ({ contact_id: touch.contactId, first: touch.first, last: touch.last })));
  await sql`${prepared}
    with incoming as (
      select * from jsonb_to_recordset(${rows}::jsonb) as t(contact_id uuid, first jsonb, last jsonb)
    ), updated as (
      update contacts c set
        first_touch = case when c.first_touch is null or (i.first->>'at')::timestamptz < (c.first_touch->>'at')::timestamptz
                           then i.first else c.first_touch end,
        last_touch = case when c.last_touch is null or (i.last->>'at')::timestamptz >= (c.last_touch->>'at')::timestamptz
                          then i.last else c.last_touch end
        from incoming i
       where c.workspace_id = ${workspaceId} and c.id = i.contact_id
      returning c.company_id, i.first, i.last
    ), per_company as (
      select company_id,
             (array_agg(first order by (first->>'at')::timestamptz))[1] as first,
             (array_agg(last order by (last->>'at')::timestamptz desc))[1] as last
        from updated where company_id is not null group by company_id
    )
    update companies co set
      first_touch = case when co.first_touch is null or (p.first->>'at')::timestamptz < (co.first_touch->>'at')::timestamptz
                         then p.first else co.first_touch end,
      last_touch = case when co.last_touch is null or (p.last->>'at')::timestamptz >= (co.last_touch->>'at')::timestamptz
                        then p.last else co.last_touch end
      from per_company p
     where co.workspace_id = ${workspaceId} and co.id = p.company_id`.execute(db);
}
