import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { domainEventsChannel } from '../../platform/outbox.js';
import { assignOwnerIfNone, contactSummaries, funnelStages, moveLifecycleStage, recordTouchpoint } from '../contacts/index.js';
import { notify } from '../notifications/index.js';
import { scoresOf } from '../scoring/index.js';
import { type Condition, contactPredicates } from '../segments/index.js';
import { type LeadDefinition, liveDefinition } from './definitions.js';
import { chooseOwner, scheduleSla } from './routing.js';

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
 * meet it, are before MQL and have no open hand-off become MQL (the rule as the actor, the
 * scores as the reason), get a lead, an owner by routing, SLA timers, a notification and a
 * `lead.qualified` outbox event — all in the caller's transaction.
 */
export async function qualify(trx: Tx, ctx: AppContext, workspaceId: string, contactIds: string[]): Promise<string[]> {
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
       and ${predicate!}
       and not exists (
         select 1 from leads l where l.workspace_id = c.workspace_id and l.contact_id = c.id
            and (l.status = 'new' or (l.status = 'recycled' and l.rejected_at > ${now}::timestamptz - ${`${recycleCooldownDays} days`}::interval)))
     order by c.id
     for update of c`.execute(trx);
  if (!rows.length) return [];
  const qualified = rows.map((row) => row.id);
  const scores = await scoresOf(trx, workspaceId, qualified);
  const rule = { type: 'rule' as const, id: definition.id, label: `Lead definition v${definition.version}` };
  for (const contactId of qualified) {
    const score = scores.get(contactId)!;
    await moveLifecycleStage(trx, ctx.clock, workspaceId, [contactId], 'mql', {
      actor: rule, forwardOnly: true,
      reason: `fit ${score.fit} ≥ ${definition.criteria.fitMin} and engagement ${score.engagement} ≥ ${definition.criteria.engagementMin}`,
    });
    const assignment = await chooseOwner(trx, ctx.clock, workspaceId, contactId, definition);
    const dueAt = assignment.ownerId ? new Date(now.getTime() + definition.slaHours * 3_600_000) : null;
    const lead = await trx.insertInto('leads').values({
      workspace_id: workspaceId, contact_id: contactId, definition_id: definition.id, status: 'new', owner_id: assignment.ownerId, team_id: assignment.teamId,
      routed_by: assignment.routedBy, mql_at: now, assigned_at: assignment.ownerId ? now : null, sla_due_at: dueAt,
      fit: score.fit, engagement: String(score.engagement), grade: score.grade,
    }).returning('id').executeTakeFirstOrThrow();
    if (assignment.ownerId) {
      await assignOwnerIfNone(trx, ctx.clock, workspaceId, contactId, assignment.ownerId);
      await scheduleSla(trx, ctx.clock, workspaceId, lead.id, now, dueAt!);
    }
    const name = (await contactSummaries(trx, workspaceId, [contactId])).get(contactId)?.name ?? 'A contact';
    await notify(trx, ctx.clock, workspaceId, [assignment.ownerId], {
      kind: 'lead.assigned', title: `New lead: ${name} (${score.grade})`, body: `Accept or reject within ${definition.slaHours} hours. Routed by ${assignment.routedBy}.`, link: `/leads/${lead.id}`,
    });
    await recordTouchpoint(trx, ctx.clock, {
      workspaceId, kind: 'lead.qualified', contactId, actor: { type: 'system', label: rule.label },
      source: { type: 'lead', id: lead.id }, data: { grade: score.grade, fit: score.fit, engagement: score.engagement, ownerId: assignment.ownerId, routedBy: assignment.routedBy },
    });
    await trx.insertInto('domain_events').values({
      workspace_id: workspaceId, topic: 'lead.qualified', subject_id: contactId, created_at: now,
      payload: JSON.stringify({ leadId: lead.id, ownerId: assignment.ownerId, definitionVersion: definition.version }),
    }).execute();
  }
  await sql`select pg_notify(${domainEventsChannel}, ${workspaceId})`.execute(trx);
  return qualified;
}
