import type { DbOrTx } from '../../platform/db/database.js';
import { contactsByIdentity } from '../contacts/index.js';
import { visitorContact } from '../events/index.js';
import { segmentIdsOf } from '../segments/index.js';
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

/** The visitor's contact: the one their browser was identified as, else their userId's; null for a stranger. */
async function visitorsContact(db: DbOrTx, workspaceId: string, visitor: Visitor): Promise<string | null> {
  const byBrowser = visitor.anonymousId ? await visitorContact(db, workspaceId, visitor.anonymousId) : null;
  if (byBrowser || !visitor.userId) return byBrowser;
  return (await contactsByIdentity(db, workspaceId, 'user_id', [visitor.userId])).get(visitor.userId) ?? null;
}

/** The segments of the visitor's contact; empty for a stranger. */
async function visitorSegments(db: DbOrTx, workspaceId: string, visitor: Visitor): Promise<Set<string>> {
  const contactId = await visitorsContact(db, workspaceId, visitor);
  return contactId ? segmentIdsOf(db, workspaceId, contactId) : new Set();
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
