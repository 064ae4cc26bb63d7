/** The shapes of the consent API (`/api/v1/contacts/:id/consent`, `/suppressions`, `/subscription-topics`, `/messaging/settings`). */

/** pending: given on a form, awaiting the person's confirmation by email (double opt-in). */
export type ConsentStatus = 'granted' | 'pending' | 'withdrawn';
export type LawfulBasis = 'consent' | 'legitimate_interest' | 'contract' | 'legal_obligation';
export type MarketingBasis = 'consent' | 'consent_or_legitimate_interest';
export type SuppressionReason = 'hard_bounce' | 'complaint' | 'unsubscribe' | 'manual';

/** The current state of one purpose: `marketing_email` or `topic:<key>`. */
export interface ConsentState {
  purpose: string;
  status: ConsentStatus;
  lawfulBasis: LawfulBasis;
  updatedAt: string;
}

/** One record of consent given or withdrawn: never changed, it is the evidence. */
export interface ConsentRecord {
  id: number | string;
  purpose: string;
  status: ConsentStatus;
  lawfulBasis: LawfulBasis;
  source: string;
  wording: string | null;
  ip: string | null;
  actor: { type: string; id: string | null; label: string };
  recordedAt: string;
}

export interface ContactConsent {
  /** Whether marketing email may go to the contact now, and if not, why. */
  marketing: { allowed: boolean; reason: string };
  state: ConsentState[];
  suppression: { reason: SuppressionReason | string; note: string | null; since: string } | null;
  /** Newest first. */
  history: ConsentRecord[];
}

export interface ConsentInput {
  purpose: string;
  status: ConsentStatus;
  lawfulBasis: LawfulBasis;
  source: string;
  wording: string | null;
  ip: string | null;
}

export interface SubscriptionTopic {
  id: string;
  key: string;
  name: string;
  description: string | null;
  createdAt: string;
  archived: boolean;
}

export interface MessagingSettings {
  marketingBasis: MarketingBasis;
  doubleOptIn: boolean;
}

export interface Suppression {
  email: string;
  reason: SuppressionReason | string;
  note: string | null;
  createdAt: string;
}
