import { COUNT_LABELS, EVENT_TIME_LABELS, operatorLabel, PAGE_MATCH_LABELS, PROPERTY_OPERATOR_LABELS, times, UNIT_LABELS, valueShape } from './labels';
import type { Catalog, EventCount, EventSpec, EventWindow, FieldValue, Leaf, PropertyFilter, RelativeAmount } from './types';

// Conditions as sentences, for the segment page: "Viewed page /pricing at least 3 times in
// the last 30 days", "Country is FI". Names of fields, options, segments and lists come from
// what the page has loaded; an id it does not know is shown as it is.

export interface Names {
  catalog?: Catalog;
  segments: Map<string, string>;
  lists: Map<string, string>;
}

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

function formatDay(value: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : day.format(date);
}

const quoted = (name: string | undefined) => (name === undefined ? undefined : `"${name}"`);

function relative({ amount, unit }: RelativeAmount): string {
  return `${amount} ${amount === 1 ? UNIT_LABELS[unit].replace(/s$/, '') : UNIT_LABELS[unit]}`;
}

export function describeWindow(window: EventWindow | undefined): string {
  if (!window || window.type === 'ever') return '';
  if (window.type === 'last') return ` in the last ${relative(window)}`;
  return ` between ${formatDay(window.from)} and ${formatDay(window.to)}`;
}

function describeCount(count: EventCount | undefined): string {
  const { operator, value } = count ?? { operator: 'gte', value: 1 };
  // "at least once" is what performing an event means: say nothing.
  if (operator === 'gte' && value === 1) return '';
  return ` ${COUNT_LABELS[operator]} ${times(value)}`;
}

function describeFilters(filters: PropertyFilter[] | undefined): string {
  if (!filters || filters.length === 0) return '';
  const parts = filters.map((filter) =>
    filter.operator === 'is_set' || filter.operator === 'is_not_set'
      ? `${filter.property} ${PROPERTY_OPERATOR_LABELS[filter.operator]}`
      : `${filter.property} ${PROPERTY_OPERATOR_LABELS[filter.operator]} ${String(filter.value ?? '')}`,
  );
  return ` with ${parts.join(' and ')}`;
}

/** "page /pricing", "page starting with /docs", "Signed Up", "any activity". */
function describeEvent(event: EventSpec): string {
  if (event.kind === 'any') return 'any activity';
  if (event.kind === 'track') return event.name ? `"${event.name}"` : '(no event chosen)';
  const match = event.match ?? 'equals';
  return `page ${match === 'equals' ? '' : `${PAGE_MATCH_LABELS[match]} `}${event.path || '(no path chosen)'}`;
}

function describeValue(value: FieldValue | undefined, operator: string, label: (value: string) => string): string {
  switch (valueShape(operator)) {
    case 'none':
      return '';
    case 'relative':
      return ` ${relative(value as RelativeAmount)}`;
    case 'range': {
      const [from, to] = Array.isArray(value) ? value : [];
      const show = (part: unknown) => (typeof part === 'string' ? formatDay(part) : String(part ?? ''));
      return ` ${show(from)} and ${show(to)}`;
    }
    case 'list':
      return ` ${(Array.isArray(value) ? value : []).map((item) => label(String(item))).join(', ')}`;
    case 'single':
      return ` ${operator === 'before' || operator === 'after' ? formatDay(String(value ?? '')) : label(String(value ?? ''))}`;
  }
}

export function describeCondition(condition: Leaf, names: Names): string {
  switch (condition.type) {
    case 'field': {
      const field = names.catalog?.fields.find((candidate) => candidate.key === condition.field);
      const optionLabel = (value: string) => field?.options?.find((option) => option.value === value)?.label ?? value;
      const label = field?.label ?? condition.field;
      return `${label} ${operatorLabel(condition.operator)}${describeValue(condition.value, condition.operator, optionLabel)}`;
    }
    case 'event': {
      const never = condition.count?.operator === 'eq' && condition.count.value === 0;
      const rest = `${describeFilters(condition.filters)}${never ? '' : describeCount(condition.count)}${describeWindow(condition.window)}`;
      if (condition.event.kind === 'any') return `${never ? 'Was not active' : 'Was active'}${rest}`;
      const verb = condition.event.kind === 'page' ? (never ? 'Did not view' : 'Viewed') : never ? 'Did not perform' : 'Performed';
      return `${verb} ${describeEvent(condition.event)}${rest}`;
    }
    case 'event_time': {
      const when = EVENT_TIME_LABELS[condition.operator] ?? operatorLabel(condition.operator);
      return `${condition.which === 'first' ? 'First' : 'Last'} performed ${describeEvent(condition.event)}${describeFilters(condition.filters)} ${when}${describeValue(condition.value, condition.operator, (value) => value)}`;
    }
    case 'email':
      return `${condition.action === 'opened' ? 'Opened' : 'Clicked a link in'} ${condition.emailId ? `email ${condition.emailId}` : 'any email'}${describeWindow(condition.window)}`;
    case 'form':
      return `Submitted ${condition.formId ? `form ${condition.formId}` : 'any form'}${describeWindow(condition.window)}`;
    case 'segment':
      return `${condition.operator === 'in' ? 'In' : 'Not in'} segment ${quoted(names.segments.get(condition.segmentId)) ?? '(deleted segment)'}`;
    case 'list':
      return `${condition.operator === 'in' ? 'On' : 'Not on'} list ${quoted(names.lists.get(condition.listId)) ?? '(deleted list)'}`;
    case 'bucket':
      return `In random bucket ${condition.from}–${condition.to} of 0–99 (seed ${condition.seed})`;
  }
}
