import type { Broadcast, BroadcastStatus } from './types';

export const BROADCAST_STATUSES: Record<BroadcastStatus, { label: string; color: string; description: string }> = {
  draft: { label: 'Draft', color: 'gray', description: 'Not scheduled yet' },
  scheduled: { label: 'Scheduled', color: 'blue', description: 'Waits for its time; it can still be cancelled' },
  sending: { label: 'Sending', color: 'yellow', description: 'Its messages are queued and going out' },
  sent: { label: 'Sent', color: 'green', description: 'Every message has an outcome' },
  cancelled: { label: 'Cancelled', color: 'gray', description: 'Cancelled before it started; nothing was sent' },
};

export function statusInfo(status: string) {
  return BROADCAST_STATUSES[status as BroadcastStatus] ?? { label: status, color: 'gray', description: '' };
}

// Schedules read the same in every browser: "14 Jan 09:00".
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const dayWithYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const utcDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const utcDayWithYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "14 Jan 09:00" in the browser's time zone; the year only when it is not this year. */
export function formatWhen(value: string | Date): string {
  const date = new Date(value);
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return `${(sameYear ? day : dayWithYear).format(date)} ${clock.format(date)}`;
}

/** "15 Jan": the calendar day of a UTC date (how a local-hour broadcast names its day). */
export function formatUtcDay(value: string | Date): string {
  const date = new Date(value);
  return (date.getUTCFullYear() === new Date().getUTCFullYear() ? utcDay : utcDayWithYear).format(date);
}

export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

type Schedule = Pick<Broadcast, 'schedule' | 'sendAt' | 'localHour'>;

/** "now", "at 14 Jan 09:00", "09:00 in each contact's time zone on 15 Jan". */
export function scheduleInWords(broadcast: Schedule): string {
  if (broadcast.schedule === 'at' && broadcast.sendAt) return `at ${formatWhen(broadcast.sendAt)}`;
  if (broadcast.schedule === 'local_hour' && broadcast.sendAt && broadcast.localHour !== null) {
    return `${hourLabel(broadcast.localHour)} in each contact's time zone on ${formatUtcDay(broadcast.sendAt)}`;
  }
  return 'now';
}

/** The first and last instants a local hour reaches on a UTC day: UTC+14 first, UTC−12 last. */
export function localHourSpan(sendAt: string | Date, hour: number): { first: Date; last: Date } {
  const date = new Date(sendAt);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  return { first: new Date(Date.UTC(y, m, d, hour - 14)), last: new Date(Date.UTC(y, m, d, hour + 12)) };
}

/** When the server launches the broadcast (reads its audience and queues the messages). */
export function launchTime(broadcast: Schedule & Pick<Broadcast, 'createdAt'>): Date {
  const created = new Date(broadcast.createdAt);
  if (broadcast.schedule === 'at' && broadcast.sendAt) return new Date(broadcast.sendAt);
  if (broadcast.schedule === 'local_hour' && broadcast.sendAt && broadcast.localHour !== null) {
    const { first } = localHourSpan(broadcast.sendAt, broadcast.localHour);
    return first > created ? first : created;
  }
  return created;
}

/** "600 a minute", or null when not throttled. */
export function throttleInWords(perMinute: number | null): string | null {
  return perMinute ? `${perMinute.toLocaleString()} a minute` : null;
}

/** "about 2 h 30 min" for `count` messages at `perMinute`. */
export function durationInWords(count: number, perMinute: number): string {
  const minutes = Math.ceil(count / perMinute);
  if (minutes <= 1) return 'under a minute';
  if (minutes < 60) return `about ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `about ${hours} h${rest ? ` ${rest} min` : ''}`;
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input wants it. */
export function localInputValue(date: Date): string {
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

/** `YYYY-MM-DD` of the browser's today plus `days`. */
export function localDateValue(days = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return localInputValue(date).slice(0, 10);
}

/** The browser's time zone, e.g. "Europe/Helsinki". */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export { percent } from '../format';
