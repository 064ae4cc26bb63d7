import type { Generated, Timestamp } from '../../platform/db/schema.js';
import type { CustomValues } from '../contacts/index.js';

export type StageKind = 'open' | 'won' | 'lost';
export type DealStatus = 'open' | 'won' | 'lost';
export type BuyingRole = 'decision_maker' | 'influencer' | 'user' | 'technical' | 'champion';
export type ActivityKind = 'note' | 'call' | 'meeting' | 'email';
export type TaskPriority = 'low' | 'normal' | 'high';

export interface DealTables {
  pipelines: {
    workspace_id: string; id: Generated<string>; name: string; position: Generated<number>;
    created_at: Timestamp; archived_at: Timestamp | null;
  };
  pipeline_stages: {
    workspace_id: string; id: Generated<string>; pipeline_id: string; name: string; position: number;
    probability: number; kind: Generated<StageKind>;
  };
  deals: {
    workspace_id: string; id: Generated<string>; name: string; pipeline_id: string; stage_id: string;
    status: Generated<DealStatus>; amount: string | null; currency: Generated<string>; expected_close_date: string | null;
    owner_id: string | null; company_id: string | null; lost_reason: string | null; closed_at: Timestamp | null;
    stage_entered_at: Timestamp; custom: Generated<CustomValues>; created_at: Timestamp; updated_at: Timestamp;
  };
  deal_contacts: {
    workspace_id: string; deal_id: string; contact_id: string; role: BuyingRole | null; added_at: Timestamp;
  };
  deal_stage_history: {
    workspace_id: string; id: Generated<number>; deal_id: string; stage_id: string;
    entered_at: Timestamp; left_at: Timestamp | null; moved_by: string | null;
  };
  activities: {
    workspace_id: string; id: Generated<string>; kind: ActivityKind; subject: string | null; body: string | null;
    occurred_at: Timestamp; duration_minutes: number | null; outcome: string | null;
    contact_id: string | null; company_id: string | null; deal_id: string | null;
    created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
  };
  tasks: {
    workspace_id: string; id: Generated<string>; title: string; notes: string | null; due_at: Timestamp | null;
    priority: Generated<TaskPriority>; assignee_id: string | null; done_at: Timestamp | null;
    contact_id: string | null; company_id: string | null; deal_id: string | null;
    created_by: string | null; created_at: Timestamp; updated_at: Timestamp;
  };
}
