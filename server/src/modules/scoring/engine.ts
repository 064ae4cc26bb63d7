import { type RawBuilder, sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { contactPredicates, eventPredicate, type EventRuleCondition } from '../segments/index.js';
import { listRules, type ScoringRule } from './rules.js';
import { derivedColumns, gradeOf, levelOf, type ScoringSettings, tierOf } from './settings.js';

/**
 * How scores are computed, always set-based:
 *  - engagement: each stored event batch is matched against every active engagement rule
 *    in one statement; caps are per calendar period (UTC day, week, month, or ever), so the
 *    points an event earns depend only on the rule's earlier points in its period;
 *  - fit: the fit rules a set of contacts match now, diffed against what they matched
 *    before — the gained and lost rules are the ledger's entries;
 *  - decay: engagement halves every half-life, applied once a day to everyone; points for
 *    an event older than the last decay run are decayed by its age when they are added.
 */

/** Which events a scoring pass reads. */
export type EventScope =
  | { kind: 'batch'; ids: number[]; from: Date; to: Date; relinked: string[] }
  | { kind: 'all' };

const zero = new Date(0);

export async function lastDecayAt(db: DbOrTx, workspaceId: string): Promise<Date> {
  const row = await db.selectFrom('score_decay_runs').select((eb) => eb.fn.max('at').as('at')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.at ? new Date(row.at) : zero;
}

function bucketBounds(at: RawBuilder<unknown>, period: RawBuilder<unknown>) {
  const start = sql`(case when ${period} in ('day', 'week', 'month') then date_trunc(${period}, ${at}, 'UTC') else '-infinity'::timestamptz end)`;
  const end = sql`(case when ${period} in ('day', 'week', 'month') then date_trunc(${period}, ${at}, 'UTC') + ('1 ' || ${period})::interval else 'infinity'::timestamptz end)`;
  return { start, end };
}

/**
 * The points each matching event earns under each rule, capped. Yields rows
 * (contact_id, rule_id, rule_name, event_id, event_name, occurred_at, granted).
 * With `prior`, points already in the ledger for the period count against the cap.
 */
function grants(workspaceId: string, rules: ScoringRule[], scope: EventScope, prior: boolean): RawBuilder<unknown> {
  // A batch's events (and the history of contacts just identified) are read once, then
  // matched against each rule; a full replay reads the events table once per rule.
  const source = scope.kind === 'all' ? sql`events` : sql`scoped`;
  const scoped = scope.kind === 'all' ? sql`` : sql`scoped as materialized (
      select e.* from events e
       where e.workspace_id = ${workspaceId} and e.contact_id is not null
         and ((e.id = any(${scope.ids}::bigint[]) and e.occurred_at between ${scope.from}::timestamptz and ${scope.to}::timestamptz)
              ${scope.relinked.length ? sql`or e.contact_id = any(${scope.relinked}::uuid[])` : sql``})
    ),`;
  // An event is scored once per rule, whichever batch reached it first (the unique index backs
  // this): what the ledger already holds for these events is read once, by event id.
  const scored = scope.kind === 'all' ? sql`` : sql`scored as materialized (
      select l.rule_id, l.event_id from score_ledger l where l.workspace_id = ${workspaceId} and l.event_id in (select id from scoped)
    ),`;
  const branches = rules.map((rule, index) => {
    const unscored = scope.kind === 'batch'
      ? sql` and not exists (select 1 from scored s where s.rule_id = ${rule.id}::uuid and s.event_id = e.id)`
      : sql``;
    return sql`select e.contact_id, e.id as event_id, coalesce(e.name, e.page_path) as event_name, e.occurred_at, ${index}::int as rule_index
                 from ${source} e where ${eventPredicate(workspaceId, rule.condition as EventRuleCondition)}${unscored}`;
  });
  const table = JSON.stringify(rules.map((rule, index) => ({
    rule_index: index, id: rule.id, name: rule.name, points: rule.points, cap_points: rule.cap?.points ?? null, cap_period: rule.cap?.period ?? 'ever',
  })));
  const bounds = bucketBounds(sql.ref('m.occurred_at'), sql.ref('r.cap_period'));
  const priorPoints = prior
    ? sql`(select coalesce(sum(abs(l.points)), 0) from score_ledger l
            where l.workspace_id = ${workspaceId} and l.rule_id = x.rule_id and l.contact_id = x.contact_id
              and l.at >= x.bucket_start and l.at < x.bucket_end)`
    : sql`0`;
  return sql`
    with ${scoped}${scored}
    matched as (${sql.join(branches, sql` union all `)}),
    rules as (select * from jsonb_to_recordset(${table}::jsonb) as r(rule_index int, id uuid, name text, points int, cap_points int, cap_period text)),
    placed as (
      select m.contact_id, m.event_id, m.event_name, m.occurred_at, r.id as rule_id, r.name as rule_name, r.points, r.cap_points,
             ${bounds.start} as bucket_start, ${bounds.end} as bucket_end
        from matched m join rules r using (rule_index)
    ),
    running as (
      select x.*, sum(abs(x.points)) over (partition by x.contact_id, x.rule_id, x.bucket_start order by x.occurred_at, x.event_id) as run
        from placed x
    )
    select x.contact_id, x.rule_id, x.rule_name, x.event_id, x.event_name, x.occurred_at,
           case when x.cap_points is null then x.points
                else sign(x.points) * greatest(0, least(abs(x.points), x.cap_points - ${priorPoints} - (x.run - abs(x.points)))) end as granted
      from running x`;
}

/** What a point earned at `at` is worth after the decay runs since. */
function decayed(points: RawBuilder<unknown>, at: RawBuilder<unknown>, decayedAt: Date, settings: ScoringSettings) {
  return sql`(${points} * power(0.5, greatest(0, extract(epoch from (${decayedAt}::timestamptz - ${at}))) / 86400.0 / ${settings.halfLifeDays}))::numeric`;
}

/** Scores stored events; returns the contacts whose engagement changed. */
export async function scoreEvents(trx: Tx, clock: Clock, workspaceId: string, settings: ScoringSettings, scope: EventScope & { kind: 'batch' }): Promise<string[]> {
  const rules = await listRules(trx, workspaceId, { kind: 'engagement', activeOnly: true });
  if (!rules.length) return [];
  const decayedAt = await lastDecayAt(trx, workspaceId);
  const now = clock.now();
  const engagement = sql`s.engagement + excluded.engagement`;
  const { rows } = await sql<{ contact_id: string }>`
    with granted as (${grants(workspaceId, rules, scope, true)}),
    earned as (select * from granted where granted <> 0),
    ledger as (
      insert into score_ledger (workspace_id, contact_id, kind, rule_id, rule_name, event_id, event_name, points, at)
      select ${workspaceId}::uuid, contact_id, 'engagement', rule_id, rule_name, event_id, event_name, granted, occurred_at from earned
    ),
    deltas as (
      select contact_id, round(sum(${decayed(sql.ref('granted'), sql.ref('occurred_at'), decayedAt, settings)}), 2) as delta from earned group by contact_id
    )
    insert into contact_scores as s (workspace_id, contact_id, engagement, fit_grade, engagement_level, tier, updated_at)
    select ${workspaceId}::uuid, contact_id, delta, ${gradeOf(settings, sql`0`)}, ${levelOf(settings, sql.ref('delta'))}, ${tierOf(settings, sql`0`, sql.ref('delta'))}, ${now}::timestamptz
      from deltas
    on conflict (workspace_id, contact_id) do update
       set engagement = ${engagement}, updated_at = excluded.updated_at, ${derivedColumns(settings, sql.ref('s.fit'), engagement)}
    returning s.contact_id`.execute(trx);
  return rows.map((row) => row.contact_id);
}

/**
 * Everyone's engagement again from the stored events, under the rules as they are now (a
 * rule was added, changed or archived). The engagement ledger is replaced.
 */
export async function rescoreEngagement(trx: Tx, clock: Clock, workspaceId: string, settings: ScoringSettings): Promise<string[]> {
  const rules = await listRules(trx, workspaceId, { kind: 'engagement', activeOnly: true });
  const decayedAt = await lastDecayAt(trx, workspaceId);
  const now = clock.now();
  // Points given by hand or by a journey (no rule) are kept; the rules' points are earned again.
  await trx.deleteFrom('score_ledger').where('workspace_id', '=', workspaceId).where('kind', '=', 'engagement').where('rule_id', 'is not', null).execute();
  // Without rules, nobody earns anything: every engagement is cleared.
  const earned = rules.length
    ? sql`granted as (${grants(workspaceId, rules, { kind: 'all' }, false)}),
          earned as (select * from granted where granted <> 0),`
    : sql`earned as (select null::uuid as contact_id, null::uuid as rule_id, null::text as rule_name, null::bigint as event_id,
                            null::text as event_name, null::timestamptz as occurred_at, 0 as granted where false),`;
  const { rows } = await sql<{ contact_id: string }>`
    with ${earned}
    ledger as (
      insert into score_ledger (workspace_id, contact_id, kind, rule_id, rule_name, event_id, event_name, points, at)
      select ${workspaceId}::uuid, contact_id, 'engagement', rule_id, rule_name, event_id, event_name, granted, occurred_at from earned
    ),
    given as (
      select contact_id, granted, occurred_at from earned
      union all
      select contact_id, points, at from score_ledger where workspace_id = ${workspaceId} and kind = 'engagement' and rule_id is null
    ),
    totals as (
      select contact_id, round(sum(${decayed(sql.ref('granted'), sql.ref('occurred_at'), decayedAt, settings)}), 2) as engagement from given group by contact_id
    ),
    upserted as (
      insert into contact_scores as s (workspace_id, contact_id, engagement, fit_grade, engagement_level, tier, updated_at)
      select ${workspaceId}::uuid, contact_id, engagement, ${gradeOf(settings, sql`0`)}, ${levelOf(settings, sql.ref('engagement'))}, ${tierOf(settings, sql`0`, sql.ref('engagement'))}, ${now}::timestamptz
        from totals
      on conflict (workspace_id, contact_id) do update
         set engagement = excluded.engagement, updated_at = excluded.updated_at, ${derivedColumns(settings, sql.ref('s.fit'), sql.ref('excluded.engagement'))}
      returning s.contact_id
    ),
    cleared as (
      update contact_scores s set engagement = 0, updated_at = ${now}::timestamptz, ${derivedColumns(settings, sql.ref('s.fit'), sql`0`)}
       where s.workspace_id = ${workspaceId} and s.engagement <> 0 and s.contact_id not in (select contact_id from totals)
      returning s.contact_id
    )
    select contact_id from upserted union all select contact_id from cleared`.execute(trx);
  return rows.map((row) => row.contact_id);
}

/**
 * Fit for `scope` (or everyone): the rules each contact matches now against those it
 * matched, the difference written to the ledger. Returns the contacts whose fit changed.
 */
export async function scoreFit(trx: Tx, clock: Clock, workspaceId: string, settings: ScoringSettings, scope: string[] | null): Promise<string[]> {
  if (scope && !scope.length) return [];
  const rules = await listRules(trx, workspaceId, { kind: 'fit', activeOnly: true });
  const now = clock.now();
  const predicates = await contactPredicates(trx, workspaceId, now, rules.map((rule) => rule.condition), scope);
  const inScope = (column: RawBuilder<unknown>) => (scope ? sql` and ${column} = any(${scope}::uuid[])` : sql``);
  const matches = rules.length
    ? sql.join(rules.map((rule, index) => sql`
        select c.id as contact_id, ${rule.id}::uuid as rule_id, ${rule.name}::text as rule_name, ${rule.points}::int as points
          from contacts c where c.workspace_id = ${workspaceId}${inScope(sql.ref('c.id'))} and ${predicates[index]!}`), sql` union all `)
    : sql`select null::uuid as contact_id, null::uuid as rule_id, null::text as rule_name, 0 as points where false`;
  const { rows } = await sql<{ contact_id: string }>`
    with matches as (${matches}),
    previous as (
      select f.contact_id, f.rule_id, r.name as rule_name, f.points
        from contact_fit_matches f join scoring_rules r on r.workspace_id = f.workspace_id and r.id = f.rule_id
       where f.workspace_id = ${workspaceId}${inScope(sql.ref('f.contact_id'))}
    ),
    gained as (
      select m.contact_id, m.rule_id, m.rule_name, m.points, m.points - coalesce(p.points, 0) as delta
        from matches m left join previous p using (contact_id, rule_id)
       where p.points is distinct from m.points
    ),
    lost as (
      select p.* from previous p where not exists (select 1 from matches m where m.contact_id = p.contact_id and m.rule_id = p.rule_id)
    ),
    removed as (
      delete from contact_fit_matches f using lost
       where f.workspace_id = ${workspaceId} and f.contact_id = lost.contact_id and f.rule_id = lost.rule_id
    ),
    added as (
      insert into contact_fit_matches (workspace_id, contact_id, rule_id, points)
      select ${workspaceId}::uuid, contact_id, rule_id, points from gained
      on conflict (workspace_id, contact_id, rule_id) do update set points = excluded.points
    ),
    ledger as (
      insert into score_ledger (workspace_id, contact_id, kind, rule_id, rule_name, points, at)
      select ${workspaceId}::uuid, contact_id, 'fit', rule_id, rule_name, delta, ${now}::timestamptz from gained
      union all
      select ${workspaceId}::uuid, contact_id, 'fit', rule_id, rule_name, -points, ${now}::timestamptz from lost
    ),
    touched as (select contact_id from gained union select contact_id from lost),
    totals as (select t.contact_id, coalesce(sum(m.points), 0)::int as fit from touched t left join matches m using (contact_id) group by t.contact_id)
    insert into contact_scores as s (workspace_id, contact_id, fit, fit_grade, engagement_level, tier, updated_at)
    select ${workspaceId}::uuid, contact_id, fit, ${gradeOf(settings, sql.ref('fit'))}, ${levelOf(settings, sql`0`)}, ${tierOf(settings, sql.ref('fit'), sql`0`)}, ${now}::timestamptz
      from totals
    on conflict (workspace_id, contact_id) do update
       set fit = excluded.fit, updated_at = excluded.updated_at, ${derivedColumns(settings, sql.ref('excluded.fit'), sql.ref('s.engagement'))}
    returning s.contact_id`.execute(trx);
  return rows.map((row) => row.contact_id);
}

/**
 * The daily decay: everyone's engagement times 0.5^(days since the last run / half-life),
 * grades and tiers with it, in one statement. Returns how many contacts it changed.
 */
export async function decayEngagement(trx: Tx, clock: Clock, workspaceId: string, settings: ScoringSettings): Promise<number> {
  const now = clock.now();
  const since = await lastDecayAt(trx, workspaceId);
  const days = since.getTime() === 0 ? 1 : (now.getTime() - since.getTime()) / 86_400_000;
  if (days <= 0) return 0;
  const factor = 0.5 ** (days / settings.halfLifeDays);
  const engagement = sql`round(s.engagement * ${factor}::numeric, 2)`;
  const result = await sql`
    update contact_scores s set engagement = ${engagement}, ${derivedColumns(settings, sql.ref('s.fit'), engagement)}
     where s.workspace_id = ${workspaceId} and s.engagement <> 0`.execute(trx);
  const contacts = Number(result.numAffectedRows ?? 0);
  await trx.insertInto('score_decay_runs').values({ workspace_id: workspaceId, factor, contacts, at: now }).execute();
  return contacts;
}

/** Grades and tiers again for everyone, after the thresholds changed. */
export async function regrade(trx: Tx, workspaceId: string, settings: ScoringSettings): Promise<void> {
  await sql`update contact_scores s set ${derivedColumns(settings, sql.ref('s.fit'), sql.ref('s.engagement'))} where s.workspace_id = ${workspaceId}`.execute(trx);
}

/** Points given without a rule (a journey's "add score" step), now, to each contact. Returns the contacts scored. */
export async function givePoints(trx: Tx, clock: Clock, workspaceId: string, settings: ScoringSettings, contactIds: string[], points: number, label: string): Promise<string[]> {
  if (!contactIds.length) return [];
  const now = clock.now();
  const engagement = sql`s.engagement + excluded.engagement`;
  const { rows } = await sql<{ contact_id: string }>`
    with ledger as (
      insert into score_ledger (workspace_id, contact_id, kind, rule_id, rule_name, event_id, event_name, points, at)
      select ${workspaceId}::uuid, id, 'engagement', null, ${label}, null, null, ${points}, ${now}::timestamptz from unnest(${contactIds}::uuid[]) as c(id)
    )
    insert into contact_scores as s (workspace_id, contact_id, engagement, fit_grade, engagement_level, tier, updated_at)
    select ${workspaceId}::uuid, id, ${points}::numeric, ${gradeOf(settings, sql`0`)}, ${levelOf(settings, sql`${points}::numeric`)}, ${tierOf(settings, sql`0`, sql`${points}::numeric`)}, ${now}::timestamptz
      from unnest(${contactIds}::uuid[]) as c(id)
    on conflict (workspace_id, contact_id) do update
       set engagement = ${engagement}, updated_at = excluded.updated_at, ${derivedColumns(settings, sql.ref('s.fit'), engagement)}
    returning s.contact_id`.execute(trx);
  return rows.map((row) => row.contact_id);
}
