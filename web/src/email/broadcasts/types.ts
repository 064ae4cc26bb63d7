/** The shapes of the broadcast API (`/api/v1/broadcasts`). */

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

/** A broadcast's report: outcomes of its messages, human engagement, clicks by link. */
export interface BroadcastStats {
  queued: number;
  sent: number;
  skipped: number;
  failed: number;
  bounces: { hard: number; other: number };
  opened: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  /** Percent of sent, one decimal; null before anything is sent. */
  openRate: number | null;
  clickRate: number | null;
  links: { url: string; clicks: number; people: number }[];
}

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
