import type { Generated, Timestamp } from '../../platform/db/schema.js';

export const eventTypes = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof eventTypes)[number];

export interface EventTables {
  tracking_settings: {
    workspace_id: string;
    retention_days: Generated<number>;
    respect_do_not_track: Generated<boolean>;
    require_consent: Generated<boolean>;
    own_domains: Generated<string[]>;
    partner_domains: Generated<string[]>;
    trait_mappings: Generated<Record<string, string>>;
    updated_at: Timestamp;
  };
  event_receipts: {
    workspace_id: string;
    message_id: string;
    received_at: Timestamp;
  };
  events: {
    workspace_id: string;
    id: Generated<number>;
    occurred_at: Timestamp;
    received_at: Timestamp;
    type: EventType;
    name: string | null;
    message_id: string;
    anonymous_id: string | null;
    user_id: string | null;
    visitor_key: string;
    contact_id: string | null;
    session_id: string | null;
    channel: string;
    touch_owner: string;
    page_path: string | null;
    payload: unknown;
  };
  visitors: {
    workspace_id: string;
    key: string;
    user_id: string | null;
    contact_id: string | null;
    first_seen_at: Timestamp;
  };
  web_sessions: {
    workspace_id: string;
    id: string;
    visitor_key: string;
    contact_id: string | null;
    started_at: Timestamp;
    last_event_at: Timestamp;
    event_count: number;
    page_count: number;
    channel: string;
    touch_owner: string;
    source: string | null;
    medium: string | null;
    campaign: string | null;
    referrer: string | null;
    landing_page: string | null;
  };
  event_deliveries: {
    workspace_id: string;
    consumer: string;
    batch_id: number;
    delivered_at: Timestamp;
  };
}
