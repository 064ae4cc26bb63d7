import type { Generated, Timestamp } from '../../platform/db/schema.js';

export interface FormTables {
  forms: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    status: Generated<'active' | 'archived'>;
    fields: unknown;
    consents: unknown;
    progressive: unknown;
    after_submit: unknown;
    submit_label: Generated<string>;
    min_seconds: Generated<number>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  form_submissions: {
    workspace_id: string;
    id: Generated<string>;
    form_id: string;
    contact_id: string;
    answers: unknown;
    page_url: string | null;
    referrer: string | null;
    source: string | null;
    utm: unknown;
    anonymous_id: string | null;
    submitted_at: Timestamp;
  };
  form_views: {
    workspace_id: string;
    form_id: string;
    day: string;
    page_path: string;
    source: string;
    views: number;
  };
}
