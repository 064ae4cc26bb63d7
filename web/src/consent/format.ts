import type { ConsentStatus, LawfulBasis, SubscriptionTopic } from './types';

/** All marketing email; a subscription topic's purpose is `topic:<key>`. */
export const MARKETING_EMAIL = 'marketing_email';

export const BASIS_LABELS: Record<LawfulBasis, string> = {
  consent: 'Consent',
  legitimate_interest: 'Legitimate interest',
  contract: 'Contract',
  legal_obligation: 'Legal obligation',
};

export const STATUS_LABELS: Record<ConsentStatus, string> = { granted: 'Given', pending: 'Awaiting confirmation', withdrawn: 'Withdrawn' };
export const STATUS_COLORS: Record<ConsentStatus, string> = { granted: 'green', pending: 'yellow', withdrawn: 'red' };

/** Where consent is given or withdrawn; the API takes any word, these are the usual ones. */
export const SOURCES: { value: string; label: string }[] = [
  { value: 'form', label: 'Form or web page' },
  { value: 'preference_centre', label: 'Preference centre' },
  { value: 'double_opt_in', label: 'Double opt-in confirmation' },
  { value: 'unsubscribe_link', label: 'Unsubscribe link' },
  { value: 'phone', label: 'Phone call' },
  { value: 'in_person', label: 'In person' },
  { value: 'email', label: 'Email reply' },
  { value: 'import', label: 'Import' },
  { value: 'api', label: 'API' },
];

/** The sources the server accepts consent given from without the wording (a system passing it on). */
export const SOURCES_WITHOUT_WORDING = ['api', 'import'];

/** The form a consent was given on: its source is `form:<form id>`. */
export function formOfSource(source: string): string | undefined {
  return /^form:([0-9a-f-]{36})$/i.exec(source)?.[1];
}

export function sourceLabel(source: string): string {
  if (formOfSource(source)) return 'Web form';
  return SOURCES.find((candidate) => candidate.value === source)?.label ?? humanize(source);
}

export const SUPPRESSION_REASONS: Record<string, { label: string; color: string }> = {
  hard_bounce: { label: 'Hard bounce', color: 'red' },
  complaint: { label: 'Spam complaint', color: 'orange' },
  unsubscribe: { label: 'Unsubscribed', color: 'gray' },
  manual: { label: 'Added by hand', color: 'blue' },
};

export function suppressionReason(reason: string): { label: string; color: string } {
  return SUPPRESSION_REASONS[reason] ?? { label: humanize(reason), color: 'gray' };
}

/** "Marketing email", or a topic by its name ("Monthly newsletter"). */
export function purposeLabel(purpose: string, topics: readonly SubscriptionTopic[] | undefined): string {
  if (purpose === MARKETING_EMAIL) return 'Marketing email';
  if (purpose.startsWith('topic:')) {
    const key = purpose.slice('topic:'.length);
    return topics?.find((topic) => topic.key === key)?.name ?? key;
  }
  return humanize(purpose);
}

/** "hard_bounce" → "Hard bounce". */
export function humanize(word: string): string {
  const text = word.replace(/[_.]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Newsletter for partners" → "newsletter_for_partners": a topic key the API accepts. */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 50);
}
