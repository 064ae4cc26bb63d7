import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import type { WorkspaceAccess } from '../../platform/http/access.js';
import type { ClaimedJob } from '../../platform/jobs/queue.js';
import type { AuditActor } from '../accounts/index.js';
import { contactSummaries, listTimeline, moveLifecycleStage, recordTouchpoint } from '../contacts/index.js';
import { createDeal } from '../deals/index.js';
import { notify } from '../notifications/index.js';
import { explainScore } from '../scoring/index.js';
import { getLifecycleSettings, otherReason } from './settings.js';
import type { LeadStatus } from './tables.js';

export type RejectOutcome = 'recycle' | 'disqualify';

const leadColumns = [
  'l.id', 'l.contact_id', 'l.definition_id', 'l.status', 'l.owner_id', 'l.team_id', 'l.routed_by', 'l.mql_at', 'l.assigned_at', 'l.sla_due_at',
  'l.reminded_at', 'l.escalated_at', 'l.accepted_at', 'l.rejected_at', 'l.reject_reason', 'l.reject_note', 'l.converted_at', 'l.deal_id',
  'l.fit', 'l.engagement', 'l.grade', 'l.tier', 'd.version as definition_version', 'd.sla_hours', 't.name as team_name',
] as const;

function baseQuery(db: DbOrTx, workspaceId: string) {
  return db.selectFrom('leads as l')
    .innerJoin('lead_definitions as d', (join) => join.onRef('d.workspace_id', '=', 'l.workspace_id').onRef('d.id', '=', 'l.definition_id'))
    .leftJoin('sales_teams as t', (join) => join.onRef('t.workspace_id', '=', 'l.workspace_id').onRef('t.id', '=', 'l.team_id'))
    .select(leadColumns).where('l.workspace_id', '=', workspaceId);
}

type LeadRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function toLeads(db: DbOrTx, workspaceId: string, rows: LeadRow[], clock: Clock) {
  const contacts = await contactSummaries(db, workspaceId, rows.map((row) => row.contact_id));
  const now = clock.now().getTime();
  return rows.map((row) => ({
    id: row.id, status: row.status, contact: contacts.get(row.contact_id) ?? { id: row.contact_id, name: 'Deleted contact', email: null, companyName: null },
    ownerId: row.owner_id, teamId: row.team_id, teamName: row.team_name, routedBy: row.routed_by, definitionVersion: row.definition_version,
    grade: row.grade, tier: row.tier, fit: row.fit, engagement: Number(row.engagement),
    mqlAt: row.mql_at, assignedAt: row.assigned_at, slaDueAt: row.sla_due_at,
    /** Milliseconds left to answer (negative once breached); null when answered or unassigned. */
    slaRemainingMs: row.status === 'new' && row.sla_due_at ? row.sla_due_at.getTime() - now : null,
    remindedAt: row.reminded_at, escalatedAt: row.escalated_at, acceptedAt: row.accepted_at, rejectedAt: row.rejected_at,
    rejectReason: row.reject_reason, rejectNote: row.reject_note, convertedAt: row.converted_at, dealId: row.deal_id,
  }));
}

export type Lead = Awaited<ReturnType<typeof toLeads>>[number];

/**
 * The sales queue: open leads first by SLA deadline (the most urgent on top), then by grade;
 * answered leads after, newest first.
 */
export async function listLeads(
  db: DbOrTx, clock: Clock, workspaceId: string, filter: { ownerId?: string; status?: LeadStatus[]; teamId?: string; limit: number },
) {
  let query = baseQuery(db, workspaceId);
  if (filter.ownerId) query = query.where('l.owner_id', '=', filter.ownerId);
  if (filter.teamId) query = query.where('l.team_id', '=', filter.teamId);
  if (filter.status?.length) query = query.where('l.status', 'in', filter.status);
  const rows = await query
    .orderBy(sql`l.status = 'new'`, 'desc').orderBy('l.sla_due_at', (ob) => ob.asc().nullsLast()).orderBy('l.grade').orderBy('l.mql_at', 'desc')
    .limit(filter.limit).execute();
  return toLeads(db, workspaceId, rows, clock);
}

