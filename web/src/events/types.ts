// Shapes of the events and tracking API (see /api/openapi.json). Dates arrive as ISO strings.

export const EVENT_TYPES = ['page', 'track', 'identify', 'group', 'alias', 'screen'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type Channel = 'direct' | 'organic_search' | 'paid_search' | 'social' | 'email' | 'referral' | 'campaign';
export type TouchOwner = 'brand' | 'partner' | 'customer' | 'external';

export interface EventView {
  id: number; type: EventType; name: string | null; messageId: string; anonymousId: string | null; userId: string | null;
  contact: { id: string; name: string; email: string | null } | null; sessionId: string | null; channel: string;
  touchOwner: string; pagePath: string | null; occurredAt: string; receivedAt: string;
  /** The event as it was sent. */
  payload: Record<string, unknown>;
}

export interface EventPage { items: EventView[]; nextBefore: number | null }

/** The web visit a contact or company was first or last reached through. */
export interface Touch {
  channel: string; owner: string; source: string | null; medium: string | null; campaign: string | null;
  referrer: string | null; landingPage: string | null; at: string; sessionId: string;
}

/** What tracking adds to a contact or company. */
export interface TrackedProfile {
  /** Every trait identify or group sent, mapped to a field or not. */
  traits: Record<string, unknown>;
  firstTouch: Touch | null;
  lastTouch: Touch | null;
}

export interface WebSession {
  id: string; startedAt: string; lastEventAt: string; eventCount: number; pageCount: number; channel: string; touchOwner: string;
  source: string | null; medium: string | null; campaign: string | null; referrer: string | null; landingPage: string | null;
}

export interface ContactTracking {
  /** `user_id` or `external:<type>` (e.g. external:stripe_customer_id). */
  identities: { kind: string; value: string; createdAt: string }[];
  /** Browsers and devices: an anonymous id, or `u:<userId>` for events sent with a user id only. */
  visitors: { key: string; userId: string | null; firstSeenAt: string; lastSeenAt: string }[];
  sessions: WebSession[];
}

export interface TrackingSettingsInput {
  retentionDays: number;
  respectDoNotTrack: boolean;
  requireConsent: boolean;
  ownDomains: string[];
  partnerDomains: string[];
  /** trait → contact field (jobTitle, custom.plan …). */
  traitMappings: Record<string, string>;
}

export interface TrackingSettings extends TrackingSettingsInput {
  /** Where the browser tracker is served, e.g. https://tandem.example.com/t.js. */
  scriptUrl: string;
  /** Base URL of the Segment-compatible collection API (/v1/batch, /v1/track …). */
  collectUrl: string;
  writeKeys: { id: string; name: string; key: string }[];
}
