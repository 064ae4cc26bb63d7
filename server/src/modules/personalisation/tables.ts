import type { Generated, Timestamp } from '../../platform/db/schema.js';

export interface PersonalisationTables {
  content_slots: {
    workspace_id: string;
    id: Generated<string>;
    key: string;
    name: string;
    status: Generated<'active' | 'archived'>;
    default_content: Generated<string>;
    rules: unknown;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  content_slot_stats: {
    workspace_id: string;
    slot_id: string;
    variant: string;
    day: string;
    impressions: Generated<number>;
  };
}
