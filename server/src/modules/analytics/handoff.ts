import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { funnelStages } from '../contacts/index.js';

export interface Period {
  from: Date;
  to: Date;
}

/**
 * SLA compliance of the leads assigned in the period, by owner and by team: answered in time
 * (accepted, rejected or converted before the deadline), answered late, breached and still
 * open, open and within the SLA; with the median time to answer.
 */
export async function slaReport(db: DbOrTx, workspaceId: string, period: Period, now: Date) {
  const { rows } = await sql<{
    owner_id: string | null; owner_name: string | null; team_id: string | null; team_name: string | null;
    assigned: string; in_time: string; late: string; breached_open: string; open: string; median_hours: number | null;
  }>`
    with answered as (
      select l.*, least(l.accepted_at, l.rejected_at, l.converted_at) as answered_at from leads l
       where l.workspace_id = ${workspaceId} and l.assigned_at >= ${period.from}::timestamptz and l.assigned_at < ${period.to}::timestamptz
    )
    select a.owner_id, u.name as owner_name, a.team_id, t.name as team_name, count(*) as assigned,
           count(*) filter (where a.answered_at <= a.sla_due_at) as in_time,
           count(*) filter (where a.answered_at > a.sla_due_at) as late,
           count(*) filter (where a.answered_at is null and a.sla_due_at < ${now}::timestamptz) as breached_open,
           count(*) filter (where a.answered_at is null and a.sla_due_at >= ${now}::timestamptz) as open,
           percentile_cont(0.5) within group (order by extract(epoch from (a.answered_at - a.assigned_at)) / 3600.0) filter (where a.answered_at is not null) as median_hours
      from answered a
      left join users u on u.id = a.owner_id
      left join sales_teams t on t.workspace_id = a.workspace_id and t.id = a.team_id
     group by a.owner_id, u.name, a.team_id, t.name
     order by t.name nulls last, u.name nulls last`.execute(db);
  const byOwner = rows.map((row) => {
    const due = Number(row.in_time) + Number(row.late) + Number(row.breached_open);
    return {
      ownerId: row.owner_id, ownerName: row.owner_name ?? 'Unassigned', teamId: row.team_id, teamName: row.team_name,
      assigned: Number(row.assigned), inTime: Number(row.in_time), late: Number(row.late), breachedOpen: Number(row.breached_open), open: Number(row.open),
      compliance: due ? Math.round((Number(row.in_time) / due) * 1000) / 10 : null,
      medianHoursToAnswer: row.median_hours === null ? null : Math.round(row.median_hours * 10) / 10,
    };
  });
  const teams = new Map<string, { teamId: string | null; teamName: string; assigned: number; inTime: number; late: number; breachedOpen: number; open: number }>();
  for (const row of byOwner) {
    const key = row.teamId ?? 'none';
    const team = teams.get(key) ?? { teamId: row.teamId, teamName: row.teamName ?? 'No team', assigned: 0, inTime: 0, late: 0, breachedOpen: 0, open: 0 };
    team.assigned += row.assigned; team.inTime += row.inTime; team.late += row.late; team.breachedOpen += row.breachedOpen; team.open += row.open;
    teams.set(key, team);
  }
  const byTeam = [...teams.values()].map((team) => {
    const due = team.inTime + team.late + team.breachedOpen;
    return { ...team, compliance: due ? Math.round((team.inTime / due) * 1000) / 10 : null };
  });
  return { byOwner, byTeam };
}

/** Rejections per month (UTC) and reason. */
export async function rejectionReport(db: DbOrTx, workspaceId: string, period: Period) {
  const { rows } = await sql<{ month: string; reason: string; count: string }>`
    select to_char(rejected_at at time zone 'UTC', 'YYYY-MM') as month, reject_reason as reason, count(*) as count
      from leads
     where workspace_id = ${workspaceId} and rejected_at >= ${period.from}::timestamptz and rejected_at < ${period.to}::timestamptz
     group by 1, 2 order by 1, 3 desc`.execute(db);
  return rows.map((row) => ({ month: row.month, reason: row.reason, count: Number(row.count) }));
}

