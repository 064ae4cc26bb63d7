import { badRequest } from '../../platform/http/errors.js';
import { mappableContactFields } from '../contacts/index.js';

/**
 * A form as data: its fields (each mapped to a contact, company or custom field), the
 * consent boxes (their wording is stored with the consent record), progressive profiling
 * and what follows a submission.
 */
export const fieldTypes = ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox', 'date', 'hidden'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Where a hidden field takes its value from when the page does not set it. */
export const hiddenSources = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'page_url', 'referrer'] as const;
export type HiddenSource = (typeof hiddenSources)[number];

export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  /** `email`, a contact field (`firstName` …), `company.name`, `company.domain`, `custom.<key>`, or null (kept with the submission only). */
  mapTo: string | null;
  required?: boolean;
  options?: string[];
  maxLength?: number;
  placeholder?: string;
  source?: HiddenSource;
}

export interface ConsentBox {
  /** `marketing_email` or `topic:<key>`. */
  purpose: string;
  wording: string;
  required?: boolean;
}

export type AfterSubmit =
  | { kind: 'message'; message: string }
  | { kind: 'redirect'; url: string }
  /** A gated asset: the link is released with the thank-you message. */
  | { kind: 'asset'; url: string; message: string };

export interface FormDefinition {
  fields: FormField[];
  consents: ConsentBox[];
  progressive: { maxFields: number } | null;
  afterSubmit: AfterSubmit;
  submitLabel: string;
  minSeconds: number;
}

const keyPattern = /^[a-z][a-z0-9_]{0,49}$/;
const maxFields = 50;
const companyFields = ['company.name', 'company.domain'];

/** Checks a definition as sent; a mistake is a 400 naming the field (`fields[2].mapTo`). */
export function checkDefinition(input: FormDefinition, customKeys: Set<string>, topicKeys: Set<string>): FormDefinition {
  const { fields, consents, afterSubmit } = input;
  if (!fields.length) throw badRequest('a form has at least one field', 'fields');
  if (fields.length > maxFields) throw badRequest(`a form has at most ${maxFields} fields`, 'fields');
  const keys = new Set<string>();
  const mapped = new Set<string>();
  for (const [index, field] of fields.entries()) {
    const at = (name: string) => `fields[${index}].${name}`;
    if (!keyPattern.test(field.key)) throw badRequest('a field key is lower case letters, digits and _, starting with a letter', at('key'));
    if (keys.has(field.key) || field.key.startsWith('_')) throw badRequest(`two fields have the key ${field.key}`, at('key'));
    keys.add(field.key);
    if (field.mapTo) {
      const known = field.mapTo === 'email' || mappableContactFields.includes(field.mapTo) || companyFields.includes(field.mapTo)
        || (field.mapTo.startsWith('custom.') && customKeys.has(field.mapTo.slice(7)));
      if (!known) throw badRequest(`${field.mapTo} is not a contact, company or custom field`, at('mapTo'));
      if (mapped.has(field.mapTo)) throw badRequest(`two fields fill ${field.mapTo}`, at('mapTo'));
      mapped.add(field.mapTo);
    }
    if (field.type === 'select' && !field.options?.length) throw badRequest('a choice needs its options', at('options'));
    if (field.type === 'hidden' && field.required) throw badRequest('a hidden field cannot be required', at('required'));
    if (field.mapTo === 'email' && field.type !== 'email') throw badRequest('the field that fills email is of type email', at('type'));
  }
  const email = fields.find((field) => field.mapTo === 'email');
  if (!email?.required) throw badRequest('a form asks for the email address (a required field mapped to email): it is how the contact is found', 'fields');
  for (const [index, consent] of consents.entries()) {
    const purpose = consent.purpose;
    if (purpose !== 'marketing_email' && !(purpose.startsWith('topic:') && topicKeys.has(purpose.slice(6)))) {
      throw badRequest('a consent box is for marketing_email or topic:<an existing topic>', `consents[${index}].purpose`);
    }
    if (!consent.wording.trim()) throw badRequest('the wording the person agrees to is required', `consents[${index}].wording`);
  }
  if ((afterSubmit.kind === 'redirect' || afterSubmit.kind === 'asset') && !/^https?:\/\/\S+$/.test(afterSubmit.url)) {
    throw badRequest('give an http(s) URL', 'afterSubmit.url');
  }
  return input;
}
