// Shapes of the lifecycle, lead and notification API (server/src/modules/lifecycle/routes.ts,
// server/src/modules/notifications). Dates arrive as ISO strings.
import type { TimelineItem } from '../crm/types';
import type { Condition } from '../segments/types';

export type LeadStatus = 'new' | 'working' | 'nurturing' | 'recycled' | 'disqualified' | 'converted';
export type Tier = 'hot' | 'warm' | 'cold';

export interface LeadContact { id: string; name: string; email: string | null; companyName: string | null }

export interface Lead {
  id: string;
  status: LeadStatus;
  contact: LeadContact;
  ownerId: string | null;
  teamId: string | null;
  /** How the owner was found: "rule: Nordics, round-robin", "account owner of Acme", … */
  routedBy: string;
  definitionVersion: number;
  /** The grade when the contact qualified, A1 (best) to D4, and its tier then. */
  grade: string;
  tier: Tier;
  teamName: string | null;
  fit: number;
  engagement: number;
  mqlAt: string;
  assignedAt: string | null;
  slaDueAt: string | null;
  /** Milliseconds left to answer when the server answered (negative once breached); null once answered or unassigned. */
  slaRemainingMs: number | null;
  remindedAt: string | null;
  escalatedAt: string | null;
  acceptedAt: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  rejectNote: string | null;
  convertedAt: string | null;
  dealId: string | null;
}

export interface LedgerEntry {
  id: number;
  kind: 'fit' | 'engagement';
  ruleId: string | null;
  rule: string;
  eventId: number | null;
  event: string | null;
  /** Points when earned. */
  points: number;
  /** What they are worth now, after decay. */
  worth: number;
  at: string;
}

export interface LeadScore {
  fit: number;
  engagement: number;
  fitGrade: string;
  engagementLevel: number;
  grade: string;
  tier: Tier;
  halfLifeDays: number;
  fitRules: { ruleId: string; name: string; points: number }[];
  ledger: LedgerEntry[];
}

/** A lead with why: its score now, its ledger and the touchpoints up to the hand-off. */
export interface LeadDetail { lead: Lead; score: LeadScore; trail: TimelineItem[] }

export type RejectOutcome = 'recycle' | 'disqualify';
export interface RejectInput { reason: string; note: string | null; outcome: RejectOutcome }
export interface ConvertInput { dealName?: string; amount?: number | null }

// ── Lifecycle ────────────────────────────────────────────────────────────────────────

export interface StageSetting { key: string; label: string; enabled: boolean }
export interface RejectReason { key: string; label: string }
export interface LifecycleSettings { stages: StageSetting[]; rejectReasons: RejectReason[] }

export interface Transition {
  id: number;
  from: string | null;
  to: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  reason: string | null;
}

export interface ContactLifecycle {
  stage: string;
  /** Oldest first. */
  transitions: Transition[];
  leads: { id: string; status: LeadStatus; mqlAt: string; ownerId: string | null; rejectReason: string | null }[];
}

// ── Sales teams ──────────────────────────────────────────────────────────────────────

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  capacity: number;
  away: boolean;
  openLeads: number;
  lastAssignedAt: string | null;
}

export interface SalesTeam { id: string; name: string; leadUserId: string | null; createdAt: string; members: TeamMember[] }

export interface TeamMemberInput { userId: string; capacity?: number; away?: boolean }
export interface TeamInput { name?: string; leadUserId?: string | null; members?: TeamMemberInput[] }

// ── Lead definitions ─────────────────────────────────────────────────────────────────

export type DefinitionStatus = 'draft' | 'live' | 'retired';
export type ApprovalSide = 'marketing' | 'sales';

export interface RoutingRule { name: string; condition: Condition; teamId: string }

export interface LeadDefinition {
  id: string;
  version: number;
  status: DefinitionStatus;
  criteria: { fitMin: number; engagementMin: number; conditions: Condition | null };
  slaHours: number;
  routing: { accountOwnerFirst: boolean; rules: RoutingRule[]; fallbackTeamId: string | null };
  notes: string | null;
  createdBy: string | null;
  createdAt: string;
  liveAt: string | null;
  retiredAt: string | null;
  approvals: { userId: string; name: string; side: ApprovalSide; approvedAt: string }[];
  /** The sides still to approve a draft. */
  awaiting: ApprovalSide[];
}

export interface DefinitionInput {
  criteria: { fitMin: number; engagementMin: number; conditions: Condition | null };
  slaHours: number;
  routing: { accountOwnerFirst: boolean; rules: RoutingRule[]; fallbackTeamId: string | null };
  notes: string | null;
}

export interface BacktestFigures {
  definitionId: string;
  version: number;
  mql: number;
  reachedOpportunity: number;
  reachedCustomer: number;
  /** Per cent, one decimal. */
  opportunityRate: number;
  sample: { contact: LeadContact; qualifiedAt: string }[];
}

export interface Backtest { days: number; definition: BacktestFigures; live: BacktestFigures | null }

// ── Notifications ────────────────────────────────────────────────────────────────────

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  /** Where in the app it leads, e.g. `/leads/<id>`. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList { unread: number; items: AppNotification[] }
