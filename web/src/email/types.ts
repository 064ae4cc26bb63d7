/** The shapes of the email API (`/api/v1/email/*`, `/messages`, `/sending-domains`). */

export type TemplateKind = 'marketing' | 'transactional';

export interface EmailTemplate {
  id: string;
  name: string;
  kind: TemplateKind;
  /** The subscription topic a marketing template belongs to: people unsubscribed from it get none. */
  topicKey: string | null;
  subject: string;
  preheader: string | null;
  mjml: string;
  /** Each save is a new version; messages in flight keep the version they were queued with. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  kind: TemplateKind;
  topicKey: string | null;
  subject: string;
  preheader: string | null;
  mjml: string;
}

export interface PreviewInput {
  subject: string;
  preheader: string | null;
  mjml: string;
  contactId?: string;
}

/** A template rendered for one contact (or sample data): what the recipient gets. */
export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

export type MessageState = 'queued' | 'sending' | 'deferred' | 'sent' | 'bounced' | 'failed' | 'skipped';

/** One row of the send ledger. */
export interface Message {
  id: string;
  contactId: string | null;
  to: string;
  templateId: string | null;
  broadcastId: string | null;
  kind: TemplateKind;
  subject: string;
  state: MessageState;
  /** Why a message was skipped, failed, deferred or bounced. */
  reason: string | null;
  attempts: number;
  queuedAt: string;
  sentAt: string | null;
  bouncedAt: string | null;
  bounceClass: string | null;
  firstOpenedAt: string | null;
  /** Opens by people; machine opens are mail privacy proxies and link scanners. */
  humanOpens: number;
  machineOpens: number;
  firstClickedAt: string | null;
  humanClicks: number;
  complainedAt: string | null;
  unsubscribedAt: string | null;
  smtpResponse: string | null;
}

/**
 * What a report counts over a set of messages (a broadcast's, or every one sent from a template):
 * outcomes, human engagement, and clicks by link. Opens and clicks are people's: those of mail
 * privacy proxies and link scanners are left out.
 */
export interface MessageStats {
  /** Every message, whatever its state. */
  queued: number;
  /** Accepted by the receiving server. */
  sent: number;
  skipped: number;
  failed: number;
  bounces: { hard: number; other: number };
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  /** Percent of sent, one decimal; null before anything is sent. */
  openRate: number | null;
  clickRate: number | null;
  links: { url: string; clicks: number; people: number }[];
  /** Messages opened at least once by a machine (mail privacy proxy, link scanner): not in `opened`. */
  machineOpened: number;
  /** Why messages did not go: skipped, failed and bounced ones by reason, most common first (up to 50). */
  reasons: MessageReason[];
}

/** How many of a report's messages ended in a state that did not send them, for one reason. */
export interface MessageReason {
  state: 'skipped' | 'failed' | 'bounced';
  /** Null when none was recorded. */
  reason: string | null;
  messages: number;
}

export interface SendInput {
  to: string;
  content: { kind: TemplateKind; subject: string; mjml: string };
}

export interface DnsRecord {
  type: string;
  name: string;
  value: string;
  purpose: string;
}

export interface SendingDomain {
  id: string;
  domain: string;
  selector: string;
  fromEmail: string;
  fromName: string | null;
  isDefault: boolean;
  createdAt: string;
  dns: DnsRecord[];
}

export interface DomainInput {
  domain: string;
  fromEmail: string;
  fromName: string | null;
  isDefault: boolean;
}

/** A reusable piece of MJML, placed in a template with `{% snippet "key" %}`. */
export interface Snippet {
  key: string;
  name: string;
  content: string;
  updatedAt: string;
}