/**
 * Lead sources by first-touch channel, for contacts that entered the funnel in the period:
 * how many became leads, MQLs, SQLs and customers, and the amount of the deals they won.
 */
export async function sourceReport(db: DbOrTx, workspaceId: string, period: Period) {
  const stages = sql`${funnelStages}::text[]`;
  const { rows } = await sql<{ source: string; contacts: string; leads: string; mqls: string; sqls: string; customers: string; won_amount: string | null }>`
    with entered as (
      select t.contact_id, max(array_position(${stages}, t.to_stage)) as furthest from lifecycle_transitions t
       where t.workspace_id = ${workspaceId} group by t.contact_id
      having min(t.at) >= ${period.from}::timestamptz and min(t.at) < ${period.to}::timestamptz
    ),
    won as (
      select dc.contact_id, sum(d.amount) as amount from deal_contacts dc
        join deals d on d.workspace_id = dc.workspace_id and d.id = dc.deal_id
       where dc.workspace_id = ${workspaceId} and d.status = 'won' group by dc.contact_id
    )
    select coalesce(c.first_touch->>'channel', 'unknown') as source, count(*) as contacts,
           count(*) filter (where e.furthest >= array_position(${stages}, 'lead')) as leads,
           count(*) filter (where e.furthest >= array_position(${stages}, 'mql')) as mqls,
           count(*) filter (where e.furthest >= array_position(${stages}, 'sql')) as sqls,
           count(*) filter (where e.furthest >= array_position(${stages}, 'customer')) as customers,
           sum(w.amount) as won_amount
      from entered e join contacts c on c.workspace_id = ${workspaceId} and c.id = e.contact_id
      left join won w on w.contact_id = e.contact_id
     group by 1 order by count(*) desc`.execute(db);
  return rows.map((row) => ({
    source: row.source, contacts: Number(row.contacts), leads: Number(row.leads), mqls: Number(row.mqls), sqls: Number(row.sqls),
    customers: Number(row.customers), wonAmount: Number(row.won_amount ?? 0),
  }));
}

/** The leads behind an SLA or rejection figure. */
export async function leadsBehind(
  db: DbOrTx, workspaceId: string, period: Period, now: Date,
  filter: {
    ownerId?: string; teamId?: string; outcome?: 'in_time' | 'late' | 'breached_open' | 'open'; rejected?: boolean; reason?: string; month?: string; limit: number;
  },
): Promise<{ leadId: string; contactId: string }[]> {
  const answeredAt = sql`least(l.accepted_at, l.rejected_at, l.converted_at)`;
  const outcome = {
    in_time: sql`${answeredAt} <= l.sla_due_at`, late: sql`${answeredAt} > l.sla_due_at`,
    breached_open: sql`${answeredAt} is null and l.sla_due_at < ${now}::timestamptz`, open: sql`${answeredAt} is null and l.sla_due_at >= ${now}::timestamptz`,
  };
  const byRejection = filter.rejected || filter.reason !== undefined || filter.month !== undefined;
  // 'none' selects the leads without an owner (or a team).
  const of = (column: string, value: string | undefined) => (value === undefined ? sql`` : value === 'none' ? sql`and ${sql.ref(column)} is null` : sql`and ${sql.ref(column)} = ${value}`);
  const time = byRejection ? sql`l.rejected_at` : sql`l.assigned_at`;
  const { rows } = await sql<{ id: string; contact_id: string }>`
    select l.id, l.contact_id from leads l
     where l.workspace_id = ${workspaceId} and ${time} >= ${period.from}::timestamptz and ${time} < ${period.to}::timestamptz
       ${of('l.owner_id', filter.ownerId)} ${of('l.team_id', filter.teamId)}
       ${byRejection ? sql`and l.rejected_at is not null` : sql``}
       ${filter.outcome ? sql`and ${outcome[filter.outcome]}` : sql``}
       ${filter.reason ? sql`and l.reject_reason = ${filter.reason}` : sql``}
       ${filter.month ? sql`and to_char(l.rejected_at at time zone 'UTC', 'YYYY-MM') = ${filter.month}` : sql``}
     order by ${time} desc limit ${filter.limit}`.execute(db);
  return rows.map((row) => ({ leadId: row.id, contactId: row.contact_id }));
}