export async function getLead(db: DbOrTx, clock: Clock, workspaceId: string, id: string): Promise<Lead> {
  const row = await baseQuery(db, workspaceId).where('l.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('lead');
  return (await toLeads(db, workspaceId, [row], clock))[0]!;
}

/**
 * Why this is a lead: the definition it met, the score with its ledger, and the trail of
 * touchpoints (pages, emails, forms, events) up to the hand-off.
 */
export async function explainLead(db: DbOrTx, clock: Clock, workspaceId: string, id: string) {
  const lead = await getLead(db, clock, workspaceId, id);
  const [score, trail] = await Promise.all([
    explainScore(db, workspaceId, lead.contact.id, { limit: 50 }),
    listTimeline(db, workspaceId, { contactId: lead.contact.id }, { limit: 50 }),
  ]);
  return { lead, score, trail: trail.items };
}

/** The owner answers; so may the owner's team lead or an admin, for a rep who is away. */
async function checkMayAnswer(db: DbOrTx, workspaceId: string, access: WorkspaceAccess, lead: Lead) {
  if (access.role === 'admin' || access.actor.type !== 'user') return;
  if (lead.ownerId === access.actor.id) return;
  if (lead.teamId) {
    const team = await db.selectFrom('sales_teams').select('lead_user_id').where('workspace_id', '=', workspaceId).where('id', '=', lead.teamId).executeTakeFirst();
    if (team?.lead_user_id === access.actor.id) return;
  }
  throw forbidden('only the lead\'s owner, their team lead or an admin answers this lead');
}

async function openLead(trx: Tx, clock: Clock, workspaceId: string, access: WorkspaceAccess, id: string): Promise<Lead> {
  await trx.selectFrom('leads').select('id').where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
  const lead = await getLead(trx, clock, workspaceId, id);
  if (lead.status !== 'new') throw conflict(`this lead is already ${lead.status}`, 'status');
  await checkMayAnswer(trx, workspaceId, access, lead);
  return lead;
}

/** Accepting moves the contact to SAL and starts the work. */
export async function acceptLead(trx: Tx, clock: Clock, workspaceId: string, access: WorkspaceAccess, id: string): Promise<Lead> {
  const lead = await openLead(trx, clock, workspaceId, access, id);
  const now = clock.now();
  await trx.updateTable('leads').set({ status: 'working', accepted_at: now, closed_by: userOf(access) }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await moveLifecycleStage(trx, clock, workspaceId, [lead.contact.id], 'sal', { actor: access.actor, reason: 'lead accepted', forwardOnly: true });
  await recordTouchpoint(trx, clock, { workspaceId, kind: 'lead.accepted', contactId: lead.contact.id, actor: access.actor, source: { type: 'lead', id } });
  return getLead(trx, clock, workspaceId, id);
}

/**
 * Rejecting needs a reason from the workspace's list (and a note for "other"). A recycled
 * lead goes back to nurturing at the lead stage; a disqualified one stays where it is, closed.
 */
export async function rejectLead(
  trx: Tx, clock: Clock, workspaceId: string, access: WorkspaceAccess, id: string,
  input: { reason?: string; note?: string | null; outcome?: RejectOutcome },
): Promise<Lead> {
  const lead = await openLead(trx, clock, workspaceId, access, id);
  const settings = await getLifecycleSettings(trx, workspaceId);
  if (!input.reason) throw badRequest(`a rejection needs a reason: one of ${settings.rejectReasons.map((reason) => reason.key).join(', ')}`, 'reason');
  const reason = settings.rejectReasons.find((candidate) => candidate.key === input.reason);
  if (!reason) throw badRequest(`reason must be one of ${settings.rejectReasons.map((candidate) => candidate.key).join(', ')}`, 'reason');
  const note = input.note?.trim() || null;
  if (reason.key === otherReason.key && !note) throw badRequest('"other" needs a note saying why', 'note');
  const outcome = input.outcome ?? 'recycle';
  const now = clock.now();
  await trx.updateTable('leads').set({
    status: outcome === 'recycle' ? 'recycled' : 'disqualified', rejected_at: now, reject_reason: reason.key, reject_note: note, closed_by: userOf(access),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  if (outcome === 'recycle') {
    await moveLifecycleStage(trx, clock, workspaceId, [lead.contact.id], 'lead', { actor: access.actor, reason: `recycled: ${reason.label}${note ? ` — ${note}` : ''}`, forwardOnly: false });
  }
  await recordTouchpoint(trx, clock, {
    workspaceId, kind: 'lead.rejected', contactId: lead.contact.id, actor: access.actor, source: { type: 'lead', id }, data: { reason: reason.key, note, outcome },
  });
  return getLead(trx, clock, workspaceId, id);
}

/** Converting creates a deal with the contact on it and moves the contact to opportunity. */
export async function convertLead(
  trx: Tx, clock: Clock, workspaceId: string, access: WorkspaceAccess, id: string,
  input: { dealName?: string; amount?: number | null; pipelineId?: string },
): Promise<Lead> {
  const lead = await getLead(trx, clock, workspaceId, id);
  if (lead.status !== 'new' && lead.status !== 'working') throw conflict(`this lead is ${lead.status}`, 'status');
  await checkMayAnswer(trx, workspaceId, access, lead);
  const now = clock.now();
  const deal = await createDeal(trx, clock, workspaceId, access.actor, {
    name: input.dealName?.trim() || `${lead.contact.companyName ?? lead.contact.name} — new business`, amount: input.amount ?? null,
    pipelineId: input.pipelineId, ownerId: lead.ownerId, contacts: [{ contactId: lead.contact.id }],
  });
  await trx.updateTable('leads').set({
    status: 'converted', converted_at: now, accepted_at: lead.acceptedAt ?? now, deal_id: deal.id, closed_by: userOf(access),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await moveLifecycleStage(trx, clock, workspaceId, [lead.contact.id], 'opportunity', { actor: access.actor, reason: `deal ${deal.name}`, forwardOnly: true });
  await recordTouchpoint(trx, clock, { workspaceId, kind: 'lead.converted', contactId: lead.contact.id, actor: access.actor, source: { type: 'lead', id }, data: { dealId: deal.id } });
  return getLead(trx, clock, workspaceId, id);
}

function userOf(access: WorkspaceAccess): string | null {
  return access.actor.type === 'user' ? access.actor.id : null;
}

const slaActor: AuditActor = { type: 'system', label: 'SLA' };

/** At 75% of the time: the owner is reminded, once, if the lead is still unanswered. */
export async function remindOwner(ctx: AppContext, job: ClaimedJob): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const lead = await getLead(trx, ctx.clock, job.workspaceId!, String(job.payload.leadId)).catch(() => null);
    if (!lead || lead.status !== 'new' || lead.remindedAt) return;
    await trx.updateTable('leads').set({ reminded_at: ctx.clock.now() }).where('workspace_id', '=', job.workspaceId!).where('id', '=', lead.id).execute();
    const hours = Math.max(0, Math.round((lead.slaRemainingMs ?? 0) / 3_600_000));
    await notify(trx, ctx.clock, job.workspaceId!, [lead.ownerId], {
      kind: 'lead.sla_reminder', title: `${hours} h left to answer ${lead.contact.name}`, body: 'Accept or reject the lead before its SLA runs out.', link: `/leads/${lead.id}`,
    });
  });
}

/** At the deadline: the team lead (or, without a team, the owner) hears of the breach, once. */
export async function escalateBreach(ctx: AppContext, job: ClaimedJob): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const lead = await getLead(trx, ctx.clock, job.workspaceId!, String(job.payload.leadId)).catch(() => null);
    if (!lead || lead.status !== 'new' || lead.escalatedAt) return;
    await trx.updateTable('leads').set({ escalated_at: ctx.clock.now() }).where('workspace_id', '=', job.workspaceId!).where('id', '=', lead.id).execute();
    const team = lead.teamId
      ? await trx.selectFrom('sales_teams').select('lead_user_id').where('workspace_id', '=', job.workspaceId!).where('id', '=', lead.teamId).executeTakeFirst()
      : undefined;
    await notify(trx, ctx.clock, job.workspaceId!, [team?.lead_user_id ?? lead.ownerId], {
      kind: 'lead.sla_breached', title: `SLA breached: ${lead.contact.name} is still unanswered`,
      body: `Routed by ${lead.routedBy}.`, link: `/leads/${lead.id}`,
    });
    await recordTouchpoint(trx, ctx.clock, { workspaceId: job.workspaceId!, kind: 'lead.sla_breached', contactId: lead.contact.id, actor: slaActor, source: { type: 'lead', id: lead.id } });
  });
}
