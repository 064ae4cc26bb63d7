import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type ConsentStatus = 'granted' | 'withdrawn' | 'pending';
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
    quiet_hours_start: number | null;
    quiet_hours_end: number | null;
    quiet_hours_zone: Generated<string>;
    frequency_cap_count: number | null;
    frequency_cap_days: number | null;
    updated_at: Timestamp;
  };
}

export type MessageState = 'queued' | 'sending' | 'deferred' | 'sent' | 'bounced' | 'failed' | 'skipped';
export type BounceClass = 'hard' | 'soft' | 'block';

export interface EmailTables {
  email_templates: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    kind: string;
    topic_key: string | null;
    subject: string;
    preheader: string | null;
    mjml: string;
    version: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
    archived_at: Timestamp | null;
  };
  email_snippets: {
    workspace_id: string;
    key: string;
    name: string;
    content: string;
    updated_at: Timestamp;
  };
  sending_domains: {
    workspace_id: string;
    id: Generated<string>;
    domain: string;
    selector: string;
    dkim_private_key: string;
    dkim_public_key: string;
    from_email: string;
    from_name: string | null;
    is_default: Generated<boolean>;
    created_at: Timestamp;
  };
  email_messages: {
    workspace_id: string;
    id: Generated<string>;
    contact_id: string | null;
    to_email: string;
    template_id: string | null;
    template_version: number | null;
    broadcast_id: string | null;
    kind: string;
    subject: string;
    content: unknown;
    state: MessageState;
    state_reason: string | null;
    attempts: Generated<number>;
    next_attempt_at: Timestamp | null;
    smtp_response: string | null;
    queued_at: Timestamp;
    sent_at: Timestamp | null;
    bounced_at: Timestamp | null;
    bounce_class: BounceClass | null;
    first_opened_at: Timestamp | null;
    human_opens: Generated<number>;
    machine_opens: Generated<number>;
    first_clicked_at: Timestamp | null;
    human_clicks: Generated<number>;
    complained_at: Timestamp | null;
    unsubscribed_at: Timestamp | null;
    idempotency_key: string | null;
  };
  email_message_events: {
    workspace_id: string;
    id: Generated<number>;
    message_id: string;
    kind: string;
    url: string | null;
    machine: Generated<boolean>;
    detail: string | null;
    user_agent: string | null;
    ip: string | null;
    at: Timestamp;
  };
  broadcasts: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    template_id: string;
    audience_kind: 'segment' | 'list';
    audience_id: string;
    schedule: 'now' | 'at' | 'local_hour';
    send_at: Timestamp | null;
    local_hour: number | null;
    per_minute: number | null;
    status: 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
    recipients: Generated<number>;
    skipped: Generated<number>;
    created_by: string | null;
    created_at: Timestamp;
    started_at: Timestamp | null;
    finished_at: Timestamp | null;
  };
}
