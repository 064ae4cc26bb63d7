import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { funnelStages } from '../contacts/index.js';

/**
 * The shared funnel, read from the lifecycle transitions: a contact has reached a stage when
 * it has been at that stage or a later one (stages may be skipped), first at the earliest
 * such transition. Conversion is from one stage to the next; time in stage is the median
 * time from reaching a stage to reaching the next. Contacts are grouped by the month they
 * entered the funnel (cohort) or by their first-touch channel (source).
 *
 * Reports read the tables of the modules they report on, in SQL: they are read-only views
 * across the system, and Postgres joins them far better than service calls would.
 */
export type FunnelGrouping = 'cohort' | 'source' | 'none';

export interface FunnelFilter {
  from: Date;
  to: Date;
  groupBy: FunnelGrouping;
}

export interface FunnelStage {
  stage: string;
  reached: number;
  /** Reached the next stage (null for the last stage). */
  converted: number | null;
  conversionRate: number | null;
  medianDaysToNext: number | null;
}

export interface FunnelGroup {
  key: string;
  stages: FunnelStage[];
}

const stagesArray = sql`${funnelStages}::text[]`;

function groupKey(grouping: FunnelGrouping): RawBuilder<string> {
  if (grouping === 'cohort') return sql<string>`to_char(e.entered_at at time zone 'UTC', 'YYYY-MM')`;
  if (grouping === 'source') return sql<string>`coalesce(c.first_touch->>'channel', 'unknown')`;
  return sql<string>`'all'`;
}

/** Per contact of the workspace that entered the funnel in [from, to): the stages it reached and when. */
function reachedSql(workspaceId: string, filter: FunnelFilter) {
  return sql`
    entered as (
      select t.contact_id, min(t.at) as entered_at from lifecycle_transitions t
       where t.workspace_id = ${workspaceId} group by t.contact_id
      having min(t.at) >= ${filter.from}::timestamptz and min(t.at) < ${filter.to}::timestamptz
    ),
    reached as (
      select t.contact_id, s.stage, s.position, min(t.at) as at
        from lifecycle_transitions t
        join entered e on e.contact_id = t.contact_id
        join unnest(${stagesArray}) with ordinality as s(stage, position) on array_position(${stagesArray}, t.to_stage) >= s.position
       where t.workspace_id = ${workspaceId}
       group by t.contact_id, s.stage, s.position
    ),
    grouped as (
      select r.contact_id, r.stage, r.position, r.at, ${groupKey(filter.groupBy)} as key
        from reached r join entered e on e.contact_id = r.contact_id
        join contacts c on c.workspace_id = ${workspaceId} and c.id = r.contact_id
    )`;
}

export async function funnelReport(db: DbOrTx, workspaceId: string, filter: FunnelFilter): Promise<{ total: FunnelStage[]; groups: FunnelGroup[] }> {
  const { rows } = await sql<{ key: string; stage: string; position: string; reached: string; converted: string; median_days: number | null }>`
    with ${reachedSql(workspaceId, filter)}
    select g.key, g.stage, g.position, count(*) as reached, count(n.contact_id) as converted,
           percentile_cont(0.5) within group (order by extract(epoch from (n.at - g.at)) / 86400.0) filter (where n.contact_id is not null) as median_days
      from grouped g left join grouped n on n.contact_id = g.contact_id and n.position = g.position + 1
     group by grouping sets ((g.key, g.stage, g.position), (g.stage, g.position))
     order by g.key nulls first, g.position`.execute(db);
  const toStage = (row: (typeof rows)[number]): FunnelStage => {
    const last = Number(row.position) === funnelStages.length;
    const reached = Number(row.reached);
    const converted = last ? null : Number(row.converted);
    return {
      stage: row.stage, reached, converted, conversionRate: converted === null || !reached ? null : Math.round((converted / reached) * 1000) / 10,
      medianDaysToNext: last || row.median_days === null ? null : Math.round(row.median_days * 10) / 10,
    };
  };
  const complete = (stages: FunnelStage[]) => funnelStages.map((stage) => stages.find((row) => row.stage === stage)
    ?? { stage, reached: 0, converted: stage === funnelStages.at(-1) ? null : 0, conversionRate: null, medianDaysToNext: null });
  const groups = new Map<string, FunnelStage[]>();
  for (const row of rows.filter((row) => row.key !== null)) groups.set(row.key, [...(groups.get(row.key) ?? []), toStage(row)]);
  return {
    total: complete(rows.filter((row) => row.key === null).map(toStage)),
    groups: filter.groupBy === 'none' ? [] : [...groups].map(([key, stages]) => ({ key, stages: complete(stages) })),
  };
}

/** The contacts behind a funnel figure: those of a group that reached a stage (and, optionally, the next). */
export async function funnelContacts(
  db: DbOrTx, workspaceId: string, filter: FunnelFilter & { stage: string; group?: string; converted?: boolean; limit: number },
): Promise<string[]> {
  const { rows } = await sql<{ contact_id: string }>`
    with ${reachedSql(workspaceId, filter)}
    select g.contact_id from grouped g
     where g.stage = ${filter.stage} ${filter.group ? sql`and g.key = ${filter.group}` : sql``}
       ${filter.converted === undefined ? sql`` : sql`and ${filter.converted ? sql`` : sql`not`} exists (select 1 from grouped n where n.contact_id = g.contact_id and n.position = g.position + 1)`}
     order by g.at desc limit ${filter.limit}`.execute(db);
  return rows.map((row) => row.contact_id);
}
