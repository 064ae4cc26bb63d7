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
