import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { Catalog } from './catalog.js';
import { actualValue, compileCondition, type CompileContext } from './compile.js';
import type { Condition, CountComparison, EventMatch, EventWindow, PropertyFilter } from './definition.js';

/** One node of "why is this contact in (or not in) this segment". */
export interface ExplainNode {
  path: string;
  type: Condition['type'];
  description: string;
  passed: boolean;
  actual?: string | null;
  children?: ExplainNode[];
}

export interface Names {
  segments: Map<string, string>;
  lists: Map<string, string>;
  users: Map<string, string>;
}

/**
 * Evaluates every node of a definition for one contact in one query (each leaf compiled
 * alone, scoped to the contact) and combines them as the groups do.
 */
export async function explainContact(db: DbOrTx, ctx: CompileContext & { names: Names }, match: Condition, contactId: string): Promise<ExplainNode | null> {
  const leaves: { path: string; condition: Condition }[] = [];
  const collect = (condition: Condition, path: string) => {
    if (condition.type === 'and' || condition.type === 'or') condition.conditions.forEach((child, i) => collect(child, `${path}.conditions[${i}]`));
    else if (condition.type === 'not') collect(condition.condition, `${path}.condition`);
    else leaves.push({ path, condition });
  };
  collect(match, 'match');
  const scoped = { ...ctx, scope: [contactId] };
  const columns: RawBuilder<unknown>[] = leaves.flatMap(({ condition }, i) => {
    const actual = actualValue(condition, scoped);
    return [sql`${compileCondition(condition, scoped)} as ${sql.ref(`p${i}`)}`, sql`${actual ?? sql`null::text`} as ${sql.ref(`a${i}`)}`];
  });
  const { rows: [row] } = await sql<Record<string, unknown>>`
    select true as found${columns.length ? sql`, ${sql.join(columns)}` : sql``}
      from contacts c where c.workspace_id = ${ctx.workspaceId} and c.id = ${contactId}`.execute(db);
  if (!row) return null;
  const results = new Map(leaves.map(({ path }, i) => [path, { passed: row[`p${i}`] === true, actual: (row[`a${i}`] as string | null) ?? null }]));

  const build = (condition: Condition, path: string): ExplainNode => {
    if (condition.type === 'and' || condition.type === 'or') {
      const children = condition.conditions.map((child, i) => build(child, `${path}.conditions[${i}]`));
      const passed = condition.type === 'and' ? children.every((child) => child.passed) : children.some((child) => child.passed);
      return { path, type: condition.type, description: condition.type === 'and' ? 'All of these' : 'Any of these', passed, children };
    }
    if (condition.type === 'not') {
      const child = build(condition.condition, `${path}.condition`);
      return { path, type: 'not', description: 'None of this', passed: !child.passed, children: [child] };
    }
    const result = results.get(path)!;
    return { path, type: condition.type, description: describe(condition, ctx.catalog, ctx.names), passed: result.passed, actual: formatActual(condition, result.actual) };
  };
  return build(match, 'match');
}

function formatActual(condition: Condition, actual: string | null): string | null {
  if (condition.type === 'event' || condition.type === 'email' || condition.type === 'form') return actual === '1' ? 'once' : `${actual ?? 0} times`;
  if (condition.type === 'bucket') return `bucket ${actual}`;
  if (condition.type === 'field' && actual === null) return 'not set';
  return actual;
}

const operatorWords: Record<string, string> = {
  equals: 'is', not_equals: 'is not', contains: 'contains', not_contains: 'does not contain', starts_with: 'starts with', ends_with: 'ends with',
  in: 'is any of', not_in: 'is none of', is_set: 'is known', is_not_set: 'is unknown', gt: 'is more than', gte: 'is at least', lt: 'is less than',
  lte: 'is at most', between: 'is between', before: 'is before', after: 'is after', in_last: 'is in the last', not_in_last: 'is not in the last',
  in_next: 'is in the next', is_true: 'is true', is_false: 'is false', at_least: 'is at least', at_most: 'is at most', includes: 'include',
  excludes: 'do not include', includes_any: 'include any of', includes_all: 'include all of', is_empty: 'are empty', is_not_empty: 'are not empty',
};
const countWords: Record<CountComparison['operator'], string> = { gte: 'at least', gt: 'more than', eq: 'exactly', lte: 'at most', lt: 'fewer than' };

