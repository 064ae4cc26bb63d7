/** The shapes of the broadcast API (`/api/v1/broadcasts`). */

import type { MessageStats } from '../types';

export type BroadcastStatus = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';
export type BroadcastSchedule = 'now' | 'at' | 'local_hour';
export type AudienceKind = 'segment' | 'list';

export interface Broadcast {
  id: string;
  name: string;
  templateId: string;
  audience: { kind: AudienceKind; id: string };
  schedule: BroadcastSchedule;
  /** `at`: when it goes; `local_hour`: its UTC date is the day. */
  sendAt: string | null;
  /** `local_hour`: the hour (0–23) on each contact's own clock. */
  localHour: number | null;
  /** Throttle: at most this many messages a minute. */
  perMinute: number | null;
  status: BroadcastStatus;
  /** Messages queued at launch: one per member with an email address. */
  recipients: number;
  /** Members left out at launch because they have no email address. */
  withoutEmail: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A broadcast's report: the same figures as a template's. */
export type BroadcastStats = MessageStats;

export interface BroadcastReport extends Broadcast {
  stats: BroadcastStats;
}

export interface BroadcastInput {
  name: string;
  templateId: string;
  audience: { kind: AudienceKind; id: string };
  schedule: BroadcastSchedule;
  sendAt: string | null;
  localHour: number | null;
  perMinute: number | null;
}
