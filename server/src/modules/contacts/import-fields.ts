import type { CustomFieldDefinition } from './custom-fields.js';
import { lifecycleStages } from './contacts.js';
import { normaliseEmail, parseSpreadsheetDate } from '../../platform/text.js';
import { normaliseDomain } from './domains.js';
import type { CustomValues } from './tables.js';

/** The standard fields a CSV column can map to, per object, with the column they fill. */
export const importableFields = {
  contact: {
    email: 'email', firstName: 'first_name', lastName: 'last_name', phone: 'phone', jobTitle: 'job_title', persona: 'persona',
    seniority: 'seniority', country: 'country', city: 'city', timezone: 'timezone', source: 'source', lifecycleStage: 'lifecycle_stage',
    tags: 'tags', ownerEmail: 'owner_id', companyName: 'company_name', companyDomain: 'company_domain',
  },
  company: {
    name: 'name', domain: 'domain', industry: 'industry', employeeCount: 'employee_count', revenueBand: 'revenue_band',
    country: 'country', tags: 'tags', ownerEmail: 'owner_id',
  },
  // Deals are written by the deals module (see registerImportWriter); these are its columns.
  deal: {
    name: 'name', amount: 'amount', currency: 'currency', expectedCloseDate: 'expected_close_date', pipeline: 'pipeline',
    stage: 'stage', lostReason: 'lost_reason', ownerEmail: 'owner_id', companyName: 'company_name', companyDomain: 'company_domain',
    contactEmail: 'contact_email',
  },
} as const;

export type ImportObject = keyof typeof importableFields;

export class RowRejection extends Error {
  constructor(readonly field: string, reason: string) {
    super(reason);
  }
}

const headerAliases: Record<string, string> = {
  'e-mail': 'email', 'email address': 'email', sahkoposti: 'email', 'first name': 'firstName', etunimi: 'firstName',
  'last name': 'lastName', sukunimi: 'lastName', surname: 'lastName', phone: 'phone', 'phone number': 'phone', puhelin: 'phone',
  title: 'jobTitle', 'job title': 'jobTitle', titteli: 'jobTitle', company: 'companyName', 'company name': 'companyName', yritys: 'companyName',
  website: 'domain', domain: 'domain', 'company domain': 'companyDomain', country: 'country', maa: 'country', city: 'city',
  kaupunki: 'city', tags: 'tags', source: 'source', 'lifecycle stage': 'lifecycleStage', owner: 'ownerEmail', name: 'name',
  industry: 'industry', employees: 'employeeCount', 'number of employees': 'employeeCount',
};

/** A first guess at the mapping from header names, for the wizard to show. */
export function suggestMapping(object: ImportObject, headers: string[], definitions: CustomFieldDefinition[]): Record<string, string> {
  const fields = Object.keys(importableFields[object]);
  const mapping: Record<string, string> = {};
  for (const header of headers) {
    const key = header.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[_]+/g, ' ');
    const compact = key.replace(/\s+/g, '');
    const field = fields.find((f) => f.toLowerCase() === compact) ?? headerAliases[key];
    const custom = definitions.find((d) => d.key === key.replace(/\s+/g, '_') || d.label.toLowerCase() === key);
    if (field && fields.includes(field)) mapping[header] = field;
    else if (custom) mapping[header] = `custom.${custom.key}`;
  }
  return mapping;
}

/** Converts one CSV cell to a custom field value; throws RowRejection naming the field. */
export function customCell(definition: CustomFieldDefinition, text: string): string | number | boolean | string[] {
  const field = `custom.${definition.key}`;
  // Reasons are read by people fixing their file: they name the field as the screens do.
  const name = definition.label;
  switch (definition.type) {
    case 'text':
      if (text.length > 10_000) throw new RowRejection(field, `${name} is longer than 10000 characters`);
      return text;
    case 'number': {
      const value = Number(text.replace(/\s/g, '').replace(',', '.'));
      if (!Number.isFinite(value)) throw new RowRejection(field, `${name} "${text}" is not a number`);
      return value;
    }
    case 'date': {
      const value = parseSpreadsheetDate(text);
      if (!value) throw new RowRejection(field, `${name} "${text}" is not a date (YYYY-MM-DD or D.M.YYYY)`);
      return value;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', 'y', '1', 'kyllä', 'x'].includes(lower)) return true;
      if (['false', 'no', 'n', '0', 'ei'].includes(lower)) return false;
      throw new RowRejection(field, `${name} "${text}" is not yes or no`);
    }
    case 'select': {
      const option = definition.options.find((o) => o.value === text || o.label.toLowerCase() === text.toLowerCase());
      if (!option) throw new RowRejection(field, `${name} "${text}" is not one of ${definition.options.map((o) => o.value).join(', ')}`);
      return option.value;
    }
    case 'multi_select': {
      const values = text.split(/[;|]/).map((v) => v.trim()).filter(Boolean);
      return values.map((value) => {
        const option = definition.options.find((o) => o.value === value || o.label.toLowerCase() === value.toLowerCase());
        if (!option) throw new RowRejection(field, `${name} "${value}" is not one of ${definition.options.map((o) => o.value).join(', ')}`);
        return option.value;
      });
    }
  }
}

