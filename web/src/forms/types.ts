/** The shapes of the forms API (`/api/v1/forms`, see docs/forms.md). */
export const FIELD_TYPES = ['text', 'email', 'tel', 'number', 'textarea', 'select', 'checkbox', 'date', 'hidden'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const HIDDEN_SOURCES = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'page_url', 'referrer'] as const;
export type HiddenSource = (typeof HIDDEN_SOURCES)[number];

export interface FormField {
  key: string;
  label: string;
  type: FieldType;
  /** `email`, a contact field, `company.name`, `company.domain`, `custom.<key>`, or null. */
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
  | { kind: 'asset'; url: string; message: string };

export interface FormInput {
  name: string;
  fields: FormField[];
  consents: ConsentBox[];
  progressive: { maxFields: number } | null;
  afterSubmit: AfterSubmit;
  submitLabel: string;
  minSeconds: number;
}

export interface Form extends FormInput {
  id: string;
  status: 'active' | 'archived';
  embed: { script: string; html: string; hostedUrl: string };
  createdAt: string;
  updatedAt: string;
}

export interface FormSummary extends Form {
  views: number;
  submissions: number;
}

export interface Submission {
  id: string;
  contactId: string;
  contactName: string | null;
  contactEmail: string | null;
  answers: Record<string, unknown>;
  pageUrl: string | null;
  referrer: string | null;
  source: string | null;
  utm: Record<string, string>;
  submittedAt: string;
}

export interface Rate {
  key: string;
  views: number;
  submissions: number;
  rate: number | null;
}

export interface Conversion {
  views: number;
  submissions: number;
  rate: number | null;
  byPage: Rate[];
  bySource: Rate[];
}
