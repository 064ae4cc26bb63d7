import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type RuleKind = 'fit' | 'engagement';
export type CapPeriod = 'day' | 'week' | 'month' | 'ever';
export type Tier = 'cold' | 'warm' | 'hot';

export interface ScoringTables {
  scoring_settings: {
    workspace_id: string;
    half_life_days: string;
    fit_grades: Record<string, number>;
    engagement_levels: Record<string, number>;
    updated_at: Timestamp;
  };
  scoring_rules: {
    workspace_id: string;
    id: Generated<string>;
    kind: RuleKind;
    name: string;
    condition: unknown;
    points: number;
    cap_points: number | null;
    cap_period: CapPeriod | null;
    active: Generated<boolean>;
    created_at: Timestamp;
    updated_at: Timestamp;
    archived_at: Timestamp | null;
  };
  contact_scores: {
    workspace_id: string;
    contact_id: string;
    fit: Generated<number>;
    engagement: Generated<string>;
    fit_grade: Generated<string>;
    engagement_level: Generated<number>;
    tier: Generated<Tier>;
    updated_at: Timestamp;
  };
  contact_fit_matches: {
    workspace_id: string;
    contact_id: string;
    rule_id: string;
    points: number;
  };
  score_ledger: {
    workspace_id: string;
    id: Generated<number>;
    contact_id: string;
    kind: RuleKind;
    rule_id: string | null;
    rule_name: string;
    event_id: number | null;
    event_name: string | null;
    points: string;
    at: Timestamp;
  };
  score_decay_runs: {
    workspace_id: string;
    id: Generated<number>;
    factor: number;
    contacts: number;
    at: Timestamp;
  };
}
