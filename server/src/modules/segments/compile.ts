import { type RawBuilder, sql } from 'kysely';
import { escapeLike } from '../../platform/text.js';
import { lifecycleStages } from '../contacts/index.js';
import type { Catalog, FieldSpec } from './catalog.js';
import {
  asEventCondition, type Condition, type CountComparison, type EventCondition, type EventMatch, type EventTimeCondition, type EventWindow,
  type FieldCondition, negativeOperators, type PropertyFilter, type RelativeAmount,
} from './definition.js';

/**
 * Compiles a checked definition to one SQL predicate over `contacts c`: conditions on the
 * contact's own columns stay in the row's WHERE; company conditions, events and memberships
 * become `c.id in (set)` / `c.company_id in (set)` sub-queries, which Postgres answers with
 * one index scan and a hash each — set-based, whatever the number of contacts.
 *
 * `scope` (the contacts an event or a profile change concerns) is pushed into every
 * sub-query too, so a real-time re-evaluation reads only those contacts' rows.
 *
 * Every compiled condition is true or false, never null: "country is not FI" holds for a
 * contact whose country is unknown, as a marketer reading it expects.
 */
export interface CompileContext {
  workspaceId: string;
  now: Date;
  catalog: Catalog;
  scope?: string[] | null;
}

type Predicate = RawBuilder<boolean>;

const positiveOf: Record<string, string> = {
  not_equals: 'equals', not_contains: 'contains', not_in: 'in', excludes: 'includes', is_not_set: 'is_set', is_empty: 'is_not_empty', not_in_last: 'in_last',
};

const falseSql = sql<boolean>`false`;
const trueSql = sql<boolean>`true`;

export function compileCondition(condition: Condition, ctx: CompileContext): Predicate {
  switch (condition.type) {
    case 'and': case 'or':
      if (!condition.conditions.length) return condition.type === 'and' ? trueSql : falseSql;
      return sql<boolean>`(${sql.join(condition.conditions.map((child) => compileCondition(child, ctx)), sql` ${sql.raw(condition.type)} `)})`;
    case 'not':
      return sql<boolean>`not ${compileCondition(condition.condition, ctx)}`;
    case 'field':
      return fieldCondition(condition, ctx);
    case 'event':
      return eventCondition(condition, ctx);
    case 'email': case 'form':
      return eventCondition(asEventCondition(condition), ctx);
    case 'event_time':
      return eventTimeCondition(condition, ctx);
    case 'segment':
      return membership(sql`select m.contact_id from segment_members m where m.workspace_id = ${ctx.workspaceId} and m.segment_id = ${condition.segmentId}${scoped(sql.ref('m.contact_id'), ctx)}`, condition.operator);
    case 'list':
      return membership(sql`select m.contact_id from list_members m where m.workspace_id = ${ctx.workspaceId} and m.list_id = ${condition.listId}${scoped(sql.ref('m.contact_id'), ctx)}`, condition.operator);
    case 'bucket':
      return sql<boolean>`(${bucketOf(condition.seed)} between ${condition.from} and ${condition.to})`;
  }
}

/** Postgres' stable hash of the contact id (and seed): 0–99, the same on every evaluation. */
export function bucketOf(seed = ''): RawBuilder<number> {
  return sql<number>`((hashtextextended(c.id::text || ${seed}, 0) % 100 + 100) % 100)::int`;
}

function scoped(column: RawBuilder<unknown>, ctx: CompileContext) {
  return ctx.scope ? sql` and ${column} = any(${ctx.scope}::uuid[])` : sql``;
}

function membership(members: RawBuilder<unknown>, operator: 'in' | 'not_in'): Predicate {
  const isIn = sql<boolean>`c.id in (${members})`;
  return operator === 'in' ? isIn : sql<boolean>`not ${isIn}`;
}

export function intervalOf(amount: RelativeAmount): RawBuilder<unknown> {
  return sql`${`${amount.amount} ${amount.unit}`}::interval`;
}

const nowOf = (ctx: CompileContext) => sql`${ctx.now.toISOString()}::timestamptz`;

// ── Fields ────────────────────────────────────────────────────────────────────────────────

function fieldCondition(condition: FieldCondition, ctx: CompileContext): Predicate {
  const spec = ctx.catalog.fields.get(condition.field);
  // A field archived since the segment was saved: the segment is flagged and not evaluated.
  if (!spec) return falseSql;
  const negative = negativeOperators.has(condition.operator);
  const operator = negative ? positiveOf[condition.operator]! : condition.operator;
  let predicate = fieldPredicate(spec, operator, condition.value, ctx);
  if (spec.on === 'company') {
    predicate = sql<boolean>`c.company_id in (select co.id from companies co where co.workspace_id = ${ctx.workspaceId} and ${predicate})`;
  }
  return negative ? sql<boolean>`not coalesce(${predicate}, false)` : sql<boolean>`coalesce(${predicate}, false)`;
}

