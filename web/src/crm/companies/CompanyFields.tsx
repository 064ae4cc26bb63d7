import { NumberInput, SimpleGrid, TextInput } from '@mantine/core';
import { fieldError } from '../../api/client';
import { type CustomValue } from '../shared/CustomFieldInput';
import { OwnerSelect } from '../shared/OwnerSelect';
import { CustomFieldsSection, TagsField } from '../shared/RecordFormFields';
import { tagsAndCustomInput } from '../shared/recordInput';
import type { Company, CustomField } from '../types';

export interface CompanyFormValues {
  name: string;
  domain: string;
  industry: string;
  employeeCount: number | null;
  revenueBand: string;
  country: string;
  ownerId: string | null;
  tags: string[];
  custom: Record<string, CustomValue>;
}

const TEXT_FIELDS = ['name', 'domain', 'industry', 'revenueBand', 'country'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export const COMPANY_FORM_FIELDS = [...TEXT_FIELDS, 'employeeCount', 'ownerId', 'tags'] as const;

export function emptyCompanyValues(ownerId: string | null): CompanyFormValues {
  return { name: '', domain: '', industry: '', employeeCount: null, revenueBand: '', country: '', ownerId, tags: [], custom: {} };
}

export function companyValues(company: Company): CompanyFormValues {
  return {
    name: company.name,
    domain: company.domain ?? '',
    industry: company.industry ?? '',
    employeeCount: company.employeeCount,
    revenueBand: company.revenueBand ?? '',
    country: company.country ?? '',
    ownerId: company.ownerId,
    tags: company.tags,
    custom: { ...(company.custom as Record<string, CustomValue>) },
  };
}

/** The request body: the filled fields of a new company, only the changes for an update. */
export function companyInput(values: CompanyFormValues, before?: Company): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const value = values[field].trim() || null;
    if (field === 'name' && value === null && !before) continue;
    if (before ? value !== (before[field] ?? null) : value !== null) input[field] = field === 'name' ? value ?? '' : value;
  }
  if (before ? values.employeeCount !== before.employeeCount : values.employeeCount !== null) input.employeeCount = values.employeeCount;
  if (before ? values.ownerId !== before.ownerId : values.ownerId !== null) input.ownerId = values.ownerId;
  return { ...input, ...tagsAndCustomInput(values, before) };
}

const LABELS: Record<TextField, string> = { name: 'Name', domain: 'Domain', industry: 'Industry', revenueBand: 'Revenue band', country: 'Country' };

interface CompanyFieldsProps {
  values: CompanyFormValues;
  onChange: (values: CompanyFormValues) => void;
  error: unknown;
  customFields: CustomField[];
  requiredFields: string[];
}

export function CompanyFields({ values, onChange, error, customFields, requiredFields }: CompanyFieldsProps) {
  const set = <K extends keyof CompanyFormValues>(key: K, value: CompanyFormValues[K]) => onChange({ ...values, [key]: value });
  const required = (field: string) => field === 'name' || requiredFields.includes(field);
  const textInput = (field: TextField, extra: { placeholder?: string; autoFocus?: boolean; description?: string } = {}) => (
    <TextInput
      label={LABELS[field]}
      placeholder={extra.placeholder}
      description={extra.description}
      data-autofocus={extra.autoFocus || undefined}
      required={required(field)}
      withAsterisk={required(field)}
      value={values[field]}
      error={fieldError(error, field)}
      onChange={(event) => set(field, event.currentTarget.value)}
    />
  );
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
        {textInput('name', { autoFocus: true, placeholder: 'e.g. Acme Oy' })}
        {textInput('domain', { placeholder: 'acme.com' })}
        {textInput('industry')}
        <NumberInput
          label="Employees"
          min={0}
          allowDecimal={false}
          required={required('employeeCount')}
          withAsterisk={required('employeeCount')}
          value={values.employeeCount ?? ''}
          error={fieldError(error, 'employeeCount')}
          onChange={(value) => set('employeeCount', typeof value === 'number' ? value : null)}
        />
        {textInput('revenueBand', { placeholder: 'e.g. 10–50 M€' })}
        {textInput('country')}
        <OwnerSelect
          value={values.ownerId}
          onChange={(id) => set('ownerId', id)}
          required={required('ownerId')}
          withAsterisk={required('ownerId')}
          error={fieldError(error, 'ownerId')}
        />
      </SimpleGrid>
      <TagsField value={values.tags} onChange={(tags) => set('tags', tags)} error={error} />
      <CustomFieldsSection fields={customFields} values={values.custom} onChange={(custom) => set('custom', custom)} error={error} />
    </>
  );
}
