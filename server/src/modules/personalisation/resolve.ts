import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { type ContentSlot, listSlots } from './slots.js';

export interface Visitor {
  anonymousId?: string | null;
  userId?: string | null;
}

export interface ShownContent {
  content: string;
  /** The segment whose rule gave the content, or `default`. */
  variant: string;
}

// Every page view of every visitor asks for its slots: the definitions are read once a
// second per workspace (and at once after a change made through this process).
const cacheMs = 1_000;
const cache = new Map<string, { at: number; slots: Promise<Map<string, ContentSlot>> }>();

export function forgetSlots(workspaceId: string) {
  cache.delete(workspaceId);
}

function activeSlots(db: DbOrTx, workspaceId: string): Promise<Map<string, ContentSlot>> {
  const hit = cache.get(workspaceId);
  if (hit && Date.now() - hit.at < cacheMs) return hit.slots;
  const slots = listSlots(db, workspaceId, { activeOnly: true }).then((list) => new Map(list.map((slot) => [slot.key, slot])));
  cache.set(workspaceId, { at: Date.now(), slots });
  slots.catch(() => cache.delete(workspaceId));
  return slots;
}

/** The segments of the visitor's contact (by browser, else by userId), in one indexed query; empty for a stranger. */
export async function visitorSegments(db: DbOrTx, workspaceId: string, visitor: Visitor): Promise<Set<string>> {
  if (!visitor.anonymousId && !visitor.userId) return new Set();
  const { rows } = await sql<{ segment_id: string }>`
    select m.segment_id from segment_members m
     where m.workspace_id = ${workspaceId}
       and m.contact_id = (
         select contact_id from (
           select v.contact_id, 1 as rank from visitors v where v.workspace_id = ${workspaceId} and v.key = ${visitor.anonymousId ?? null} and v.contact_id is not null
           union all
           select i.contact_id, 2 from contact_identities i where i.workspace_id = ${workspaceId} and i.kind = 'user_id' and i.value = ${visitor.userId ?? null}
         ) found order by rank limit 1)`.execute(db);
  return new Set(rows.map((row) => row.segment_id));
}

/** What one slot shows someone in these segments: the first rule whose segment they are in, else the default. */
export function contentFor(slot: ContentSlot, segments: Set<string>): ShownContent {
  const rule = slot.rules.find((candidate) => segments.has(candidate.segmentId));
  return rule ? { content: rule.content, variant: rule.segmentId } : { content: slot.defaultContent, variant: 'default' };
}

/** The content of each asked slot for this visitor; unknown and archived keys are left out. */
export async function resolveSlots(db: DbOrTx, workspaceId: string, visitor: Visitor, keys: string[]) {
  const [slots, segments] = await Promise.all([activeSlots(db, workspaceId), visitorSegments(db, workspaceId, visitor)]);
  const shown = new Map<ContentSlot, ShownContent>();
  for (const key of keys) {
    const slot = slots.get(key);
    if (slot) shown.set(slot, contentFor(slot, segments));
  }
  return shown;
}

/** The segments a contact is in (the editor's "show it as this contact"). */
export async function contactSegments(db: DbOrTx, workspaceId: string, contactId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('segment_members').select('segment_id').where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId).execute();
  return new Set(rows.map((row) => row.segment_id));
}
