import type { Condition, RelativeAmount } from '../segments/index.js';

/**
 * A journey is data: a directed graph of nodes joined by edges that leave a node through one
 * of its exits (`handle`). The graph is validated before launch (validate.ts) and run by the
 * engine (engine.ts) and the simulator alike, through the same node handlers (nodes.ts).
 */
export interface JourneyGraph {
  nodes: JourneyNode[];
  edges: JourneyEdge[];
}

export interface JourneyEdge {
  id: string;
  from: string;
  /** The exit of `from` this edge leaves by: `next`, `yes`/`no`, `event`/`timeout`, a split or arm key. */
  handle: string;
  to: string;
}

export interface Position { x: number; y: number }

/** Conditions that can match one event: an event performed (with property filters), an email engagement, a form. */
export type EventTrigger = Extract<Condition, { type: 'event' | 'email' | 'form' }>;

export type Trigger =
  | { kind: 'segment_entered' | 'segment_exited'; segmentId: string }
  | { kind: 'event'; condition: EventTrigger }
  | { kind: 'stage_changed'; to: string; from?: string | null }
  | { kind: 'score_crossed'; score: 'fit' | 'engagement'; threshold: number }
  /** `offsetDays` before (negative) or after the date in `field` (a date custom field), at `hour` UTC. */
  | { kind: 'date_field'; field: string; offsetDays: number; hour?: number }
  /** Only by hand or through the API. */
  | { kind: 'manual' };

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type NodeConfig =
  | { type: 'trigger'; trigger: Trigger }
  | { type: 'wait'; duration: RelativeAmount }
  /** An absolute moment, or the next weekday and hour in the contact's timezone (the workspace's when unknown). */
  | { type: 'wait_until'; at: string }
  | { type: 'wait_until'; weekdays: Weekday[]; hour: number; minute?: number }
  | { type: 'wait_event'; condition: EventTrigger; timeout: RelativeAmount }
  | { type: 'branch'; condition: Condition }
  | { type: 'split'; branches: { key: string; label: string; condition: Condition }[] }
  /** Percentages of the arms; what is left to 100 is the hold-out (exit `holdout`). */
  | { type: 'random'; arms: { key: string; label: string; percent: number }[] }
  | { type: 'send_email'; templateId: string }
  | { type: 'update_field'; field: string; value: unknown }
  | { type: 'tag'; action: 'add' | 'remove'; tag: string }
  | { type: 'list'; action: 'add' | 'remove'; listId: string }
  | { type: 'set_stage'; stage: string }
  | { type: 'add_score'; points: number; reason?: string }
  | { type: 'assign_owner'; userId: string }
  | { type: 'route_to_sales' }
  | { type: 'create_task'; title: string; dueInDays?: number }
  | { type: 'notify'; userId: string | null; message: string }
  | { type: 'webhook'; url: string }
  | { type: 'enrol'; journeyId: string }
  | { type: 'exit' };

export type NodeType = NodeConfig['type'];

export type JourneyNode = NodeConfig & { id: string; label?: string; position?: Position };

/** Entry and exit rules of a journey version. */
export interface JourneyRules {
  reentry: { mode: 'never' } | { mode: 'after'; days: number } | { mode: 'always' };
  /** Reaching it ends the enrolment as converted, wherever the contact is. */
  goal: Condition | null;
  /** Reaching it ends the enrolment as exited (unsubscribed, became customer, left a segment …). */
  exitWhen: Condition | null;
  /** At most this many contacts in flight; further entries are refused while full. */
  maxInFlight: number | null;
}

export const defaultRules: JourneyRules = { reentry: { mode: 'never' }, goal: null, exitWhen: null, maxInFlight: null };

/** The exits each node type has; a random split's and a multi-way split's come from their config. */
export function exitsOf(node: JourneyNode): string[] {
  switch (node.type) {
    case 'branch': return ['yes', 'no'];
    case 'wait_event': return ['event', 'timeout'];
    case 'split': return [...node.branches.map((branch) => branch.key), 'else'];
    case 'random': return [...node.arms.map((arm) => arm.key), 'holdout'];
    case 'exit': return [];
    default: return ['next'];
  }
}

/** Nodes that hold a contact until a moment: a path that loops back must pass one. */
export const waitingTypes: ReadonlySet<NodeType> = new Set(['wait', 'wait_until', 'wait_event']);
