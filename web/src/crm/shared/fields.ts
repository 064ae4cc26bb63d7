import type { CustomField, LifecycleStage } from '../types';

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  sal: 'SAL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
  other: 'Other',
};

export const LIFECYCLE_COLORS: Record<LifecycleStage, string> = {
  subscriber: 'gray',
  lead: 'blue',
  mql: 'cyan',
  sal: 'teal',
  sql: 'green',
  opportunity: 'violet',
  customer: 'indigo',
  evangelist: 'grape',
  other: 'gray',
};

export function lifecycleLabel(stage: string): string {
  return LIFECYCLE_LABELS[stage as LifecycleStage] ?? stage;
}

/** Labels of the standard fields of contacts, companies and deals (API names, camelCase or snake_case). */
export const STANDARD_FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  jobTitle: 'Job title',
  persona: 'Persona',
  seniority: 'Seniority',
  country: 'Country',
  city: 'City',
  timezone: 'Time zone',
  ownerId: 'Owner',
  source: 'Source',
  tags: 'Tags',
  lifecycleStage: 'Lifecycle stage',
  companyId: 'Company',
  name: 'Name',
  domain: 'Domain',
  industry: 'Industry',
  employeeCount: 'Employees',
  revenueBand: 'Revenue band',
  amount: 'Amount',
  currency: 'Currency',
  expectedCloseDate: 'Expected close date',
  lostReason: 'Lost reason',
};

/** The fields that data-quality rules may name, per object. */
export const QUALITY_FIELDS = {
  contact: ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone', 'ownerId', 'source', 'companyId'],
  company: ['name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country', 'ownerId'],
} as const;

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** "First name" for firstName or first_name, the custom field's label for custom.<key>. */
export function fieldLabel(name: string, customFields: readonly CustomField[] = []): string {
  if (name.startsWith('custom.')) {
    const key = name.slice('custom.'.length);
    return customFields.find((field) => field.key === key)?.label ?? key.replace(/_/g, ' ');
  }
  const known = STANDARD_FIELD_LABELS[camel(name)];
  if (known) return known;
  const words = camel(name).replace(/([A-Z])/g, ' $1').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A custom value as a person reads it: option labels, Yes/No, comma-separated lists. */
export function formatCustomValue(value: unknown, field?: CustomField): string {
  if (value === null || value === undefined || value === '') return '—';
  const optionLabel = (option: unknown) => field?.options.find((o) => o.value === option)?.label ?? String(option);
  if (Array.isArray(value)) return value.length ? value.map(optionLabel).join(', ') : '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field?.type === 'select') return optionLabel(value);
  return String(value);
}
