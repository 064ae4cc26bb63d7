// Shapes of the segments and lists API and of the condition language (docs/segments.md).
// Dates arrive as ISO strings.

// ── The condition language, version 1 ────────────────────────────────────────────────

export type TimeUnit = 'minutes' | 'hours' | 'days' | 'weeks' | 'months';
export interface RelativeAmount { amount: number; unit: TimeUnit }

/** When an event counts: ever, in a sliding window, or between two instants. */
export type EventWindow =
  | { type: 'ever' }
  | { type: 'last'; amount: number; unit: TimeUnit }
  | { type: 'between'; from: string; to: string };

export type PageMatch = 'equals' | 'starts_with' | 'contains';

/** What was performed: a page view, a track call by name, or any activity. */
export type EventSpec =
  | { kind: 'page'; path: string; match?: PageMatch }
  | { kind: 'track'; name: string }
  | { kind: 'any' };

export type PropertyOperator = 'equals' | 'not_equals' | 'contains' | 'gt' | 'gte' | 'lt' | 'lte' | 'is_set' | 'is_not_set';
export interface PropertyFilter { property: string; operator: PropertyOperator; value?: string | number | boolean }

export type CountOperator = 'gte' | 'gt' | 'eq' | 'lte' | 'lt';
export interface EventCount { operator: CountOperator; value: number }

export type FieldValue = string | number | boolean | string[] | number[] | RelativeAmount | null;

export interface FieldCondition { type: 'field'; field: string; operator: string; value?: FieldValue }
export interface EventCondition { type: 'event'; event: EventSpec; filters?: PropertyFilter[]; count?: EventCount; window?: EventWindow }
export interface EventTimeCondition {
  type: 'event_time'; event: EventSpec; filters?: PropertyFilter[]; which: 'first' | 'last'; operator: string; value?: FieldValue;
}
export interface EmailCondition { type: 'email'; action: 'opened' | 'clicked'; emailId?: string; window?: EventWindow }
export interface FormCondition { type: 'form'; formId?: string; window?: EventWindow }
export interface SegmentCondition { type: 'segment'; segmentId: string; operator: 'in' | 'not_in' }
export interface ListCondition { type: 'list'; listId: string; operator: 'in' | 'not_in' }
export interface BucketCondition { type: 'bucket'; from: number; to: number; seed: string }

export type Leaf =
  | FieldCondition
  | EventCondition
  | EventTimeCondition
  | EmailCondition
  | FormCondition
  | SegmentCondition
  | ListCondition
  | BucketCondition;

export interface AndGroup { type: 'and'; conditions: Condition[] }
export interface OrGroup { type: 'or'; conditions: Condition[] }
export interface NotGroup { type: 'not'; condition: Condition }

export type Condition = AndGroup | OrGroup | NotGroup | Leaf;

export interface Definition { version: 1; match: Condition }

// ── Segments ─────────────────────────────────────────────────────────────────────────

export interface SegmentProblem { path: string; message: string }

export interface Segment {
  id: string; name: string; description: string | null; definition: Definition; version: number; memberCount: number;
  status: 'active' | 'flagged'; problems: SegmentProblem[];
  /** Membership changes as time passes ("in the last 7 days"), not only as events arrive. */
  dependsOnTime: boolean;
  computedAt: string | null; createdAt: string; updatedAt: string;
}

export interface SegmentInput { name: string; description?: string | null; definition: Definition }

export type FieldType = 'text' | 'number' | 'date' | 'boolean' | 'select' | 'stage' | 'user' | 'tags';
export type FieldGroup = 'Contact' | 'Scores' | 'Consent' | 'Company' | 'Contact custom fields' | 'Company custom fields';
export interface Option { value: string; label: string }

export interface CatalogField { key: string; label: string; type: FieldType; group: FieldGroup; operators: string[]; options?: Option[] }

/** What the builder offers: the workspace's fields, and the events and pages seen in the last 90 days. */
export interface Catalog {
  fields: CatalogField[];
  events: { name: string; count: number }[];
  pages: { path: string; count: number }[];
}

export interface PreviewContact { id: string; name: string; email: string | null }
export interface Preview { count: number; sample: PreviewContact[]; tookMs: number }

export interface MemberContact { id: string; name: string; email: string | null; companyName: string | null }
export interface MembersPage<Added extends 'enteredAt' | 'addedAt'> {
  items: ({ contact: MemberContact } & Record<Added, string>)[];
  nextCursor: string | null;
}

export interface HistoryPoint { date: string; members: number; entered: number; exited: number }

/** One node of a definition, evaluated for one contact. */
export interface ExplainNode {
  /** The node's path in the definition, e.g. `match.conditions[1]`. */
  path: string;
  type: string;
  description: string;
  passed: boolean;
  /** What the contact has, e.g. "4 times" or "FI". */
  actual?: string | null;
  children?: ExplainNode[];
}

export interface Explanation { member: boolean; matches: boolean; explanation: ExplainNode }

// ── Lists ────────────────────────────────────────────────────────────────────────────

export interface List { id: string; name: string; description: string | null; memberCount: number; createdAt: string; updatedAt: string }
export interface ListInput { name: string; description?: string | null }

export interface ListImportResult { added: number; rejected: { line: number; reason: string }[] }

/** The segments and lists a contact is in, for the contact page. */
export interface ContactMemberships {
  segments: { id: string; name: string; enteredAt: string }[];
  lists: { id: string; name: string; addedAt: string }[];
}
