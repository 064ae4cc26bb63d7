import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { contactSummaries } from '../contacts/index.js';
import { contactPredicates } from '../segments/index.js';
import { getScoringSettings } from '../scoring/index.js';
import { getDefinition, type LeadDefinition, liveDefinition } from './definitions.js';

export interface BacktestResult {
  definitionId: string;
  version: number;
  /** Contacts that would have become MQL in the window. */
  mql: number;
  /** Of those, how many reached opportunity, and customer, after qualifying. */
  reachedOpportunity: number;
  reachedCustomer: number;
  opportunityRate: number;
  sample: { contact: { id: string; name: string; email: string | null; companyName: string | null }; qualifiedAt: Date }[];
}

/**
 * Replays the last `days` days: when would each contact have met the definition? The
 * engagement at every ledger entry is rebuilt with decay — as a running sum of points
 * weighted 2^(t/h), times 2^(−t/h) at the entry — and the first entry at which it reaches the
 * threshold is the qualifying moment. Fit and the required conditions are read as they are
 * now (attributes change rarely; the history of every field is not kept). A contact that
 * later reached opportunity or customer counts as converted.
 */
async function replay(db: DbOrTx, clock: Clock, workspaceId: string, definition: LeadDefinition, days: number): Promise<BacktestResult> {
  const now = clock.now();
  const from = new Date(now.getTime() - days * 86_400_000);
  const { halfLifeDays } = await getScoringSettings(db, workspaceId);
  const { fitMin, engagementMin, conditions } = definition.criteria;
  const [required] = await contactPredicates(db, workspaceId, now, [conditions ?? { type: 'and', conditions: [] }]);
  const fitOf = sql`coalesce((select s.fit from contact_scores s where s.workspace_id = c.workspace_id and s.contact_id = c.id), 0)`;
  const age = (at: ReturnType<typeof sql.ref>) => sql`(extract(epoch from (${at} - ${now}::timestamptz)) / 86400.0 / ${halfLifeDays})`;
  const { rows } = await sql<{ contact_id: string; qualified_at: Date; opportunity: boolean; customer: boolean }>`
    with eligible as (
      select c.id from contacts c where c.workspace_id = ${workspaceId} and ${fitOf} >= ${fitMin} and ${required!}
    ),
    running as (
      select l.contact_id, l.at,
             sum(l.points * power(2, ${age(sql.ref('l.at'))})) over (partition by l.contact_id order by l.at, l.id) * power(2, -${age(sql.ref('l.at'))}) as engagement
        from score_ledger l join eligible e on e.id = l.contact_id
       where l.workspace_id = ${workspaceId} and l.kind = 'engagement' and l.at <= ${now}::timestamptz
    ),
    qualified as (
      select contact_id, min(at) as qualified_at from running where engagement >= ${engagementMin} and at >= ${from}::timestamptz group by contact_id
      union all
      -- No engagement needed: a fitting contact qualifies when it is created.
      select c.id, c.created_at from contacts c join eligible e on e.id = c.id
       where ${engagementMin} <= 0 and c.workspace_id = ${workspaceId} and c.created_at >= ${from}::timestamptz
    )
    select q.contact_id, min(q.qualified_at) as qualified_at,
           bool_or(exists (select 1 from lifecycle_transitions t where t.workspace_id = ${workspaceId} and t.contact_id = q.contact_id
                            and t.to_stage in ('opportunity', 'customer', 'evangelist') and t.at >= q.qualified_at)) as opportunity,
           bool_or(exists (select 1 from lifecycle_transitions t where t.workspace_id = ${workspaceId} and t.contact_id = q.contact_id
                            and t.to_stage in ('customer', 'evangelist') and t.at >= q.qualified_at)) as customer
      from qualified q group by q.contact_id order by min(q.qualified_at)`.execute(db);
  const opportunity = rows.filter((row) => row.opportunity).length;
  const sampled = rows.slice(0, 20);
  const contacts = await contactSummaries(db, workspaceId, sampled.map((row) => row.contact_id));
  return {
    definitionId: definition.id, version: definition.version, mql: rows.length, reachedOpportunity: opportunity,
    reachedCustomer: rows.filter((row) => row.customer).length, opportunityRate: rows.length ? Math.round((opportunity / rows.length) * 1000) / 10 : 0,
    sample: sampled.flatMap((row) => (contacts.has(row.contact_id) ? [{ contact: contacts.get(row.contact_id)!, qualifiedAt: row.qualified_at }] : [])),
  };
}

/** A definition (typically a draft) beside the live one over the same window. */
export async function backtest(db: DbOrTx, clock: Clock, workspaceId: string, definitionId: string, days: number) {
  const definition = await getDefinition(db, workspaceId, definitionId);
  const live = await liveDefinition(db, workspaceId);
  return {
    days,
    definition: await replay(db, clock, workspaceId, definition, days),
    live: live && live.id !== definition.id ? await replay(db, clock, workspaceId, live, days) : null,
  };
}
