import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';

/**
 * The workspace's limits on marketing email sent by automation: quiet hours (local hours in
 * which a send waits until they end) and a frequency cap (at most `count` marketing emails
 * per contact in `days`; a send beyond it is skipped, and says so).
 */
export interface SendLimits {
  quietHours: { start: number; end: number; timezone: string } | null;
  frequencyCap: { count: number; days: number } | null;
}

export async function sendLimitsOf(db: DbOrTx, workspaceId: string): Promise<SendLimits> {
  const row = await db.selectFrom('messaging_settings')
    .select(['quiet_hours_start', 'quiet_hours_end', 'quiet_hours_zone', 'frequency_cap_count', 'frequency_cap_days'])
    .where('workspace_id', '=', workspaceId).executeTakeFirst();
  return {
    quietHours: row && row.quiet_hours_start !== null && row.quiet_hours_end !== null
      ? { start: row.quiet_hours_start, end: row.quiet_hours_end, timezone: row.quiet_hours_zone } : null,
    frequencyCap: row?.frequency_cap_count && row.frequency_cap_days ? { count: row.frequency_cap_count, days: row.frequency_cap_days } : null,
  };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function saveSendLimits(db: DbOrTx, clock: Clock, workspaceId: string, input: SendLimits): Promise<SendLimits> {
  const quiet = input.quietHours;
  if (quiet && quiet.start === quiet.end) throw badRequest('quiet hours start and end at different hours', 'quietHours.end');
  if (quiet && !isTimeZone(quiet.timezone)) throw badRequest(`${quiet.timezone} is not a time zone (e.g. Europe/Helsinki)`, 'quietHours.timezone');
  const values = {
    quiet_hours_start: quiet?.start ?? null, quiet_hours_end: quiet?.end ?? null, quiet_hours_zone: quiet?.timezone ?? 'UTC',
    frequency_cap_count: input.frequencyCap?.count ?? null, frequency_cap_days: input.frequencyCap?.days ?? null, updated_at: clock.now(),
  };
  await db.insertInto('messaging_settings').values({ workspace_id: workspaceId, ...values }).onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  return sendLimitsOf(db, workspaceId);
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
function localTime(at: Date, zone: string): { hour: number; minute: number } {
  let format = hourFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    hourFormats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  return { hour: Number(parts.find((part) => part.type === 'hour')!.value), minute: Number(parts.find((part) => part.type === 'minute')!.value) };
}

/**
 * When a marketing email may go to someone in `zone` (their own, else the workspace's): now,
 * or the end of the quiet hours they are in. Quiet hours may wrap midnight (21 → 8).
 */
export function sendableAt(now: Date, limits: SendLimits, zone: string | null): Date {
  const quiet = limits.quietHours;
  if (!quiet) return now;
  const local = localTime(now, zone && isTimeZone(zone) ? zone : quiet.timezone);
  const inside = quiet.start < quiet.end ? local.hour >= quiet.start && local.hour < quiet.end : local.hour >= quiet.start || local.hour < quiet.end;
  if (!inside) return now;
  const hoursLeft = (quiet.end - local.hour + 24) % 24;
  return new Date(now.getTime() + (hoursLeft * 60 - local.minute) * 60_000 - now.getUTCSeconds() * 1000 - now.getUTCMilliseconds());
}

/** Contacts who already had `count` marketing emails in the last `days` (skipped, not failed or queued-then-skipped ones). */
export async function cappedContacts(db: DbOrTx, now: Date, workspaceId: string, contactIds: string[], limits: SendLimits): Promise<Set<string>> {
  const cap = limits.frequencyCap;
  if (!cap || !contactIds.length) return new Set();
  const { rows } = await sql<{ contact_id: string }>`
    select contact_id from email_messages
     where workspace_id = ${workspaceId} and contact_id = any(${contactIds}::uuid[]) and kind = 'marketing'
       and queued_at > ${now}::timestamptz - make_interval(days => ${cap.days}) and state not in ('skipped', 'failed')
     group by contact_id having count(*) >= ${cap.count}`.execute(db);
  return new Set(rows.map((row) => row.contact_id));
}
