import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { listCustomFields, validateCustomValues } from './custom-fields.js';
import { normaliseTags } from './records.js';

/** Built-in contact fields an automation may write, by their API name. */
const columns: Record<string, string> = {
  firstName: 'first_name', lastName: 'last_name', phone: 'phone', jobTitle: 'job_title', persona: 'persona', seniority: 'seniority',
  country: 'country', city: 'city', timezone: 'timezone', source: 'source',
};

/**
 * Writes one field of many contacts in one statement (a journey's "update field" step): a
 * built-in field by its API name, or `custom.<key>` checked against the field's definition
 * (null clears it). The change feed hears of it like any other change.
 */
export async function setContactField(db: DbOrTx, clock: Clock, workspaceId: string, contactIds: string[], field: string, value: unknown): Promise<void> {
  if (!contactIds.length) return;
  const now = clock.now();
  if (field.startsWith('custom.')) {
    const key = field.slice('custom.'.length);
    const { set, remove } = validateCustomValues(await listCustomFields(db, workspaceId, 'contact'), { [key]: value }, { requireAll: false });
    const custom = remove.length ? sql`custom - ${key}::text` : sql`custom || ${JSON.stringify(set)}::jsonb`;
    await sql`update contacts set custom = ${custom}, updated_at = ${now} where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[])`.execute(db);
    return;
  }
  const column = columns[field];
  if (!column) throw new Error(`${field} is not a field an automation may write`);
  const text = value === null || value === undefined || value === '' ? null : String(value);
  await sql`update contacts set ${sql.ref(column)} = ${text}, updated_at = ${now} where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[])`.execute(db);
}

/** Adds or removes a tag on many contacts in one statement. */
export async function changeContactTags(db: DbOrTx, clock: Clock, workspaceId: string, contactIds: string[], action: 'add' | 'remove', tag: string): Promise<void> {
  const [normalised] = normaliseTags([tag]) ?? [];
  if (!contactIds.length || !normalised) return;
  const tags = action === 'add'
    ? sql`array(select distinct t from unnest(tags || array[${normalised}::text]) t order by t)`
    : sql`array_remove(tags, ${normalised}::text)`;
  const changed = action === 'add' ? sql`not (${normalised}::text = any(tags))` : sql`${normalised}::text = any(tags)`;
  await sql`update contacts set tags = ${tags}, updated_at = ${clock.now()}
             where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[]) and ${changed}`.execute(db);
}

/** Gives many contacts an owner in one statement. */
export async function setContactOwner(db: DbOrTx, clock: Clock, workspaceId: string, contactIds: string[], ownerId: string): Promise<void> {
  if (!contactIds.length) return;
  await sql`update contacts set owner_id = ${ownerId}::uuid, updated_at = ${clock.now()}
             where workspace_id = ${workspaceId} and id = any(${contactIds}::uuid[]) and owner_id is distinct from ${ownerId}::uuid`.execute(db);
}
