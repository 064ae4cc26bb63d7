// Shapes of the reports API (server/src/modules/analytics/routes.ts). Every figure of a
// report drills down to the contacts or leads behind it.

export type FunnelGrouping = 'none' | 'cohort' | 'source';

export interface FunnelStage {
  stage: string;
  /** Contacts that reached this stage or a later one in the period. */
  reached: number;
  /** Of those, reached the next stage (null for the last stage). */
  converted: number | null;
  /** Percent, one decimal; null when nobody reached the stage or for the last stage. */
  conversionRate: number | null;
  medianDaysToNext: number | null;
}

export interface FunnelReport {
  from: string;
  to: string;
  groupBy: FunnelGrouping;
  total: FunnelStage[];
  /** Cohort month ("YYYY-MM") or first-touch channel ("unknown" without one); empty for "none". */
  groups: { key: string; stages: FunnelStage[] }[];
}

export interface ContactRef {
  id: string;
  name: string;
  email: string | null;
  companyName: string | null;
}

export interface SlaCounts {
  assigned: number;
  inTime: number;
  late: number;
  /** The deadline passed and nobody answered yet. */
  breachedOpen: number;
  /** Unanswered, still within the SLA. */
  open: number;
  /** Percent answered in time of those due (in time + late + breached); null when none was due. */
  compliance: number | null;
}

export interface SlaOwnerRow extends SlaCounts {
  ownerId: string | null;
  ownerName: string;
  teamId: string | null;
  teamName: string | null;
  medianHoursToAnswer: number | null;
}

export interface SlaTeamRow extends SlaCounts {
  teamId: string | null;
  teamName: string;
}

export interface SlaReport {
  from: string;
  to: string;
  byOwner: SlaOwnerRow[];
  byTeam: SlaTeamRow[];
}

export interface RejectionRow {
  /** "YYYY-MM". */
  month: string;
  reason: string;
  count: number;
}

export interface RejectionReport {
  from: string;
  to: string;
  items: RejectionRow[];
}

export interface SourceRow {
  /** First-touch channel, or "unknown". */
  source: string;
  contacts: number;
  leads: number;
  mqls: number;
  sqls: number;
  customers: number;
  wonAmount: number;
}

export interface SourceReport {
  from: string;
  to: string;
  items: SourceRow[];
}

export interface LeadRef {
  leadId: string;
  contact: ContactRef;
}

export type SlaOutcome = 'in_time' | 'late' | 'breached_open' | 'open';

export interface StageSetting {
  key: string;
  label: string;
  enabled: boolean;
}

export interface LifecycleSettings {
  stages: StageSetting[];
  rejectReasons: { key: string; label: string }[];
}
