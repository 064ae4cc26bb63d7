import type { Generated, Timestamp } from '../db/schema.js';

export type JobState = 'pending' | 'running' | 'done' | 'failed';

export interface JobTables {
  jobs: {
    id: Generated<number>;
    workspace_id: string | null;
    queue: string;
    payload: unknown;
    idempotency_key: string | null;
    state: Generated<JobState>;
    run_at: Timestamp;
    attempts: Generated<number>;
    max_attempts: Generated<number>;
    locked_by: string | null;
    locked_until: Timestamp | null;
    last_error: string | null;
    created_at: Timestamp;
    finished_at: Timestamp | null;
  };
  rate_limits: {
    bucket: string;
    window_start: Timestamp;
    hits: number;
  };
}
