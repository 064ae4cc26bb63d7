import type { CountOperator, PageMatch, PropertyOperator, TimeUnit } from './types';

/** Operators as they read in a sentence: "Country is FI", "Tags include any of vip, beta" (as the server's explanations say them). */
export const OPERATOR_LABELS: Record<string, string> = {
  equals: 'is',
  not_equals: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  in: 'is any of',
  not_in: 'is none of',
  is_set: 'is known',
  is_not_set: 'is unknown',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  before: 'is before',
  after: 'is after',
  in_last: 'is in the last',
  not_in_last: 'is not in the last',
  in_next: 'is in the next',
  is_true: 'is true',
  is_false: 'is false',
  at_least: 'is at least',
  at_most: 'is at most',
  includes: 'include',
  excludes: 'do not include',
  includes_any: 'include any of',
  includes_all: 'include all of',
  is_empty: 'are empty',
  is_not_empty: 'are not empty',
};

export function operatorLabel(operator: string): string {
  return OPERATOR_LABELS[operator] ?? operator.replace(/_/g, ' ');
}

/** The shape of the value an operator takes; decides the input shown and the value kept. */
export type ValueShape = 'none' | 'single' | 'list' | 'range' | 'relative';

const NO_VALUE = new Set(['is_set', 'is_not_set', 'is_true', 'is_false', 'is_empty', 'is_not_empty']);
const LIST = new Set(['in', 'not_in', 'includes_any', 'includes_all']);
const RELATIVE = new Set(['in_last', 'not_in_last', 'in_next']);

export function valueShape(operator: string): ValueShape {
  if (NO_VALUE.has(operator)) return 'none';
  if (LIST.has(operator)) return 'list';
  if (RELATIVE.has(operator)) return 'relative';
  if (operator === 'between') return 'range';
  return 'single';
}

/** When an event was first or last performed: the date operators that make sense for it. */
export const EVENT_TIME_OPERATORS = ['in_last', 'not_in_last', 'before', 'after', 'between'] as const;

/** Date operators that read better about an event: "Last performed Signed Up 7 days ago or less". */
export const EVENT_TIME_LABELS: Record<string, string> = {
  in_last: 'in the last',
  not_in_last: 'not in the last',
  before: 'before',
  after: 'after',
  between: 'between',
};

export const COUNT_LABELS: Record<CountOperator, string> = {
  gte: 'at least',
  gt: 'more than',
  eq: 'exactly',
  lte: 'at most',
  lt: 'fewer than',
};

export const UNIT_LABELS: Record<TimeUnit, string> = {
  minutes: 'minutes',
  hours: 'hours',
  days: 'days',
  weeks: 'weeks',
  months: 'months',
};

export const PAGE_MATCH_LABELS: Record<PageMatch, string> = {
  equals: 'is',
  starts_with: 'starts with',
  contains: 'contains',
};

export const PROPERTY_OPERATOR_LABELS: Record<PropertyOperator, string> = {
  equals: 'is',
  not_equals: 'is not',
  contains: 'contains',
  gt: 'more than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  is_set: 'is known',
  is_not_set: 'is unknown',
};

/** "1 contact" or "1,234 contacts". */
export function contactCount(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'contact' : 'contacts'}`;
}

/** "once" or "3 times". */
export function times(count: number): string {
  return count === 1 ? 'once' : `${count.toLocaleString()} times`;
}
