// Shapes of the journeys API (docs/journeys.md) and of the journey graph
// (server/src/modules/journeys/graph.ts). Dates arrive as ISO strings.
import type { Condition, EmailCondition, EventCondition, FormCondition, RelativeAmount } from '../segments/types';

// ── The graph ────────────────────────────────────────────────────────────────────────

export interface Position { x: number; y: number }

/** Conditions that can match one event: an event performed (with property filters), an email engagement, a form. */
export type EventTrigger = EventCondition | EmailCondition | FormCondition;

export type Trigger =
  | { kind: 'segment_entered' | 'segment_exited'; segmentId: string }
  | { kind: 'event'; condition: EventTrigger }
  | { kind: 'stage_changed'; to: string; from?: string | null }
  | { kind: 'score_crossed'; score: 'fit' | 'engagement'; threshold: number }
  | { kind: 'date_field'; field: string; offsetDays: number; hour?: number }
  | { kind: 'manual' };

export type TriggerKind = Trigger['kind'];

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface SplitBranch { key: string; label: string; condition: Condition }
export interface RandomArm { key: string; label: string; percent: number }

export type NodeConfig =
  | { type: 'trigger'; trigger: Trigger }
  | { type: 'wait'; duration: RelativeAmount }
  | { type: 'wait_until'; at: string }
  | { type: 'wait_until'; weekdays: Weekday[]; hour: number; minute?: number }
  | { type: 'wait_event'; condition: EventTrigger; timeout: RelativeAmount }
  | { type: 'branch'; condition: Condition }
  | { type: 'split'; branches: SplitBranch[] }
  | { type: 'random'; arms: RandomArm[] }
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

export interface JourneyEdge { id: string; from: string; handle: string; to: string }

export interface JourneyGraph { nodes: JourneyNode[]; edges: JourneyEdge[] }

export type Reentry = { mode: 'never' } | { mode: 'after'; days: number } | { mode: 'always' };

export interface JourneyRules {
  reentry: Reentry;
  goal: Condition | null;
  exitWhen: Condition | null;
  maxInFlight: number | null;
}

export const defaultRules: JourneyRules = { reentry: { mode: 'never' }, goal: null, exitWhen: null, maxInFlight: null };

/** The exits of a node, in the order its handles are drawn (graph.ts `exitsOf`). */
export function exitsOf(node: NodeConfig): string[] {
  switch (node.type) {
    case 'branch': return ['yes', 'no'];
    case 'wait_event': return ['event', 'timeout'];
    case 'split': return [...node.branches.map((branch) => branch.key), 'else'];
    case 'random': return [...node.arms.map((arm) => arm.key), 'holdout'];
    case 'exit': return [];
    default: return ['next'];
  }
}

// ── The API ──────────────────────────────────────────────────────────────────────────

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

export interface JourneySummary {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  liveVersion: number | null;
  triggerKind: TriggerKind | null;
  inFlight: number;
  entered: number;
  converted: number;
  updatedAt: string;
}

/** What blocks a launch, on the node (or the rule, when `nodeId` is null) it is about. */
export interface Problem { nodeId: string | null; field: string; message: string }

export interface JourneyVersionInfo { version: number; publishedAt: string; publishedBy: string | null }

export interface Journey {
  id: string;
  name: string;
  description: string | null;
  status: JourneyStatus;
  liveVersion: number | null;
  draft: { graph: JourneyGraph; rules: JourneyRules };
  problems: Problem[];
  versions: JourneyVersionInfo[];
  createdAt: string;
  updatedAt: string;
}

export interface JourneyInput {
  name?: string;
  description?: string | null;
  graph?: JourneyGraph;
  rules?: JourneyRules;
}

export interface LaunchInput {
  migrate?: { mode: 'stay' } | { mode: 'map'; mapping: Record<string, string> };
  enrolSegmentId?: string;
}

export interface EnrolResult {
  enrolled: { contactId: string; enrolmentId: string }[];
  refused: { contactId: string; reason: string }[];
}

export type EnrolmentStatus = 'active' | 'completed' | 'converted' | 'exited';

export interface Enrolment {
  id: string;
  contactId: string;
  contactName: string | null;
  contactEmail: string | null;
  version: number;
  nodeId: string;
  status: EnrolmentStatus;
  dueAt: string | null;
  enteredAt: string;
  finishedAt: string | null;
  exitReason: string | null;
}

export interface TraceStep { step: number; nodeId: string; at: string; outcome: string; detail: string | null }

export interface Trace { enrolment: Enrolment; steps: TraceStep[] }

export interface NodeStats { entered: number; waiting: number; completed: number; exited: number; converted: number; skipped?: number }

/** `rate` is converted ÷ entered (0–1), null before anyone entered. */
export interface SplitArmStats { key: string; label: string; entered: number; converted: number; rate: number | null }

export interface JourneyStats {
  version: number | null;
  totals: { entered: number; active: number; completed: number; exited: number; converted: number };
  nodes: Record<string, NodeStats>;
  splits: { nodeId: string; arms: SplitArmStats[]; pValue: number | null }[];
}

export interface SimulateInput { contactIds?: string[]; segmentId?: string; sample?: number }

export interface SimulatedStep { nodeId: string; at: string; outcome: string; detail: string | null }

export interface Simulation {
  contacts: { contactId: string; name: string | null; path: SimulatedStep[]; endedAs: string; endedAt: string | null }[];
  nodes: Record<string, { entered: number }>;
  /** `outcome`: "sent", or "held for quiet hours". */
  emails: { contactId: string; templateId: string; templateName: string | null; at: string; outcome: string }[];
  /** What the simulation took for granted (events it cannot foresee, …). */
  assumptions: string[];
}

/** A contact's enrolment as the contact page lists it. */
export interface ContactJourney {
  id: string;
  journeyId: string;
  journeyName: string;
  version: number;
  nodeId: string;
  status: EnrolmentStatus;
  dueAt: string | null;
  enteredAt: string;
  finishedAt: string | null;
  exitReason: string | null;
}

export interface TestClock { enabled: boolean; now: string }

/** What a launch answers. */
export interface Launched { journey: Journey; version: number; enrolled: number }
