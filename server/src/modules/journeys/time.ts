import type { RelativeAmount } from '../segments/index.js';
import type { Weekday } from './graph.js';

const unitMs = { minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 7 * 86_400_000, months: 30 * 86_400_000 } as const;

/** A wait's length; a month is 30 days. */
export function durationMs(amount: RelativeAmount): number {
  return amount.amount * unitMs[amount.unit];
}

const formats = new Map<string, Intl.DateTimeFormat>();
function partsIn(at: Date, zone: string) {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const weekday = (['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday!) + 1) as Weekday;
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute), weekday };
}

function validZone(zone: string | null): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The UTC instant of a local wall-clock time in `zone` (the offset read at that instant). */
function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, zone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const seen = partsIn(new Date(guess), zone);
  const offset = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - guess;
  return new Date(guess - offset);
}

/** The next moment after `now` that is one of `weekdays` (1 = Monday) at hour:minute in `zone` (UTC when unknown). */
export function nextLocalTime(now: Date, weekdays: Weekday[], hour: number, minute: number, zone: string | null): Date {
  const tz = validZone(zone);
  const today = partsIn(now, tz);
  for (let offset = 0; offset <= 7; offset++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const weekday = (((day.getUTCDay() + 6) % 7) + 1) as Weekday;
    if (!weekdays.includes(weekday)) continue;
    const at = zonedInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute, tz);
    if (at > now) return at;
  }
  return new Date(now.getTime() + 7 * 86_400_000);
}
