import { STANDARD_FIELD_LABELS } from '../crm/shared/fields';
import type { CustomField } from '../crm/types';
import type { SubscriptionTopic } from '../consent/types';
import type { AfterSubmit, ConsentBox, FieldType, FormField, FormInput, HiddenSource } from './types';

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Single-line text',
  email: 'Email',
  tel: 'Phone number',
  number: 'Number',
  textarea: 'Multi-line text',
  select: 'Dropdown',
  checkbox: 'Checkbox',
  date: 'Date',
  hidden: 'Hidden',
};

export const SOURCE_LABELS: Record<HiddenSource, string> = {
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  utm_term: 'UTM term',
  utm_content: 'UTM content',
  page_url: 'Page address',
  referrer: 'Referrer',
};

/** The contact fields a form can fill (the server's list), with the type a field for it usually has. */
const CONTACT_FIELDS: { value: string; type: FieldType }[] = [
  { value: 'email', type: 'email' },
  { value: 'firstName', type: 'text' },
  { value: 'lastName', type: 'text' },
  { value: 'phone', type: 'tel' },
  { value: 'jobTitle', type: 'text' },
  { value: 'persona', type: 'text' },
  { value: 'seniority', type: 'text' },
  { value: 'country', type: 'text' },
  { value: 'city', type: 'text' },
  { value: 'timezone', type: 'text' },
];

export interface MapTarget {
  value: string;
  label: string;
  group: 'Contact' | 'Company' | 'Custom fields';
  type: FieldType;
  options?: string[];
}

const customType = (field: CustomField): FieldType =>
  field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : field.type === 'boolean' ? 'checkbox' : field.type === 'select' ? 'select' : 'text';

/** Every field a form field can fill. */
export function mapTargets(customFields: CustomField[]): MapTarget[] {
  return [
    ...CONTACT_FIELDS.map(({ value, type }) => ({ value, type, label: STANDARD_FIELD_LABELS[value] ?? value, group: 'Contact' as const })),
    { value: 'company.name', label: 'Company name', group: 'Company', type: 'text' },
    { value: 'company.domain', label: 'Company domain', group: 'Company', type: 'text' },
    ...customFields.filter((field) => !field.archivedAt).map((field) => ({
      value: `custom.${field.key}`,
      label: field.label,
      group: 'Custom fields' as const,
      type: customType(field),
      options: field.options.length ? field.options.map((option) => option.value) : undefined,
    })),
  ];
}

export function mapToLabel(mapTo: string | null, targets: MapTarget[]): string {
  if (!mapTo) return 'Not saved to the contact';
  return targets.find((target) => target.value === mapTo)?.label ?? mapTo;
}

/** A field key from a label: `Job title` → `job_title`. */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 50);
  return key || 'field';
}

/** A key not yet taken by the other fields. */
export function uniqueKey(key: string, taken: string[]): string {
  if (!taken.includes(key)) return key;
  for (let n = 2; ; n++) if (!taken.includes(`${key}_${n}`)) return `${key}_${n}`;
}

export function purposeLabel(purpose: string, topics: SubscriptionTopic[]): string {
  if (purpose === 'marketing_email') return 'Marketing email';
  const key = purpose.startsWith('topic:') ? purpose.slice(6) : purpose;
  return topics.find((topic) => topic.key === key)?.name ?? key;
}

export const AFTER_SUBMIT_LABELS: Record<AfterSubmit['kind'], string> = {
  message: 'Show a thank-you message',
  redirect: 'Go to another page',
  asset: 'Release a download',
};

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

/** The rate of a list row, as the server computes it. */
export function rateOf(views: number, submissions: number): number | null {
  return views ? Math.round((submissions / views) * 1000) / 10 : null;
}

export const DEFAULT_CONSENT: ConsentBox = {
  purpose: 'marketing_email',
  wording: 'I would like to receive product news and offers by email. I can unsubscribe at any time.',
  required: false,
};

export function newFormInput(name: string): FormInput {
  const fields: FormField[] = [
    { key: 'email', label: 'Work email', type: 'email', mapTo: 'email', required: true },
    { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName', required: true },
  ];
  return {
    name,
    fields,
    consents: [],
    progressive: null,
    afterSubmit: { kind: 'message', message: 'Thanks! We will be in touch shortly.' },
    submitLabel: 'Submit',
    minSeconds: 2,
  };
}

/** A page address shown as its path (the host is the same on every row). */
export function pagePath(url: string | null): string {
  if (!url) return '—';
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