function formatValue(value: unknown, names?: Map<string, string>): string {
  if (Array.isArray(value)) return value.map((v) => formatValue(v, names)).join(value.length === 2 && typeof value[0] !== 'string' ? ' and ' : ', ');
  if (value && typeof value === 'object' && 'amount' in value) {
    const amount = value as { amount: number; unit: string };
    return `${amount.amount} ${amount.unit}`;
  }
  if (typeof value === 'string') return names?.get(value) ?? value;
  return String(value);
}

function describeEvent(event: EventMatch): string {
  if (event.kind === 'page') return `Viewed page ${event.match && event.match !== 'equals' ? `${event.match === 'contains' ? 'containing' : 'starting with'} ` : ''}${event.path}`;
  if (event.kind === 'track') return `Performed "${event.name}"`;
  return 'Any activity';
}

function describeWindow(window?: EventWindow): string {
  if (!window || window.type === 'ever') return 'ever';
  if (window.type === 'last') return `in the last ${window.amount} ${window.unit}`;
  return `between ${window.from.slice(0, 10)} and ${window.to.slice(0, 10)}`;
}

function describeFilters(filters?: PropertyFilter[]): string {
  if (!filters?.length) return '';
  return ` where ${filters.map((f) => `${f.property} ${operatorWords[f.operator] ?? f.operator}${f.value !== undefined ? ` ${formatValue(f.value)}` : ''}`).join(' and ')}`;
}

/** A sentence a marketer reads: "Viewed page /pricing at least 3 times in the last 30 days". */
export function describe(condition: Condition, catalog: Catalog, names: Names): string {
  switch (condition.type) {
    case 'and': return 'All of these';
    case 'or': return 'Any of these';
    case 'not': return 'None of this';
    case 'field': {
      const spec = catalog.fields.get(condition.field);
      const label = spec?.label ?? condition.field;
      const valueNames = spec?.type === 'user' ? names.users : new Map(spec?.options?.map((o) => [o.value, o.label]));
      const value = condition.value === undefined ? '' : ` ${formatValue(condition.value, valueNames)}`;
      return `${label} ${operatorWords[condition.operator] ?? condition.operator}${value}`;
    }
    case 'event': {
      const count = condition.count ?? { operator: 'gte', value: 1 };
      const times = count.operator === 'eq' && count.value === 0 ? 'never' : `${countWords[count.operator]} ${count.value === 1 ? 'once' : `${count.value} times`}`;
      return `${describeEvent(condition.event)}${describeFilters(condition.filters)} ${times} ${describeWindow(condition.window)}`.replace(' never ever', ' never');
    }
    case 'event_time':
      return `${condition.which === 'first' ? 'First' : 'Last'} time: ${describeEvent(condition.event).toLowerCase()}${describeFilters(condition.filters)} ${operatorWords[condition.operator]}${condition.value !== undefined ? ` ${formatValue(condition.value)}` : ''}`;
    case 'email':
      return `${condition.action === 'opened' ? 'Opened' : 'Clicked'} ${condition.emailId ? `email ${condition.emailId}` : 'any email'} ${describeWindow(condition.window)}`;
    case 'form':
      return `Submitted ${condition.formId ? `form ${condition.formId}` : 'any form'} ${describeWindow(condition.window)}`;
    case 'segment':
      return `${condition.operator === 'in' ? 'In' : 'Not in'} segment "${names.segments.get(condition.segmentId!) ?? condition.segmentId}"`;
    case 'list':
      return `${condition.operator === 'in' ? 'On' : 'Not on'} list "${names.lists.get(condition.listId!) ?? condition.listId}"`;
    case 'bucket':
      return `Random bucket ${condition.from}–${condition.to}${condition.seed ? ` (${condition.seed})` : ''}`;
  }
}