/** The positive form of a field comparison; null when the field is unknown. */
function fieldPredicate(spec: FieldSpec, operator: string, value: unknown, ctx: CompileContext): Predicate {
  const x = spec.expression;
  const texts = (values: unknown) => (values as string[]).map((v) => v.toLowerCase());
  switch (spec.type) {
    case 'tags':
      switch (operator) {
        case 'includes': return sql<boolean>`${x} @> array[${value}]::text[]`;
        case 'includes_any': return sql<boolean>`${x} && ${value}::text[]`;
        case 'includes_all': return sql<boolean>`${x} @> ${value}::text[]`;
        default: return sql<boolean>`coalesce(cardinality(${x}), 0) > 0`; // is_not_empty
      }
    case 'stage': {
      const stages = sql`${[...lifecycleStages]}::text[]`;
      switch (operator) {
        case 'at_least': return sql<boolean>`array_position(${stages}, ${x}) >= array_position(${stages}, ${value}::text)`;
        case 'at_most': return sql<boolean>`array_position(${stages}, ${x}) <= array_position(${stages}, ${value}::text)`;
        case 'in': return sql<boolean>`${x} = any(${value}::text[])`;
        default: return sql<boolean>`${x} = ${value}`;
      }
    }
    case 'user':
      if (operator === 'is_set') return sql<boolean>`${x} is not null`;
      if (operator === 'in') return sql<boolean>`${x} = any(${value}::uuid[])`;
      return sql<boolean>`${x} = ${value}::uuid`;
    case 'boolean':
      if (operator === 'is_set') return sql<boolean>`${x} is not null`;
      return sql<boolean>`${x} = ${operator === 'is_true'}`;
    case 'number':
      switch (operator) {
        case 'is_set': return sql<boolean>`${x} is not null`;
        case 'between': return sql<boolean>`${x} between ${(value as number[])[0]} and ${(value as number[])[1]}`;
        default: return sql<boolean>`${x} ${sql.raw(comparison[operator]!)} ${value}`;
      }
    case 'date': {
      const now = nowOf(ctx);
      switch (operator) {
        case 'is_set': return sql<boolean>`${x} is not null`;
        case 'before': return sql<boolean>`${x} < ${value}::timestamptz`;
        case 'after': return sql<boolean>`${x} > ${value}::timestamptz`;
        case 'between': return sql<boolean>`${x} >= ${(value as string[])[0]}::timestamptz and ${x} <= ${(value as string[])[1]}::timestamptz`;
        case 'in_next': return sql<boolean>`${x} >= ${now} and ${x} <= ${now} + ${intervalOf(value as RelativeAmount)}`;
        default: return sql<boolean>`${x} >= ${now} - ${intervalOf(value as RelativeAmount)} and ${x} <= ${now}`; // in_last
      }
    }
    default: // text and select: case does not matter to a marketer typing "fi"
      switch (operator) {
        case 'is_set': return sql<boolean>`coalesce(${x}, '') <> ''`;
        case 'contains': return sql<boolean>`${x} ilike ${`%${escapeLike(String(value))}%`}`;
        case 'starts_with': return sql<boolean>`${x} ilike ${`${escapeLike(String(value))}%`}`;
        case 'ends_with': return sql<boolean>`${x} ilike ${`%${escapeLike(String(value))}`}`;
        case 'in': return sql<boolean>`lower(${x}) = any(${texts(value)}::text[])`;
        default: return sql<boolean>`lower(${x}) = ${String(value).toLowerCase()}`;
      }
  }
}

