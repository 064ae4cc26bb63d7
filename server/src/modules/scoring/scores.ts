import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { ContactChange } from '../contacts/index.js';
import { getContact, getCompany } from '../contacts/index.js';
import type { StoredBatch } from '../events/index.js';
import { reevaluateChangedContacts, recomputeSegmentsReading } from '../segments/index.js';
import { decayEngagement, givePoints, lastDecayAt, regrade, rescoreEngagement, scoreEvents, scoreFit } from './engine.js';
import { listRules } from './rules.js';
import { getSettings } from './settings.js';
import type { RuleKind, Tier } from './tables.js';

/** Told, in the transaction that changed them, whose scores changed (the lifecycle module checks MQL). */
export type ScoreListener = (trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[]) => Promise<void>;

const listeners: ScoreListener[] = [];

export function onScoresChanged(listener: ScoreListener): void {
  listeners.push(listener);
}

/** Segments reading a score and the listeners hear of the change in the same transaction: no extra hop. */
async function changed(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[]) {
  if (!contactIds.length) return;
  await reevaluateChangedContacts(trx, ctx, workspaceId, contactIds.map((id) => ({ id, fields: ['score'] })));
  for (const listener of listeners) await listener(trx, ctx, workspaceId, contactIds);
}

/**
 * Taken first in the transaction of every pass over a workspace's whole ledger (a rescore,
 * the decay, a regrade) and, shared, of every event batch's scoring: a pass waits for the
 * batches being scored and they wait for it. Without it a rescore replaces ledger entries
 * that a batch (or another rescore) is writing: one of them fails on the unique entry per
 * event, or they lock score rows in opposite orders and one dies of a deadlock.
 */
async function lockLedger(trx: Tx, workspaceId: string, mode: 'batch' | 'pass'): Promise<void> {
  const key = `scores:${workspaceId}`;
  if (mode === 'pass') await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
  else await sql`select pg_advisory_xact_lock_shared(hashtextextended(${key}, 0))`.execute(trx);
}

/** The event fan-out consumer. */
export async function onEvents(trx: Tx, ctx: AppContext, workspaceId: string, batch: StoredBatch): Promise<void> {
  const events = batch.events.filter((event) => event.contactId);
  if (!events.length && !batch.relinkedContacts.length) return;
  await lockLedger(trx, workspaceId, 'batch');
  const times = batch.events.map((event) => event.occurredAt.getTime());
  const settings = await getSettings(trx, workspaceId);
  const contacts = await scoreEvents(trx, ctx.clock, workspaceId, settings, {
    kind: 'batch', ids: batch.events.map((event) => event.id), from: new Date(Math.min(...times)), to: new Date(Math.max(...times)),
    relinked: batch.relinkedContacts,
  });
  await changed(trx, ctx, workspaceId, contacts);
}

/** Engagement points given without a rule (a journey step), kept through rescoring; segments and lifecycle hear of them. */
export async function addPoints(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[], points: number, label: string): Promise<void> {
  const settings = await getSettings(trx, workspaceId);
  await changed(trx, ctx, workspaceId, await givePoints(trx, ctx.clock, workspaceId, settings, contactIds, points, label));
}

/** The contacts change feed: fit again for contacts whose fields the fit rules read. */
export async function onContactsChanged(trx: Tx, ctx: AppContext, workspaceId: string, changes: ContactChange[]): Promise<void> {
  const rules = await listRules(trx, workspaceId, { kind: 'fit', activeOnly: true });
  if (!rules.length) return;
  const settings = await getSettings(trx, workspaceId);
  // A fit rule may read any contact or company field: any change but a score's own counts.
  const scope = changes.filter((change) => change.fields.some((field) => field !== 'score')).map((change) => change.id);
  await changed(trx, ctx, workspaceId, await scoreFit(trx, ctx.clock, workspaceId, settings, scope));
}

/**
 * Everyone's score of a kind, again (a rule changed). Segments reading scores are computed
 * again whole; the listeners hear of every contact whose score changed (some may now qualify).
 */
export async function rescore(ctx: AppContext, workspaceId: string, kind: RuleKind): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockLedger(trx, workspaceId, 'pass');
    const settings = await getSettings(trx, workspaceId);
    const contacts = kind === 'fit'
      ? await scoreFit(trx, ctx.clock, workspaceId, settings, null)
      : await rescoreEngagement(trx, ctx.clock, workspaceId, settings);
    await recomputeSegmentsReading(trx, ctx.clock, workspaceId, 'score');
    if (contacts.length) for (const listener of listeners) await listener(trx, ctx, workspaceId, contacts);
  });
}

