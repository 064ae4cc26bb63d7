/**
 * The segment condition language, version 1 (docs/segments.md). A definition is data, not
 * code: it is validated against the workspace's catalog, compiled to one SQL predicate, and
 * explained node by node.
 */
export const definitionVersion = 1;

export interface SegmentDefinition {
  version: typeof definitionVersion;
  match: Condition;
}

export type Condition =
  | GroupCondition
  | NotCondition
  | FieldCondition
  | EventCondition
  | EventTimeCondition
  | EmailCondition
  | FormCondition
  | MembershipCondition
  | BucketCondition;

export interface GroupCondition { type: 'and' | 'or'; conditions: Condition[] }
export interface NotCondition { type: 'not'; condition: Condition }
export interface FieldCondition { type: 'field'; field: string; operator: FieldOperator; value?: unknown }

export type EventMatch =
  | { kind: 'page'; path: string; match?: 'equals' | 'starts_with' | 'contains' }
  | { kind: 'track'; name: string }
  | { kind: 'any' };

export interface PropertyFilter { property: string; operator: PropertyOperator; value?: unknown }
export interface CountComparison { operator: CountOperator; value: number }
export type TimeUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';
export interface RelativeAmount { amount: number; unit: TimeUnit }
export type EventWindow = { type: 'ever' } | ({ type: 'last' } & RelativeAmount) | { type: 'between'; from: string; to: string };

export interface EventCondition { type: 'event'; event: EventMatch; filters?: PropertyFilter[]; count?: CountComparison; window?: EventWindow }
export interface EventTimeCondition {
  type: 'event_time'; event: EventMatch; filters?: PropertyFilter[]; which: 'first' | 'last'; operator: DateOperator; value?: unknown;
}
export interface EmailCondition { type: 'email'; action: 'opened' | 'clicked'; emailId?: string; window?: EventWindow }
export interface FormCondition { type: 'form'; formId?: string; window?: EventWindow }
export interface MembershipCondition {
  type: 'segment' | 'list'; segmentId?: string; listId?: string; operator: 'in' | 'not_in';
}
export interface BucketCondition { type: 'bucket'; from: number; to: number; seed?: string }

export const countOperators = ['gte', 'gt', 'eq', 'lte', 'lt'] as const;
export type CountOperator = (typeof countOperators)[number];
export const propertyOperators = ['equals', 'not_equals', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set'] as const;
export type PropertyOperator = (typeof propertyOperators)[number];
export const timeUnits: readonly TimeUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months'];

export type FieldType = 'text' | 'number' | 'date' | 'boolean' | 'select' | 'stage' | 'user' | 'tags';

/** The operators that make sense for each field type; anything else is refused. */
export const operatorsByType = {
  text: ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in', 'is_set', 'is_not_set'],
  number: ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'between', 'is_set', 'is_not_set'],
  date: ['before', 'after', 'between', 'in_last', 'not_in_last', 'in_next', 'is_set', 'is_not_set'],
  boolean: ['is_true', 'is_false', 'is_set', 'is_not_set'],
  select: ['equals', 'not_equals', 'in', 'not_in', 'is_set', 'is_not_set'],
  stage: ['equals', 'not_equals', 'in', 'not_in', 'at_least', 'at_most'],
  user: ['equals', 'not_equals', 'in', 'not_in', 'is_set', 'is_not_set'],
  tags: ['includes', 'excludes', 'includes_any', 'includes_all', 'is_empty', 'is_not_empty'],
} as const satisfies Record<FieldType, readonly string[]>;

export type FieldOperator = (typeof operatorsByType)[FieldType][number];
export type DateOperator = (typeof operatorsByType)['date'][number];

/** Operators that hold for a contact with no value: "country is not FI" includes the unknown. */
export const negativeOperators: ReadonlySet<string> = new Set(['not_equals', 'not_contains', 'not_in', 'excludes', 'is_not_set', 'is_empty', 'not_in_last']);

/**
 * Email engagement and form submissions are events the email and forms modules record on
 * the timeline; their conditions are event conditions on those names.
 */
export const emailEvents = { opened: 'Email Opened', clicked: 'Email Link Clicked' } as const;
export const formSubmittedEvent = 'Form Submitted';

export function asEventCondition(condition: EmailCondition | FormCondition): EventCondition {
  if (condition.type === 'email') {
    return {
      type: 'event', event: { kind: 'track', name: emailEvents[condition.action] }, window: condition.window,
      filters: condition.emailId ? [{ property: 'emailId', operator: 'equals', value: condition.emailId }] : [],
    };
  }
  return {
    type: 'event', event: { kind: 'track', name: formSubmittedEvent }, window: condition.window,
    filters: condition.formId ? [{ property: 'formId', operator: 'equals', value: condition.formId }] : [],
  };
}

/** What a definition reads: a change to anything else cannot change its members. */
export interface Dependencies {
  /** Contact fields by their change-feed name (country, custom, company …). */
  fields: string[];
  events: EventMatch[];
  segments: string[];
  lists: string[];
  /** A relative window or date: membership changes as time passes. */
  time: boolean;
}
