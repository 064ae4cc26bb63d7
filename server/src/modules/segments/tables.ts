import type { Generated, Timestamp } from '../../platform/db/schema.js';

export interface SegmentTables {
  segments: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    description: string | null;
    definition: unknown;
    version: Generated<number>;
    dependencies: unknown;
    member_count: Generated<number>;
    computed_at: Timestamp | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  segment_members: {
    workspace_id: string;
    segment_id: string;
    contact_id: string;
    entered_at: Timestamp;
  };
  segment_membership_changes: {
    workspace_id: string;
    segment_id: string;
    contact_id: string;
    entered: boolean;
    at: Timestamp;
  };
  lists: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    description: string | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  list_members: {
    workspace_id: string;
    list_id: string;
    contact_id: string;
    added_at: Timestamp;
    added_by: string | null;
  };
}