/** The daily decay of every workspace that scores engagement. */
export async function decayAll(ctx: AppContext): Promise<void> {
  const workspaces = await ctx.db.selectFrom('contact_scores').select('workspace_id').distinct().execute();
  for (const { workspace_id: workspaceId } of workspaces) {
    await ctx.db.transaction().execute(async (trx) => {
      await lockLedger(trx, workspaceId, 'pass');
      const settings = await getSettings(trx, workspaceId);
      if (await decayEngagement(trx, ctx.clock, workspaceId, settings)) await recomputeSegmentsReading(trx, ctx.clock, workspaceId, 'score');
    });
  }
}

export async function regradeAll(ctx: AppContext, workspaceId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockLedger(trx, workspaceId, 'pass');
    await regrade(trx, workspaceId, await getSettings(trx, workspaceId));
    await recomputeSegmentsReading(trx, ctx.clock, workspaceId, 'score');
  });
}

export interface ContactScore {
  fit: number;
  engagement: number;
  fitGrade: string;
  engagementLevel: number;
  /** Fit grade and engagement level together, e.g. "A1" (best) to "D4". */
  grade: string;
  tier: Tier;
}

export async function scoresOf(db: DbOrTx, workspaceId: string, contactIds: string[]): Promise<Map<string, ContactScore>> {
  if (!contactIds.length) return new Map();
  const rows = await db.selectFrom('contact_scores').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).execute();
  const scores = new Map(rows.map((row) => [row.contact_id, {
    fit: row.fit, engagement: Number(row.engagement), fitGrade: row.fit_grade, engagementLevel: row.engagement_level,
    grade: `${row.fit_grade}${row.engagement_level}`, tier: row.tier,
  }]));
  for (const id of contactIds) if (!scores.has(id)) scores.set(id, { fit: 0, engagement: 0, fitGrade: 'D', engagementLevel: 4, grade: 'D4', tier: 'cold' });
  return scores;
}

/**
 * "Why this score": the fit rules the contact matches now, and the engagement ledger —
 * each entry with its points then and what they are worth after decay.
 */
export async function explainScore(db: DbOrTx, workspaceId: string, contactId: string, options: { limit?: number } = {}) {
  await getContact(db, workspaceId, contactId);
  const [scores, settings, decayedAt, fit, ledger] = await Promise.all([
    scoresOf(db, workspaceId, [contactId]),
    getSettings(db, workspaceId),
    lastDecayAt(db, workspaceId),
    db.selectFrom('contact_fit_matches as f').innerJoin('scoring_rules as r', (join) => join.onRef('r.workspace_id', '=', 'f.workspace_id').onRef('r.id', '=', 'f.rule_id'))
      .select(['f.rule_id', 'r.name', 'f.points']).where('f.workspace_id', '=', workspaceId).where('f.contact_id', '=', contactId)
      .orderBy('f.points', 'desc').execute(),
    db.selectFrom('score_ledger').select(['id', 'kind', 'rule_id', 'rule_name', 'event_id', 'event_name', 'points', 'at'])
      .where('workspace_id', '=', workspaceId).where('contact_id', '=', contactId)
      .orderBy('at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 100).execute(),
  ]);
  const worth = (points: number, at: Date) => {
    const days = Math.max(0, (decayedAt.getTime() - at.getTime()) / 86_400_000);
    return Math.round(points * 0.5 ** (days / settings.halfLifeDays) * 100) / 100;
  };
  return {
    ...scores.get(contactId)!,
    halfLifeDays: settings.halfLifeDays,
    lastDecayAt: decayedAt.getTime() === 0 ? null : decayedAt,
    fitRules: fit.map((row) => ({ ruleId: row.rule_id, name: row.name, points: row.points })),
    ledger: ledger.map((row) => ({
      id: row.id, kind: row.kind, ruleId: row.rule_id, rule: row.rule_name, eventId: row.event_id, event: row.event_name,
      points: Number(row.points), worth: row.kind === 'engagement' ? worth(Number(row.points), row.at) : Number(row.points), at: row.at,
    })),
  };
}

/** An account's score: its people's best fit, their engagement together, and the count per tier. */
export async function companyScore(db: DbOrTx, workspaceId: string, companyId: string) {
  await getCompany(db, workspaceId, companyId);
  const { rows: [row] } = await sql<{ contacts: string; best_fit: number | null; engagement: string | null; hot: string; warm: string }>`
    select count(*) as contacts, max(s.fit) as best_fit, sum(s.engagement) as engagement,
           count(*) filter (where s.tier = 'hot') as hot, count(*) filter (where s.tier = 'warm') as warm
      from contacts c left join contact_scores s on s.workspace_id = c.workspace_id and s.contact_id = c.id
     where c.workspace_id = ${workspaceId} and c.company_id = ${companyId}`.execute(db);
  const contacts = Number(row!.contacts);
  const hot = Number(row!.hot);
  const warm = Number(row!.warm);
  return {
    contacts, bestFit: row!.best_fit ?? 0, engagement: Number(row!.engagement ?? 0),
    tiers: { hot, warm, cold: contacts - hot - warm },
  };
}
