import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { domainEventsChannel } from '../../platform/outbox.js';
import { assignOwnersIfNone, contactSummaries, funnelStages, moveLifecycleStage, recordTouchpoints } from '../contacts/index.js';
import { enqueueAll } from '../../platform/jobs/queue.js';
import { notifyEach } from '../notifications/index.js';
import { scoresOf } from '../scoring/index.js';
import { type Condition, contactPredicates } from '../segments/index.js';
import { type LeadDefinition, liveDefinition } from './definitions.js';
import { router, slaTimers } from './routing.js';

/** A lead rejected and recycled qualifies again only after this long: nurture first. */
const recycleCooldownDays = 30;

/** The live definition's MQL criteria as one condition of the segment language. */
export function criteriaCondition(definition: Pick<LeadDefinition, 'criteria'>): Condition {
  const { fitMin, engagementMin, conditions } = definition.criteria;
  return {
    type: 'and',
    conditions: [
      { type: 'field', field: 'fitScore', operator: 'gte', value: fitMin },
      { type: 'field', field: 'engagementScore', operator: 'gte', value: engagementMin },
      ...(conditions ? [conditions] : []),
    ],
  };
}

/**
 * Checks contacts whose scores or fields changed against the live lead definition. Those who
 * meet it, are before MQL and have no open hand-off become MQL (the definition as the actor),
 * get a lead (with the scores that qualified it), an owner by routing, SLA timers, a
 * notification and a `lead.qualified` outbox event — all in the caller's transaction, each
 * kind of write one statement for all of them.
 */
export async function qualify(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[], handoff?: { by: string }): Promise<string[]> {
  if (!contactIds.length) return [];
  const definition = await liveDefinition(trx, workspaceId);
  if (!definition) return [];
  const now = ctx.clock.now();
  const [predicate] = await contactPredicates(trx, workspaceId, now, [criteriaCondition(definition)], contactIds);
  const order = sql`${funnelStages}::text[]`;
  const { rows } = await sql<{ id: string }>`
    select c.id from contacts c
     where c.workspace_id = ${workspaceId} and c.id = any(${contactIds}::uuid[])
       and array_position(${order}, c.lifecycle_stage) < array_position(${order}, 'mql'::text)
       and ${handoff ? sql`true` : predicate!}
       and not exists (
         select 1 from leads l where l.workspace_id = c.workspace_id and l.contact_id = c.id
            and (l.status = 'new' or (l.status = 'recycled' and l.rejected_at > ${now}::timestamptz - ${`${recycleCooldownDays} days`}::interval)))
     order by c.id
     for update of c`.execute(trx);
  if (!rows.length) return [];
  const qualified = rows.map((row) => row.id);
  const [scores, names, route] = await Promise.all([
    scoresOf(trx, workspaceId, qualified),
    contactSummaries(trx, workspaceId, qualified),
    router(trx, ctx.clock, workspaceId, definition, qualified),
  ]);
  const rule = { type: 'rule' as const, id: definition.id, label: `Lead definition v${definition.version}` };
  const { fitMin, engagementMin } = definition.criteria;
  await moveLifecycleStage(trx, ctx.clock, workspaceId, qualified, 'mql', {
    actor: rule, forwardOnly: true,
    reason: handoff ? `handed over to sales by ${handoff.by}` : `met lead definition v${definition.version}: fit ≥ ${fitMin} and engagement ≥ ${engagementMin}`,
  });
  // Routing takes turns one lead after the other; everything else is written for all at once.
  const leads = [];
  for (const contactId of qualified) {
    const assignment = await route.route(contactId);
    const score = scores.get(contactId)!;
    leads.push({
      workspace_id: workspaceId, contact_id: contactId, definition_id: definition.id, status: 'new' as const, owner_id: assignment.ownerId,
      team_id: assignment.teamId, routed_by: assignment.routedBy, mql_at: now, assigned_at: assignment.ownerId ? now : null,
      sla_due_at: assignment.ownerId ? new Date(now.getTime() + definition.slaHours * 3_600_000) : null,
      fit: score.fit, engagement: String(score.engagement), grade: score.grade, tier: score.tier,
    });
  }
  const created = await trx.insertInto('leads').values(leads).returning(['id', 'contact_id', 'owner_id', 'sla_due_at', 'grade', 'routed_by']).execute();
  const assigned = created.filter((lead) => lead.owner_id);
  await assignOwnersIfNone(trx, ctx.clock, workspaceId, assigned.map((lead) => ({ contactId: lead.contact_id, ownerId: lead.owner_id! })));
  await enqueueAll(trx, ctx.clock, assigned.flatMap((lead) => slaTimers(workspaceId, lead.id, now, lead.sla_due_at!)));
  await notifyEach(trx, ctx.clock, workspaceId, assigned.map((lead) => ({
    userId: lead.owner_id!, kind: 'lead.assigned', link: `/leads/${lead.id}`,
    title: `New lead: ${names.get(lead.contact_id)?.name ?? 'a contact'} (${lead.grade})`,
    body: `Accept or reject within ${definition.slaHours} hours. Routed by ${lead.routed_by}.`,
  })));
  await recordTouchpoints(trx, ctx.clock, created.map((lead) => {
    const score = scores.get(lead.contact_id)!;
    return {
      workspaceId, kind: 'lead.qualified', contactId: lead.contact_id, actor: { type: 'system' as const, label: rule.label }, source: { type: 'lead', id: lead.id },
      data: { grade: score.grade, fit: score.fit, engagement: score.engagement, ownerId: lead.owner_id, routedBy: lead.routed_by },
    };
  }));
  await trx.insertInto('domain_events').values(created.map((lead) => ({
    workspace_id: workspaceId, topic: 'lead.qualified', subject_id: lead.contact_id, created_at: now,
    payload: JSON.stringify({ leadId: lead.id, ownerId: lead.owner_id, definitionVersion: definition.version }),
  }))).execute();
  await sql`select pg_notify(${domainEventsChannel}, ${workspaceId})`.execute(trx);
  return qualified;
}

/**
 * Hands contacts to sales now, whatever their scores (a journey's "route to sales" step):
 * the lead, routing, SLA and notification are the live definition's. Returns who was handed over.
 */
export function routeToSales(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[], by: string): Promise<string[]> {
  return qualify(trx, ctx, workspaceId, contactIds, { by });
}
