import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { existingSegmentIds } from '../segments/index.js';

/**
 * A content slot: a place on the customer's website (`<div data-tandem-slot="key">`) whose
 * content depends on who looks. Rules are tried in order; the first segment the visitor's
 * contact is in gives the content, and everyone else (strangers included) sees the default.
 */
export interface SlotRule {
  segmentId: string;
  content: string;
}

export interface ContentSlot {
  id: string;
  workspaceId: string;
  key: string;
  name: string;
  status: 'active' | 'archived';
  defaultContent: string;
  rules: SlotRule[];
  createdAt: Date;
  updatedAt: Date;
}

export interface SlotInput {
  key: string;
  name: string;
  defaultContent?: string;
  rules?: SlotRule[];
  archived?: boolean;
}

const columns = ['workspace_id', 'id', 'key', 'name', 'status', 'default_content', 'rules', 'created_at', 'updated_at'] as const;
type SlotRow = { workspace_id: string; id: string; key: string; name: string; status: 'active' | 'archived'; default_content: string; rules: unknown; created_at: Date; updated_at: Date };

function toSlot(row: SlotRow): ContentSlot {
  return {
    id: row.id, workspaceId: row.workspace_id, key: row.key, name: row.name, status: row.status, defaultContent: row.default_content,
    rules: row.rules as SlotRule[], createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function listSlots(db: DbOrTx, workspaceId: string, options: { activeOnly?: boolean } = {}): Promise<ContentSlot[]> {
  let query = db.selectFrom('content_slots').select(columns).where('workspace_id', '=', workspaceId);
  if (options.activeOnly) query = query.where('status', '=', 'active');
  return (await query.orderBy('status').orderBy('key').execute()).map((row) => toSlot(row as SlotRow));
}

export async function getSlot(db: DbOrTx, workspaceId: string, id: string): Promise<ContentSlot> {
  const row = await db.selectFrom('content_slots').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Content slot');
  return toSlot(row as SlotRow);
}

async function checked(db: DbOrTx, workspaceId: string, input: SlotInput) {
  const key = input.key.trim();
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(key)) throw badRequest('a slot key is lower-case letters, digits, - and _, like home-hero', 'key');
  const rules = input.rules ?? [];
  const segmentIds = rules.map((rule) => rule.segmentId);
  const known = await existingSegmentIds(db, workspaceId, segmentIds);
  rules.forEach((rule, index) => {
    if (!known.has(rule.segmentId)) throw badRequest('segmentId names no segment of this workspace', `rules[${index}].segmentId`);
    if (segmentIds.indexOf(rule.segmentId) !== index) throw badRequest('a segment may have one rule only', `rules[${index}].segmentId`);
  });
  return { key, name: input.name.trim(), default_content: input.defaultContent ?? '', rules: JSON.stringify(rules) };
}

const keyTaken = (error: unknown, key: string) => {
  if ((error as { code?: string }).code === '23505') return conflict(`a slot with the key ${key} exists`, 'key');
  return error;
};

export async function createSlot(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: SlotInput): Promise<ContentSlot> {
  const values = await checked(db, workspaceId, input);
  const now = clock.now();
  const row = await db.insertInto('content_slots').values({ workspace_id: workspaceId, ...values, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow().catch((error: unknown) => { throw keyTaken(error, values.key); });
  await recordAudit(db, clock, { workspaceId, actor, action: 'content_slot.created', target: { type: 'content_slot', id: row.id } });
  return getSlot(db, workspaceId, row.id);
}

export async function updateSlot(db: DbOrTx, clock: Clock, workspaceId: string, id: string, input: Partial<SlotInput>): Promise<ContentSlot> {
  const current = await getSlot(db, workspaceId, id);
  const values = await checked(db, workspaceId, { ...current, ...input });
  const status = input.archived === undefined ? current.status : input.archived ? 'archived' : 'active';
  await db.updateTable('content_slots').set({ ...values, status, updated_at: clock.now() })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).execute().catch((error: unknown) => { throw keyTaken(error, values.key); });
  return getSlot(db, workspaceId, id);
}
