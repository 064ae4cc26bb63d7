// Shapes of the scoring API (server/src/modules/scoring/routes.ts). Dates arrive as ISO strings.
import type { Condition, EmailCondition, EventCondition, FormCondition, PageMatch, PropertyFilter } from '../segments/types';

export type RuleKind = 'fit' | 'engagement';
export type CapPeriod = 'day' | 'week' | 'month' | 'ever';
export interface Cap { points: number; period: CapPeriod }

/**
 * What one occurrence of which earns an engagement rule's points: a page view or a track
 * call (with property filters), an email opened or clicked, a form submitted. No count or
 * window: how often is the cap's business, how long the half-life's.
 */
export type EngagementCondition =
  | (Omit<EventCondition, 'count' | 'window' | 'event'> & {
      event: { kind: 'page'; path: string; match?: PageMatch } | { kind: 'track'; name: string };
      filters?: PropertyFilter[];
    })
  | Omit<EmailCondition, 'window'>
  | Omit<FormCondition, 'window'>;

export interface Rule {
  id: string;
  kind: RuleKind;
  name: string;
  /** Fit: any condition on contact and company fields. Engagement: an {@link EngagementCondition}. */
  condition: Condition;
  /** Never 0; negative for a penalty. */
  points: number;
  /** Engagement rules only. */
  cap: Cap | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RuleInput {
  kind: RuleKind;
  name: string;
  condition: Condition;
  points: number;
  cap?: Cap | null;
  active?: boolean;
}

export type RulePatch = Partial<Omit<RuleInput, 'kind'>>;

export interface ScoringSettings {
  /** Engagement halves every this many days. */
  halfLifeDays: number;
  /** The least fit for each grade; below C is D. */
  fitGrades: { A: number; B: number; C: number };
  /** The least engagement for each level; below 3 is 4. */
  engagementLevels: { 1: number; 2: number; 3: number };
}

export type Tier = 'hot' | 'warm' | 'cold';

export interface LedgerEntry {
  id: number;
  kind: RuleKind;
  ruleId: string | null;
  rule: string;
  eventId: number | null;
  /** The event's name or page path; null for a fit rule gained or lost. */
  event: string | null;
  points: number;
  /** What the points are worth now, after decay. */
  worth: number;
  at: string;
}

export interface ContactScore {
  fit: number;
  engagement: number;
  fitGrade: string;
  engagementLevel: number;
  /** "A1" (best) to "D4". */
  grade: string;
  tier: Tier;
  halfLifeDays: number;
  lastDecayAt: string | null;
  fitRules: { ruleId: string; name: string; points: number }[];
  /** Newest first. */
  ledger: LedgerEntry[];
}

export interface CompanyScore {
  contacts: number;
  bestFit: number;
  engagement: number;
  tiers: Record<Tier, number>;
}
