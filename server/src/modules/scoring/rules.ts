import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { checkCondition, type Condition, DefinitionError, isEventRuleCondition } from '../segments/index.js';
import type { CapPeriod, RuleKind } from './tables.js';

export const rescoreQueue = 'scoring.rescore';

export interface ScoringRule {
  id: string;
  kind: RuleKind;
  name: string;
  condition: Condition;
  points: number;
  cap: { points: number; period: CapPeriod } | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleInput {
  kind: RuleKind;
  name: string;
  condition: unknown;
  points: number;
  cap?: { points: number; period: CapPeriod } | null;
  active?: boolean;
}

type RuleRow = {
  id: string; kind: RuleKind; name: string; condition: unknown; points: number; cap_points: number | null; cap_period: CapPeriod | null;
  active: boolean; created_at: Date; updated_at: Date;
};

const columns = ['id', 'kind', 'name', 'condition', 'points', 'cap_points', 'cap_period', 'active', 'created_at', 'updated_at'] as const;

function toRule(row: RuleRow): ScoringRule {
  return {
    id: row.id, kind: row.kind, name: row.name, condition: row.condition as Condition, points: row.points,
    cap: row.cap_points && row.cap_period ? { points: row.cap_points, period: row.cap_period } : null,
    active: row.active, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/**
 * A rule as sent, checked: a fit rule is a condition of the segment language on the
 * contact's and company's attributes; an engagement rule names the event one occurrence
 * of which earns the points (an event with property filters, an email opened or clicked,
 * a form submitted) — how often is the cap's business, not the condition's.
 */
async function checkRule(db: DbOrTx, workspaceId: string, input: RuleInput): Promise<Condition> {
  let checked;
  try {
    checked = await checkCondition(db, workspaceId, input.condition, 'condition');
  } catch (error) {
    if (error instanceof DefinitionError) throw badRequest(error.message, error.path);
    throw error;
  }
  const { condition, dependencies } = checked;
  if (input.kind === 'fit') {
    if (dependencies.events.length || dependencies.time) {
      throw badRequest('a fit rule reads attributes of the contact and its company; score events with an engagement rule', 'condition');
    }
    if (dependencies.fields.includes('score')) throw badRequest('a fit rule cannot read scores: it would score itself', 'condition');
  } else {
    if (!isEventRuleCondition(condition)) throw badRequest('an engagement rule names one event: type event, email or form', 'condition.type');
    if ('count' in condition && condition.count) throw badRequest('an engagement rule scores each event; limit it with a cap instead of a count', 'condition.count');
    if (condition.window && condition.window.type !== 'ever') throw badRequest('an engagement rule has no window; engagement decays with the half-life instead', 'condition.window');
  }
  if (input.cap && input.kind === 'fit') throw badRequest('caps limit engagement rules only', 'cap');
  if (input.cap && input.cap.points < Math.abs(input.points)) throw badRequest('the cap must be at least the points of one event', 'cap.points');
  return condition;
}

export async function listRules(db: DbOrTx, workspaceId: string, options: { kind?: RuleKind; activeOnly?: boolean } = {}): Promise<ScoringRule[]> {
  let query = db.selectFrom('scoring_rules').select(columns).where('workspace_id', '=', workspaceId).where('archived_at', 'is', null);
  if (options.kind) query = query.where('kind', '=', options.kind);
  if (options.activeOnly) query = query.where('active', '=', true);
  const rows = await query.orderBy('kind').orderBy('created_at').execute();
  return rows.map(toRule);
}

export async function getRule(db: DbOrTx, workspaceId: string, id: string): Promise<ScoringRule> {
  const row = await db.selectFrom('scoring_rules').select(columns)
    .where('workspace_id', '=', workspaceId).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('scoring rule');
  return toRule(row);
}

/** After a rule change, everyone's score of that kind is computed again, set-based, in the background. */
async function rescoreLater(db: DbOrTx, clock: Clock, workspaceId: string, kind: RuleKind) {
  await enqueue(db, clock, { queue: rescoreQueue, workspaceId, payload: { kind } });
}

export async function createRule(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: RuleInput): Promise<ScoringRule> {
  const condition = await checkRule(db, workspaceId, input);
  const now = clock.now();
  const row = await db.insertInto('scoring_rules').values({
    workspace_id: workspaceId, kind: input.kind, name: input.name.trim(), condition: JSON.stringify(condition), points: input.points,
    cap_points: input.cap?.points ?? null, cap_period: input.cap?.period ?? null, active: input.active ?? true, created_at: now, updated_at: now,
  }).returning(columns).executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'scoring_rule.created', target: { type: 'scoring_rule', id: row.id }, data: { name: row.name, points: row.points } });
  await rescoreLater(db, clock, workspaceId, input.kind);
  return toRule(row);
}

export async function updateRule(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, patch: Partial<RuleInput>): Promise<ScoringRule> {
  const before = await getRule(db, workspaceId, id);
  if (patch.kind && patch.kind !== before.kind) throw badRequest('a rule keeps its kind; create a new rule instead', 'kind');
  const merged: RuleInput = {
    kind: before.kind, name: patch.name ?? before.name, condition: patch.condition ?? before.condition, points: patch.points ?? before.points,
    cap: patch.cap === undefined ? before.cap : patch.cap, active: patch.active ?? before.active,
  };
  const condition = await checkRule(db, workspaceId, merged);
  const row = await db.updateTable('scoring_rules').set({
    name: merged.name.trim(), condition: JSON.stringify(condition), points: merged.points, cap_points: merged.cap?.points ?? null,
    cap_period: merged.cap?.period ?? null, active: merged.active ?? true, updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'scoring_rule.updated', target: { type: 'scoring_rule', id }, data: { name: row.name, points: row.points } });
  await rescoreLater(db, clock, workspaceId, before.kind);
  return toRule(row);
}

/** Archived, not deleted: the ledger keeps naming the rule that gave the points. */
export async function archiveRule(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string): Promise<void> {
  const rule = await getRule(db, workspaceId, id);
  await db.updateTable('scoring_rules').set({ archived_at: clock.now(), active: false })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'scoring_rule.archived', target: { type: 'scoring_rule', id }, data: { name: rule.name } });
  await rescoreLater(db, clock, workspaceId, rule.kind);
}
