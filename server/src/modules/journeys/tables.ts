import type { Generated, Timestamp } from '../../platform/db/schema.js';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';
export type EnrolmentStatus = 'active' | 'completed' | 'exited' | 'converted';
export type EnrolmentPhase = 'enter' | 'wait';

export interface JourneyTables {
  journeys: {
    workspace_id: string;
    id: Generated<string>;
    name: string;
    description: string | null;
    status: Generated<JourneyStatus>;
    draft: unknown;
    live_version: number | null;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  journey_versions: {
    workspace_id: string;
    journey_id: string;
    version: number;
    graph: unknown;
    rules: unknown;
    published_at: Timestamp;
    published_by: string | null;
  };
  journey_enrolments: {
    workspace_id: string;
    id: Generated<string>;
    journey_id: string;
    version: number;
    contact_id: string;
    status: Generated<EnrolmentStatus>;
    node_id: string;
    phase: Generated<EnrolmentPhase>;
    steps: Generated<number>;
    due_at: Timestamp | null;
    awaiting: unknown;
    resumed_by: 'event' | 'timeout' | null;
    recheck: Generated<boolean>;
    entered_at: Timestamp;
    finished_at: Timestamp | null;
    exit_reason: string | null;
  };
  journey_steps: {
    workspace_id: string;
    enrolment_id: string;
    step: number;
    journey_id: string;
    version: number;
    node_id: string;
    at: Timestamp;
    outcome: string;
    detail: string | null;
  };
  journey_score_marks: {
    workspace_id: string;
    journey_id: string;
    contact_id: string;
  };
}
