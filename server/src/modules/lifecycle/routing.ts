import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import type { JobRequest } from '../../platform/jobs/queue.js';
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
export interface Router {
  /** The owner of one new lead; call in the order the leads should take their turns. */
  route(contactId: string): Promise<Assignment>;
}

export async function router(trx: Tx, clock: Clock, workspaceId: string, definition: LeadDefinition, contactIds: string[]): Promise<Router> {
  const { rules, fallbackTeamId, accountOwnerFirst } = definition.routing;
  // The rules compiled once for all the new leads' contacts.
  const predicates = await contactPredicates(trx, workspaceId, clock.now(), rules.map((rule) => rule.condition), contactIds);
  const locked = new Set<string>();

  const teamOf = async (contactId: string) => {
    for (const [index, rule] of rules.entries()) {
      const { rows } = await sql<{ hit: boolean }>`
        select exists (select 1 from contacts c where c.workspace_id = ${workspaceId} and c.id = ${contactId} and ${predicates[index]!}) as hit`.execute(trx);
      if (rows[0]?.hit) return { id: rule.teamId, routedBy: `rule: ${rule.name}` };
    }
    return fallbackTeamId ? { id: fallbackTeamId, routedBy: 'fallback team' } : null;
  };

  return {
    async route(contactId) {
      const contact = await getContact(trx, workspaceId, contactId);
      if (accountOwnerFirst && contact.companyId) {
        const company = await getCompany(trx, workspaceId, contact.companyId);
        if (company.ownerId) return { ownerId: company.ownerId, teamId: null, routedBy: `account owner of ${company.name}` };
      }
      const team = await teamOf(contactId);
      if (!team) return { ownerId: null, teamId: null, routedBy: 'no rule matched and no fallback team' };
      if (!locked.has(team.id)) {
        await sql`select 1 from sales_teams where workspace_id = ${workspaceId} and id = ${team.id} for update`.execute(trx);
        locked.add(team.id);
      }
      const { rows: [next] } = await sql<{ user_id: string }>`
        select m.user_id from sales_team_members m
         where m.workspace_id = ${workspaceId} and m.team_id = ${team.id} and not m.away
           and (select count(*) from leads l where l.workspace_id = m.workspace_id and l.owner_id = m.user_id and l.status in ('new', 'working')) < m.capacity
         order by m.last_assigned_at nulls first, m.user_id
         limit 1`.execute(trx);
      if (!next) return { ownerId: null, teamId: team.id, routedBy: `${team.routedBy}; every member is away or at capacity` };
      // Microseconds apart, so that turns taken in one transaction keep their order.
      await sql`update sales_team_members set last_assigned_at = greatest(${clock.now()}::timestamptz, coalesce(last_assigned_at, '-infinity') + interval '1 microsecond')
                 where workspace_id = ${workspaceId} and team_id = ${team.id} and user_id = ${next.user_id}`.execute(trx);
      return { ownerId: next.user_id, teamId: team.id, routedBy: `${team.routedBy}, round-robin` };
    },
  };
}

/** The SLA's two timers: a reminder at 75% of the time, the escalation at the deadline. */
export function slaTimers(workspaceId: string, leadId: string, assignedAt: Date, dueAt: Date): JobRequest[] {
  const reminderAt = new Date(assignedAt.getTime() + (dueAt.getTime() - assignedAt.getTime()) * 0.75);
  const key = `${leadId}:${dueAt.toISOString()}`;
  return [
    { queue: slaReminderQueue, workspaceId, payload: { leadId }, runAt: reminderAt, idempotencyKey: key },
    { queue: slaBreachQueue, workspaceId, payload: { leadId }, runAt: dueAt, idempotencyKey: key },
  ];
}
