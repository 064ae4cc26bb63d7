import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { getCompany, getContact } from '../contacts/index.js';
import { contactPredicates } from '../segments/index.js';
import type { LeadDefinition } from './definitions.js';

export const slaReminderQueue = 'lifecycle.sla_reminder';
export const slaBreachQueue = 'lifecycle.sla_breach';

export interface Assignment {
  ownerId: string | null;
  teamId: string | null;
  /** How the owner was found, shown with the lead: "account owner", "rule: Nordics → Team North", … */
  routedBy: string;
}

/**
 * Who gets a new lead: the company's account owner first (when the definition says so);
 * else the first routing rule the contact matches names a team, or the fallback team; within
 * the team, round-robin over members who are not away and below their capacity of open leads.
 * The team's row is locked while choosing, so two leads at once never take the same turn.
 */
export async function chooseOwner(trx: Tx, clock: Clock, workspaceId: string, contactId: string, definition: LeadDefinition): Promise<Assignment> {
  const contact = await getContact(trx, workspaceId, contactId);
  if (definition.routing.accountOwnerFirst && contact.companyId) {
    const company = await getCompany(trx, workspaceId, contact.companyId);
    if (company.ownerId) return { ownerId: company.ownerId, teamId: null, routedBy: `account owner of ${company.name}` };
  }
  const { rules, fallbackTeamId } = definition.routing;
  const predicates = await contactPredicates(trx, workspaceId, clock.now(), rules.map((rule) => rule.condition), [contactId]);
  let team: { id: string; routedBy: string } | null = null;
  for (const [index, rule] of rules.entries()) {
    const { rows } = await sql<{ hit: boolean }>`
      select exists (select 1 from contacts c where c.workspace_id = ${workspaceId} and c.id = ${contactId} and ${predicates[index]!}) as hit`.execute(trx);
    if (rows[0]?.hit) {
      team = { id: rule.teamId, routedBy: `rule: ${rule.name}` };
      break;
    }
  }
  team ??= fallbackTeamId ? { id: fallbackTeamId, routedBy: 'fallback team' } : null;
  if (!team) return { ownerId: null, teamId: null, routedBy: 'no rule matched and no fallback team' };

  await sql`select 1 from sales_teams where workspace_id = ${workspaceId} and id = ${team.id} for update`.execute(trx);
  const { rows: [next] } = await sql<{ user_id: string }>`
    select m.user_id from sales_team_members m
     where m.workspace_id = ${workspaceId} and m.team_id = ${team.id} and not m.away
       and (select count(*) from leads l where l.workspace_id = m.workspace_id and l.owner_id = m.user_id and l.status in ('new', 'working')) < m.capacity
     order by m.last_assigned_at nulls first, m.user_id
     limit 1`.execute(trx);
  if (!next) return { ownerId: null, teamId: team.id, routedBy: `${team.routedBy}; every member is away or at capacity` };
  await trx.updateTable('sales_team_members').set({ last_assigned_at: clock.now() })
    .where('workspace_id', '=', workspaceId).where('team_id', '=', team.id).where('user_id', '=', next.user_id).execute();
  return { ownerId: next.user_id, teamId: team.id, routedBy: `${team.routedBy}, round-robin` };
}

/** The SLA's two timers: a reminder at 75% of the time, the escalation at the deadline. */
export async function scheduleSla(trx: Tx, clock: Clock, workspaceId: string, leadId: string, assignedAt: Date, dueAt: Date): Promise<void> {
  const reminderAt = new Date(assignedAt.getTime() + (dueAt.getTime() - assignedAt.getTime()) * 0.75);
  await enqueue(trx, clock, { queue: slaReminderQueue, workspaceId, payload: { leadId }, runAt: reminderAt, idempotencyKey: `${leadId}:${dueAt.toISOString()}` });
  await enqueue(trx, clock, { queue: slaBreachQueue, workspaceId, payload: { leadId }, runAt: dueAt, idempotencyKey: `${leadId}:${dueAt.toISOString()}` });
}