export interface PreparedRow {
  line: number;
  /** column name → value, only for mapped, non-empty cells (empty cells never overwrite). */
  values: Record<string, unknown>;
  custom: CustomValues;
  tags: string[];
  ownerEmail: string | null;
  companyName: string | null;
  companyDomain: string | null;
}

const maxCell = 500;

/** Maps and validates one CSV record; empty cells are left out so they never erase data. */
export function prepareRow(
  object: ImportObject, line: number, record: Record<string, string>, mapping: Record<string, string>,
  definitions: CustomFieldDefinition[], requiredFields: string[] = [],
): PreparedRow {
  const columns = importableFields[object] as Record<string, string>;
  const row: PreparedRow = { line, values: {}, custom: {}, tags: [], ownerEmail: null, companyName: null, companyDomain: null };
  for (const [header, field] of Object.entries(mapping)) {
    const text = (record[header] ?? '').trim();
    if (!text) continue;
    if (field.startsWith('custom.')) {
      const definition = definitions.find((d) => d.key === field.slice('custom.'.length))!;
      row.custom[definition.key] = customCell(definition, text);
      continue;
    }
    if (field === 'tags') { row.tags = text.split(/[;,|]/).map((t) => t.trim()).filter(Boolean); continue; }
    if (field === 'ownerEmail') { row.ownerEmail = normaliseEmail(text); continue; }
    if (field === 'companyName') { row.companyName = text.slice(0, 300); continue; }
    if (text.length > maxCell && field !== 'name') throw new RowRejection(field, `${field} is longer than ${maxCell} characters`);
    row.values[columns[field]!] = convertStandard(object, field, text);
  }
  for (const [header, field] of Object.entries(mapping)) {
    if (requiredFields.includes(field) && !(record[header] ?? '').trim()) throw new RowRejection(field, `${field} is required in this workspace`);
  }
  for (const definition of definitions) {
    if (definition.required && row.custom[definition.key] === undefined) {
      throw new RowRejection(`custom.${definition.key}`, `custom.${definition.key} is required`);
    }
  }
  if (object === 'contact') {
    const email = row.values.email as string | undefined;
    if (!email && !row.values.first_name && !row.values.last_name && !row.values.phone) {
      throw new RowRejection('email', 'the row has no email, name or phone');
    }
    if (row.values.company_domain) row.companyDomain = row.values.company_domain as string;
    delete row.values.company_domain;
  } else if (!row.values.name) {
    throw new RowRejection('name', `the row has no ${object} name`);
  }
  if (object === 'deal' && row.values.company_domain) {
    row.companyDomain = row.values.company_domain as string;
    delete row.values.company_domain;
  }
  return row;
}

function convertStandard(object: ImportObject, field: string, text: string): unknown {
  switch (field) {
    case 'email': {
      const email = normaliseEmail(text);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) throw new RowRejection('email', `email "${text}" is not an email address`);
      return email;
    }
    case 'domain':
    case 'companyDomain': {
      const domain = normaliseDomain(text);
      if (!domain) throw new RowRejection(field, `${field} "${text}" is not a web domain`);
      return domain;
    }
    case 'lifecycleStage': {
      const stage = text.toLowerCase();
      if (!(lifecycleStages as readonly string[]).includes(stage)) throw new RowRejection(field, `lifecycleStage "${text}" is not one of ${lifecycleStages.join(', ')}`);
      return stage;
    }
    case 'amount': {
      const amount = Number(text.replace(/[\s€$£]/g, '').replace(',', '.'));
      if (!Number.isFinite(amount) || amount < 0) throw new RowRejection(field, `amount "${text}" is not a number`);
      return amount;
    }
    case 'currency':
      if (!/^[A-Za-z]{3}$/.test(text)) throw new RowRejection(field, `currency "${text}" is not a three-letter code such as EUR`);
      return text.toUpperCase();
    case 'contactEmail':
      return convertStandard(object, 'email', text);
    case 'expectedCloseDate': {
      const value = parseSpreadsheetDate(text);
      if (!value) throw new RowRejection(field, `expectedCloseDate "${text}" is not a date (YYYY-MM-DD or D.M.YYYY)`);
      return value;
    }
    case 'employeeCount': {
      const count = Number(text.replace(/\s/g, ''));
      if (!Number.isInteger(count) || count < 0) throw new RowRejection(field, `employeeCount "${text}" is not a whole number`);
      return count;
    }
    case 'timezone':
      try {
        new Intl.DateTimeFormat('en', { timeZone: text });
      } catch {
        throw new RowRejection(field, `timezone "${text}" is not an IANA time zone`);
      }
      return text;
    default:
      return object === 'company' && field === 'name' ? text.slice(0, 300) : text;
  }
}
