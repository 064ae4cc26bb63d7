import type { CustomField } from '../types';
import type { ImportObject } from './api';

const LABELS: Record<string, string> = {
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
  source: 'Source',
  lifecycleStage: 'Lifecycle stage',
  tags: 'Tags',
  ownerEmail: 'Owner (email of a member)',
  companyName: 'Company name',
  companyDomain: 'Company domain',
  name: 'Name',
  domain: 'Domain',
  industry: 'Industry',
  employeeCount: 'Number of employees',
  revenueBand: 'Revenue band',
};

/** How the importer finds an existing record, in the words of the duplicate question. */
export const MATCHED_BY: Record<ImportObject, string> = {
  contact: 'the same email address',
  company: 'the same domain',
};

export const OBJECT_LABELS: Record<ImportObject, { one: string; many: string }> = {
  contact: { one: 'contact', many: 'contacts' },
  company: { one: 'company', many: 'companies' },
};

export function fieldLabel(field: string, customFields: readonly CustomField[] = []): string {
  if (field.startsWith('custom.')) {
    const key = field.slice('custom.'.length);
    return customFields.find((definition) => definition.key === key)?.label ?? key;
  }
  return LABELS[field] ?? field;
}

/** The fields as grouped Select options: standard fields, then the workspace's own. */
export function fieldOptions(object: ImportObject, fields: readonly string[], customFields: readonly CustomField[]) {
  const standard = fields.filter((field) => !field.startsWith('custom.'));
  const custom = fields.filter((field) => field.startsWith('custom.'));
  const groups = [{ group: object === 'contact' ? 'Contact fields' : 'Company fields', items: standard }];
  if (custom.length) groups.push({ group: 'Custom fields', items: custom });
  return groups.map(({ group, items }) => ({
    group,
    items: items.map((field) => ({ value: field, label: fieldLabel(field, customFields) })),
  }));
}
