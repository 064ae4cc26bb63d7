import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type LeadStatus = 'new' | 'working' | 'nurturing' | 'recycled' | 'disqualified' | 'converted';
export type DefinitionStatus = 'draft' | 'live' | 'retired';
export type ApprovalSide = 'marketing' | 'sales';

export interface LifecycleTables {
  lifecycle_settings: {
    workspace_id: string;
    stages: unknown;
    reject_reasons: unknown;
    updated_at: Timestamp;
  };
  lifecycle_transitions: {
    workspace_id: string;
    id: Generated<number>;
    contact_id: string;
    from_stage: string | null;
    to_stage: string;
    at: Timestamp;
    actor_type: string;
    actor_id: string | null;
    actor_label: string;
    reason: string | null;
  };
  sales_teams: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    lead_user_id: string | null;
    created_at: Timestamp;
  };
  sales_team_members: {
    workspace_id: string;
    team_id: string;
    user_id: string;
    capacity: Generated<number>;
    away: Generated<boolean>;
    last_assigned_at: Timestamp | null;
  };
  lead_definitions: {
    workspace_id: string;
    id: Generated<string>;
    version: number;
    status: DefinitionStatus;
    criteria: unknown;
    sla_hours: number;
    routing: unknown;
    notes: string | null;
    created_by: string | null;
    created_at: Timestamp;
    live_at: Timestamp | null;
    retired_at: Timestamp | null;
  };
  lead_definition_approvals: {
    workspace_id: string;
    definition_id: string;
    user_id: string;
    side: ApprovalSide;
    approved_at: Timestamp;
  };
  leads: {
    workspace_id: string;
    id: Generated<string>;
    contact_id: string;
    definition_id: string;
    status: LeadStatus;
    owner_id: string | null;
    team_id: string | null;
    routed_by: string;
    mql_at: Timestamp;
    assigned_at: Timestamp | null;
    sla_due_at: Timestamp | null;
    reminded_at: Timestamp | null;
    escalated_at: Timestamp | null;
    accepted_at: Timestamp | null;
    rejected_at: Timestamp | null;
    reject_reason: string | null;
    reject_note: string | null;
    converted_at: Timestamp | null;
    deal_id: string | null;
    closed_by: string | null;
    fit: number;
    engagement: string;
    grade: string;
    tier: string;
  };
  notifications: {
    workspace_id: string;
    id: Generated<number>;
    user_id: string;
    kind: string;
    title: string;
    body: string | null;
    link: string | null;
    created_at: Timestamp;
    read_at: Timestamp | null;
    emailed_at: Timestamp | null;
  };
}
