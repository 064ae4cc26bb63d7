import { sql, type RawBuilder } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { isMember } from '../accounts/index.js';
import type { CustomFieldDefinition } from './custom-fields.js';
import type { CrmObject } from './tables.js';

/** Shared by contacts and companies: ownership checks, merge redirects, sorting, cursors. */

export async function checkOwner(db: DbOrTx, workspaceId: string, ownerId: string | null | undefined) {
  if (ownerId && !(await isMember(db, workspaceId, ownerId))) {
    throw badRequest('ownerId must be a member of this workspace', 'ownerId');
  }
}

/** The live id for an id that may have been merged away (one hop: merges re-point redirects). */
export async function resolveId(db: DbOrTx, workspaceId: string, objectType: CrmObject, id: string): Promise<string> {
  const redirect = await db.selectFrom('record_redirects').select('new_id')
    .where('workspace_id', '=', workspaceId).where('object_type', '=', objectType).where('old_id', '=', id)
    .executeTakeFirst();
  return redirect?.new_id ?? id;
}

export function normaliseTags(tags: string[] | undefined): string[] | undefined {
  if (!tags) return undefined;
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))].sort();
}

export interface SortSpec {
  expression: RawBuilder<unknown>;
  descending: boolean;
}

/**
 * `-created_at`, `last_name`, `custom.arr` … → an ORDER BY expression that is never null
 * (so a keyset cursor over (expression, id) is exact).
 */
export function sortSpec(sort: string, standard: Record<string, 'text' | 'time' | 'number'>, definitions: CustomFieldDefinition[]): SortSpec {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  if (name.startsWith('custom.')) {
    const key = name.slice('custom.'.length);
    const definition = definitions.find((d) => d.key === key);
    if (!definition) throw badRequest(`cannot sort by ${name}: no such custom field`, 'sort');
    const value = sql`custom->>${key}`;
    const expression = definition.type === 'number'
      ? sql`coalesce((${value})::numeric, '-Infinity'::numeric)`
      : sql`coalesce(${value}, '')`;
    return { expression, descending };
  }
  const kind = standard[name];
  if (!kind) throw badRequest(`cannot sort by ${name}; use one of ${Object.keys(standard).join(', ')} or custom.<key>`, 'sort');
  const column = sql.ref(name);
  const expression = kind === 'text' ? sql`coalesce(${column}, '')` : kind === 'number' ? sql`coalesce(${column}, -1)` : sql`${column}`;
  return { expression, descending };
}

/** Filters on custom fields from `custom.<key>=value` query parameters (equality; any-of for multi-select). */
export function customFilters(query: object, definitions: CustomFieldDefinition[]): Record<string, unknown>[] {
  const filters: Record<string, unknown>[] = [];
  for (const [param, raw] of Object.entries(query as Record<string, unknown>)) {
    if (!param.startsWith('custom.')) continue;
    const key = param.slice('custom.'.length);
    const definition = definitions.find((d) => d.key === key);
    if (!definition) throw badRequest(`${param} is not a custom field`, param);
    const text = String(raw);
    let value: unknown = text;
    if (definition.type === 'number') {
      value = Number(text);
      if (!Number.isFinite(value)) throw badRequest(`${param} must be a number`, param);
    } else if (definition.type === 'boolean') {
      if (text !== 'true' && text !== 'false') throw badRequest(`${param} must be true or false`, param);
      value = text === 'true';
    } else if (definition.type === 'multi_select') {
      value = [text];
    }
    // Containment (@>) is what the GIN (workspace_id, custom jsonb_path_ops) index answers.
    filters.push({ [key]: value });
  }
  return filters;
}

export function notFoundUnless<T>(row: T | undefined, what: string): T {
  if (!row) throw notFound(what);
  return row;
}

/** Gives unowned contacts an owner each (routed leads'); an owned contact keeps its owner. */
export async function assignOwnersIfNone(db: DbOrTx, clock: Clock, workspaceId: string, owners: { contactId: string; ownerId: string }[]): Promise<void> {
  if (!owners.length) return;
  await sql`
    update contacts c set owner_id = o.owner_id, updated_at = ${clock.now()}::timestamptz
      from unnest(${owners.map((owner) => owner.contactId)}::uuid[], ${owners.map((owner) => owner.ownerId)}::uuid[]) as o(contact_id, owner_id)
     where c.workspace_id = ${workspaceId} and c.id = o.contact_id and c.owner_id is null`.execute(db);
}
