import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { fieldError } from '../../api/client';
import { CompanyPicker } from '../shared/CompanyPicker';
import { type CustomValue } from '../shared/CustomFieldInput';
import { LIFECYCLE_LABELS } from '../shared/fields';
import { OwnerSelect } from '../shared/OwnerSelect';
import { CustomFieldsSection, TagsField } from '../shared/RecordFormFields';
import { tagsAndCustomInput } from '../shared/recordInput';
import { LIFECYCLE_STAGES, type Contact, type CustomField, type LifecycleStage } from '../types';

export interface ContactFormValues {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  phone: string;
  companyId: string | null;
  ownerId: string | null;
  lifecycleStage: LifecycleStage;
  country: string;
  city: string;
  source: string;
  persona: string;
  seniority: string;
  timezone: string;
  tags: string[];
  custom: Record<string, CustomValue>;
}

const TEXT_FIELDS = ['email', 'firstName', 'lastName', 'jobTitle', 'phone', 'country', 'city', 'source', 'persona', 'seniority', 'timezone'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export const CONTACT_FORM_FIELDS = [...TEXT_FIELDS, 'companyId', 'ownerId', 'lifecycleStage', 'tags'] as const;

export function emptyContactValues(ownerId: string | null): ContactFormValues {
  return {
    email: '', firstName: '', lastName: '', jobTitle: '', phone: '', companyId: null, ownerId, lifecycleStage: 'lead',
    country: '', city: '', source: '', persona: '', seniority: '', timezone: '', tags: [], custom: {},
  };
}

export function contactValues(contact: Contact): ContactFormValues {
  const values = emptyContactValues(contact.ownerId);
  for (const field of TEXT_FIELDS) values[field] = contact[field] ?? '';
  return {
    ...values,
    companyId: contact.companyId,
    lifecycleStage: contact.lifecycleStage,
    tags: contact.tags,
    custom: { ...(contact.custom as Record<string, CustomValue>) },
  };
}

/** The request body: every field for a new contact (empty ones left out), only the changes for an update. */
export function contactInput(values: ContactFormValues, before?: Contact): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = values[field].trim() || null;
    if (before ? value !== (before[field] ?? null) : value !== null) input[field] = value;
  }
  for (const field of ['companyId', 'ownerId'] as const) {
    if (before ? values[field] !== before[field] : values[field] !== null) input[field] = values[field];
  }
  if (!before || values.lifecycleStage !== before.lifecycleStage) input.lifecycleStage = values.lifecycleStage;
  return { ...input, ...tagsAndCustomInput(values, before) };
}

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: LIFECYCLE_LABELS[stage] }));

const LABELS: Record<TextField, string> = {
  email: 'Email', firstName: 'First name', lastName: 'Last name', jobTitle: 'Job title', phone: 'Phone', country: 'Country',
  city: 'City', source: 'Source', persona: 'Persona', seniority: 'Seniority', timezone: 'Time zone',
};

interface ContactFieldsProps {
  values: ContactFormValues;
  onChange: (values: ContactFormValues) => void;
  error: unknown;
  customFields: CustomField[];
  /** Standard fields the workspace requires (data-quality rules). */
  requiredFields: string[];
  /** All fields (the edit drawer) or the ones people fill in first (the new-contact dialog). */
  full?: boolean;
}

/** The inputs of a contact, each showing the server's message when it names that field. */
export function ContactFields({ values, onChange, error, customFields, requiredFields, full = false }: ContactFieldsProps) {
  const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => onChange({ ...values, [key]: value });
  const required = (field: string) => requiredFields.includes(field);
  const textInput = (field: TextField, extra: { type?: string; placeholder?: string; autoFocus?: boolean } = {}) => (
    <TextInput
      key={field}
      label={LABELS[field]}
      type={extra.type}
      placeholder={extra.placeholder}
      data-autofocus={extra.autoFocus || undefined}
      required={required(field)}
      withAsterisk={required(field)}
      value={values[field]}
      error={fieldError(error, field)}
      onChange={(event) => set(field, event.currentTarget.value)}
    />
  );
  // Fields the workspace requires are always asked for, even in the short form.
  const extra = full ? (['country', 'city', 'source', 'persona', 'seniority', 'timezone'] as const) : (['country', 'city', 'source', 'persona', 'seniority', 'timezone'] as const).filter(required);

  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
        {textInput('email', { type: 'email', placeholder: 'name@company.com', autoFocus: true })}
        {textInput('phone', { type: 'tel' })}
        {textInput('firstName')}
        {textInput('lastName')}
        {textInput('jobTitle')}
        <CompanyPicker
          value={values.companyId}
          onChange={(id) => set('companyId', id)}
          required={required('companyId')}
          withAsterisk={required('companyId')}
          error={fieldError(error, 'companyId')}
          description={!values.companyId && !full ? 'Left empty, the email domain picks the company' : undefined}
        />
        <OwnerSelect
          value={values.ownerId}
          onChange={(id) => set('ownerId', id)}
          required={required('ownerId')}
          withAsterisk={required('ownerId')}
          error={fieldError(error, 'ownerId')}
        />
        <Select
          label="Lifecycle stage"
          data={STAGE_OPTIONS}
          value={values.lifecycleStage}
          allowDeselect={false}
          error={fieldError(error, 'lifecycleStage')}
          onChange={(stage) => stage && set('lifecycleStage', stage as LifecycleStage)}
          comboboxProps={{ withinPortal: true }}
        />
        {extra.map((field) => textInput(field, field === 'timezone' ? { placeholder: 'e.g. Europe/Helsinki' } : {}))}
      </SimpleGrid>
      {full && <TagsField value={values.tags} onChange={(tags) => set('tags', tags)} error={error} />}
      <CustomFieldsSection fields={customFields} values={values.custom} onChange={(custom) => set('custom', custom)} error={error} />
    </>
  );
}
