import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type CrmObject = 'contact' | 'company' | 'deal';
export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select' | 'multi_select';
export type CustomValues = Record<string, string | number | boolean | string[]>;

/** Where a visit came from: stored as a contact's and company's first and last touch. */
export interface Touch {
  channel: string;
  owner: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  referrer: string | null;
  landingPage: string | null;
  at: string;
  sessionId: string;
}

export interface ContactTables {
  custom_fields: {
    workspace_id: string;
    id: Generated<string>;
    object_type: CrmObject;
    key: string;
    label: string;
    type: CustomFieldType;
    options: Generated<{ value: string; label: string }[]>;
    required: Generated<boolean>;
    position: Generated<number>;
    created_at: Timestamp;
    archived_at: Timestamp | null;
  };
  companies: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    domain: string | null;
    industry: string | null;
    employee_count: number | null;
    revenue_band: string | null;
    country: string | null;
    owner_id: string | null;
    tags: Generated<string[]>;
    custom: Generated<CustomValues>;
    traits: Generated<Record<string, unknown>>;
    first_touch: Touch | null;
    last_touch: Touch | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  contacts: {
    workspace_id: string;
    id: Generated<string>;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    phone: string | null;
    job_title: string | null;
    persona: string | null;
    seniority: string | null;
    country: string | null;
    city: string | null;
    timezone: string | null;
    owner_id: string | null;
    source: string | null;
    tags: Generated<string[]>;
    lifecycle_stage: Generated<string>;
    company_id: string | null;
    custom: Generated<CustomValues>;
    traits: Generated<Record<string, unknown>>;
    first_touch: Touch | null;
    last_touch: Touch | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  contact_identities: {
    workspace_id: string;
    kind: string;
    value: string;
    contact_id: string;
    created_at: Timestamp;
  };
  company_identities: {
    workspace_id: string;
    kind: string;
    value: string;
    company_id: string;
    created_at: Timestamp;
  };
  record_redirects: {
    workspace_id: string;
    object_type: CrmObject;
    old_id: string;
    new_id: string;
    merged_at: Timestamp;
  };
  timeline_entries: {
    workspace_id: string;
    id: Generated<number>;
    occurred_at: Timestamp;
    kind: string;
    contact_id: string | null;
    company_id: string | null;
    deal_id: string | null;
    actor_type: 'user' | 'api_key' | 'system' | 'cli' | 'contact';
    actor_id: string | null;
    actor_label: string | null;
    source_type: string | null;
    source_id: string | null;
    data: Generated<unknown>;
  };
}

export type ImportStatus = 'uploaded' | 'queued' | 'running' | 'done' | 'failed';

export interface ImportTables {
  imports: {
    workspace_id: string; id: Generated<string>; object_type: CrmObject; file_name: string; status: Generated<ImportStatus>;
    headers: string[]; delimiter: Generated<string>; mapping: Record<string, string> | null; on_duplicate: Generated<'update' | 'skip'>; bytes: number;
    bytes_processed: Generated<number>; rows_processed: Generated<number>; rows_created: Generated<number>; rows_updated: Generated<number>;
    rows_skipped: Generated<number>; rows_rejected: Generated<number>; error: string | null; created_by: string | null;
    created_at: Timestamp; started_at: Timestamp | null; finished_at: Timestamp | null;
  };
  import_chunks: { workspace_id: string; import_id: string; seq: number; data: Buffer };
  import_rejections: { workspace_id: string; import_id: string; line: number; field: string | null; reason: string; raw: unknown };
}

export interface QualityTables {
  record_rules: {
    workspace_id: string; object_type: CrmObject; required_fields: Generated<string[]>; completeness_fields: string[]; updated_at: Timestamp;
  };
}

export interface SearchTables {
  search_words: { workspace_id: string; word: string };
}
