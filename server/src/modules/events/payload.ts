import { randomUUID } from 'node:crypto';
import { type EventType, eventTypes } from './tables.js';

/**
 * Reading Segment-spec events (https://segment.com/docs/connections/spec/common/): each
 * one is checked on its own, so one bad event in a batch rejects that event only, with a
 * message that names the field.
 */
export const maxEventBytes = 32 * 1024;
export const maxBatchBytes = 500 * 1024;
const maxIdLength = 500;

type Json = Record<string, unknown>;

export interface IncomingEvent {
  /** Position in the request's batch (0 for a single-event call). */
  index: number;
  type: EventType;
  messageId: string;
  anonymousId: string | null;
  userId: string | null;
  /** Events of one browser share its anonymousId; server-side ones only have a userId. */
  visitorKey: string;
  /** track: the event; page/screen: the page name. */
  name: string | null;
  occurredAt: Date;
  properties: Json;
  traits: Json;
  context: Json;
  groupId: string | null;
  previousId: string | null;
  /** The event as sent, minus the write key (what the live view shows), serialised once. */
  payloadJson: string;
  receivedAt: Date;
}

export interface EventRejection {
  index: number;
  field: string;
  message: string;
}

export class InvalidEvent extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectField(event: Json, field: string): Json {
  const value = event[field];
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw new InvalidEvent(field, `${field} must be an object`);
  return value;
}

/** Ids may be sent as numbers by some clients; they are stored as text. */
function idField(event: Json, field: string): string | null {
  const value = event[field];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw new InvalidEvent(field, `${field} must be a string`);
  const id = String(value);
  if (id.length > maxIdLength) throw new InvalidEvent(field, `${field} is longer than ${maxIdLength} characters`);
  return id;
}

function textField(event: Json, field: string, maxLength: number): string | null {
  const value = event[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InvalidEvent(field, `${field} must be a string`);
  if (value.length > maxLength) throw new InvalidEvent(field, `${field} is longer than ${maxLength} characters`);
  return value;
}

function timeField(event: Json, field: string): Date | null {
  const value = event[field];
  if (value === undefined || value === null) return null;
  const time = typeof value === 'string' ? new Date(value) : null;
  if (!time || Number.isNaN(time.getTime())) throw new InvalidEvent(field, `${field} must be an ISO 8601 date-time`);
  return time;
}

/**
 * When it happened, by the server's clock: a device whose clock is off by an hour stamps
 * both `timestamp` and `sentAt` an hour off, so receivedAt − (sentAt − timestamp) is right.
 * A gap under a minute is network transit, not a wrong clock: correcting it would push an
 * event that travelled slowly (a beacon sent as the page closed) after the next page's.
 * A time still in the future is the arrival time.
 */
const skewThresholdMs = 60_000;

export function correctedTime(timestamp: Date | null, sentAt: Date | null, receivedAt: Date): Date {
  if (!timestamp) return receivedAt;
  const skew = sentAt ? receivedAt.getTime() - sentAt.getTime() : 0;
  const corrected = Math.abs(skew) >= skewThresholdMs ? new Date(timestamp.getTime() + skew) : timestamp;
  return corrected > receivedAt ? receivedAt : corrected;
}

export interface ReadContext {
  index: number;
  /** The type the endpoint implies (/v1/track); a batch item names its own. */
  type?: EventType;
  /** A batch's own sentAt, used when the event has none. */
  batchSentAt?: Date | null;
  receivedAt: Date;
}

export function readEvent(raw: unknown, context: ReadContext): IncomingEvent {
  if (!isJsonObject(raw)) throw new InvalidEvent('event', 'an event must be a JSON object');
  const type = (context.type ?? raw.type) as EventType;
  // Serialised once: this text is both the size checked and the payload stored.
  const payloadJson = JSON.stringify(raw.type === type && raw.writeKey === undefined ? raw : { ...raw, writeKey: undefined, type });
  const size = Buffer.byteLength(payloadJson);
  if (size > maxEventBytes) throw new InvalidEvent('event', `the event is ${size} bytes; at most ${maxEventBytes} bytes (32 KB) are accepted`);
  if (!eventTypes.includes(type)) {
    throw new InvalidEvent('type', raw.type === undefined ? 'type is required (track, identify, page, screen, group or alias)' : `type "${String(raw.type)}" is not one of ${eventTypes.join(', ')}`);
  }
  const anonymousId = idField(raw, 'anonymousId');
  const userId = idField(raw, 'userId');
  if (!anonymousId && !userId) throw new InvalidEvent('userId', 'anonymousId or userId is required');
  const messageId = idField(raw, 'messageId') ?? `tandem-${randomUUID()}`;

  const properties = objectField(raw, 'properties');
  const traits = objectField(raw, 'traits');
  const eventContext = objectField(raw, 'context');
  let name: string | null = null;
  let groupId: string | null = null;
  let previousId: string | null = null;
  if (type === 'track') {
    name = textField(raw, 'event', 200);
    if (!name) throw new InvalidEvent('event', 'event (the name of what happened) is required for track');
  } else if (type === 'page' || type === 'screen') {
    name = textField(raw, 'name', 200) ?? textField(raw, 'category', 200);
  } else if (type === 'group') {
    groupId = idField(raw, 'groupId');
    if (!groupId) throw new InvalidEvent('groupId', 'groupId is required for group');
  } else if (type === 'alias') {
    previousId = idField(raw, 'previousId');
    if (!previousId) throw new InvalidEvent('previousId', 'previousId is required for alias');
    if (!userId) throw new InvalidEvent('userId', 'userId is required for alias');
  }

  const timestamp = timeField(raw, 'timestamp') ?? timeField(raw, 'originalTimestamp');
  const sentAt = timeField(raw, 'sentAt') ?? context.batchSentAt ?? null;
  return {
    index: context.index, type, messageId, anonymousId, userId,
    visitorKey: anonymousId ?? `u:${userId}`,
    name, occurredAt: correctedTime(timestamp, sentAt, context.receivedAt),
    properties, traits, context: eventContext, groupId, previousId, payloadJson, receivedAt: context.receivedAt,
  };
}

/** The page an event happened on, from page properties or the context analytics.js sends. */
export function pageOf(event: IncomingEvent): { url: string | null; path: string | null; referrer: string | null; title: string | null } {
  const page = isJsonObject(event.context.page) ? event.context.page : {};
  const pick = (key: string) => {
    const value = (event.type === 'page' ? event.properties[key] : undefined) ?? page[key];
    return typeof value === 'string' && value ? value : null;
  };
  let path = pick('path');
  const url = pick('url');
  if (!path && url) {
    try {
      path = new URL(url).pathname;
    } catch {
      path = null;
    }
  }
  return { url, path: path ? path.slice(0, 1000) : null, referrer: pick('referrer'), title: pick('title') };
}

/** The campaign analytics libraries put in the context (utm_* of the landing page). */
export function campaignContext(event: IncomingEvent): Json | null {
  return isJsonObject(event.context.campaign) ? event.context.campaign : null;
}
