import type { Generated, Timestamp } from './db/schema.js';

/**
 * The outbox of domain events (`segment.entered`, `segment.exited`, …): rows written in the
 * transaction of the change they announce, so a journey or a webhook never hears of a change
 * that rolled back, nor misses one that committed. Readers follow `id` per workspace.
 */
export interface OutboxTables {
  domain_events: {
    workspace_id: string;
    id: Generated<number>;
    topic: string;
    subject_id: string | null;
    payload: unknown;
    created_at: Timestamp;
  };
}

/** Notified (payload: the workspace id) when domain events are written. */
export const domainEventsChannel = 'tandem_domain_events';
