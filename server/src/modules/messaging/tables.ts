import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type ConsentStatus = 'granted' | 'withdrawn';
export type LawfulBasis = 'consent' | 'legitimate_interest' | 'contract' | 'legal_obligation';
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'unsubscribe' | 'manual';
export type MarketingBasis = 'consent' | 'consent_or_legitimate_interest';

export interface MessagingTables {
  subscription_topics: {
    workspace_id: string;
    id: Generated<string>;
    key: string;
    name: string;
    description: string | null;
    created_at: Timestamp;
    archived_at: Timestamp | null;
  };
  consent_records: {
    workspace_id: string;
    id: Generated<number>;
    contact_id: string;
    purpose: string;
    status: ConsentStatus;
    lawful_basis: LawfulBasis;
    source: string;
    wording: string | null;
    ip: string | null;
    actor_type: string;
    actor_id: string | null;
    actor_label: string;
    recorded_at: Timestamp;
  };
  consent_state: {
    workspace_id: string;
    contact_id: string;
    purpose: string;
    status: ConsentStatus;
    lawful_basis: LawfulBasis;
    record_id: number;
    updated_at: Timestamp;
  };
  suppressions: {
    workspace_id: string;
    email: string;
    reason: SuppressionReason;
    note: string | null;
    created_at: Timestamp;
  };
  messaging_settings: {
    workspace_id: string;
    marketing_basis: Generated<MarketingBasis>;
    double_opt_in: Generated<boolean>;
    updated_at: Timestamp;
  };
}