const comparison: Record<string, string> = { equals: '=', gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' };

// ── Events ────────────────────────────────────────────────────────────────────────────────

/** The events a condition counts: of the workspace, attributed to a contact, matching. */
export function eventsWhere(condition: Pick<EventCondition, 'event' | 'filters' | 'window'>, ctx: CompileContext): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [sql`e.workspace_id = ${ctx.workspaceId}`, sql`e.contact_id is not null`];
  if (ctx.scope) parts.push(sql`e.contact_id = any(${ctx.scope}::uuid[])`);
  parts.push(eventMatch(condition.event));
  const window = condition.window ?? { type: 'ever' };
  parts.push(...windowBounds(window, ctx));
  for (const filter of condition.filters ?? []) parts.push(propertyFilter(filter));
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

// Written as the events_what index's expression, so "page /pricing" is an index range.
const what = sql`coalesce(e.page_path, e.name)`;

function eventMatch(event: EventMatch): RawBuilder<unknown> {
  switch (event.kind) {
    case 'any': return sql`e.type in ('track', 'page', 'screen')`;
    case 'track': return sql`e.type = 'track' and ${what} = ${event.name}`;
    case 'page':
      if (event.match === 'starts_with') return sql`e.type = 'page' and ${what} like ${`${escapeLike(event.path)}%`}`;
      if (event.match === 'contains') return sql`e.type = 'page' and ${what} like ${`%${escapeLike(event.path)}%`}`;
      return sql`e.type = 'page' and ${what} = ${event.path}`;
  }
}

function windowBounds(window: EventWindow, ctx: CompileContext): RawBuilder<unknown>[] {
  if (window.type === 'last') return [sql`e.occurred_at >= ${nowOf(ctx)} - ${intervalOf(window)}`];
  if (window.type === 'between') return [sql`e.occurred_at >= ${window.from}::timestamptz`, sql`e.occurred_at < ${window.to}::timestamptz`];
  return [];
}

function propertyFilter(filter: PropertyFilter): RawBuilder<unknown> {
  const value = sql`(e.payload->'properties') #> ${filter.property.split('.')}::text[]`;
  switch (filter.operator) {
    case 'is_set': return sql`${value} is not null`;
    case 'is_not_set': return sql`${value} is null`;
    case 'equals': return sql`(${value} = ${JSON.stringify(filter.value)}::jsonb or ${value} #>> '{}' = ${String(filter.value)})`;
    case 'not_equals': return sql`(${value} is null or not (${value} = ${JSON.stringify(filter.value)}::jsonb or ${value} #>> '{}' = ${String(filter.value)}))`;
    case 'contains': return sql`${value} #>> '{}' ilike ${`%${escapeLike(String(filter.value))}%`}`;
    default: return sql`(case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end) ${sql.raw(comparison[filter.operator]!)} ${filter.value}`;
  }
}

/** Whether a contact with none of the events satisfies the count ("fewer than 3 times"). */
function zeroSatisfies(count: CountComparison): boolean {
  switch (count.operator) {
    case 'gte': return count.value <= 0;
    case 'gt': return false;
    case 'eq': return count.value === 0;
    case 'lte': return true;
    case 'lt': return count.value > 0;
  }
}

function eventCondition(condition: EventCondition, ctx: CompileContext): Predicate {
  const count = condition.count ?? { operator: 'gte', value: 1 };
  const where = eventsWhere(condition, ctx);
  const holds = sql`count(*) ${sql.raw(comparison[count.operator] ?? '=')} ${count.value}`;
  // Contacts with no such event are absent from any grouped set: when zero satisfies the
  // count, the condition is "not among those whose count fails" instead.
  if (zeroSatisfies(count)) {
    return sql<boolean>`not (c.id in (select e.contact_id from events e where ${where} group by e.contact_id having not (${holds})))`;
  }
  if (count.operator === 'gte' && count.value === 1) return sql<boolean>`c.id in (select e.contact_id from events e where ${where})`;
  return sql<boolean>`c.id in (select e.contact_id from events e where ${where} group by e.contact_id having ${holds})`;
}

function eventTimeCondition(condition: EventTimeCondition, ctx: CompileContext): Predicate {
  const where = eventsWhere({ ...condition, window: { type: 'ever' } }, ctx);
  const negative = negativeOperators.has(condition.operator);
  const operator = negative ? positiveOf[condition.operator]! : condition.operator;
  const at = sql`${sql.raw(condition.which === 'first' ? 'min' : 'max')}(e.occurred_at)`;
  const spec: FieldSpec = { key: 'event_time', label: 'time', type: 'date', group: 'Contact', on: 'contact', expression: at, feed: '' };
  const having = operator === 'is_set' ? sql`true` : fieldPredicate(spec, operator, condition.value, ctx);
  const performed = sql<boolean>`c.id in (select e.contact_id from events e where ${where} group by e.contact_id having ${having})`;
  return negative ? sql<boolean>`not ${performed}` : performed;
}

// ── What explain shows beside each condition ──────────────────────────────────────────────

/** The value a leaf condition looked at, as text, for one contact (`c`). */
export function actualValue(condition: Condition, ctx: CompileContext): RawBuilder<string | null> | null {
  switch (condition.type) {
    case 'field': {
      const spec = ctx.catalog.fields.get(condition.field);
      if (!spec) return null;
      const text = spec.type === 'tags' ? sql`array_to_string(${spec.expression}, ', ')` : sql`(${spec.expression})::text`;
      if (spec.on === 'contact') return sql<string | null>`${text}`;
      return sql<string | null>`(select ${text} from companies co where co.workspace_id = ${ctx.workspaceId} and co.id = c.company_id)`;
    }
    case 'event': case 'email': case 'form': {
      const event = condition.type === 'event' ? condition : asEventCondition(condition);
      return sql<string>`(select count(*) from events e where ${eventsWhere(event, ctx)} and e.contact_id = c.id)::text`;
    }
    case 'event_time':
      return sql<string | null>`(select ${sql.raw(condition.which === 'first' ? 'min' : 'max')}(e.occurred_at)::text from events e where ${eventsWhere({ ...condition, window: { type: 'ever' } }, ctx)} and e.contact_id = c.id)`;
    case 'bucket':
      return sql<string>`${bucketOf(condition.seed)}::text`;
    default:
      return null;
  }
}
