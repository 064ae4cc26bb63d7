import type { Context, PageInfo } from './context.js';

// Builds Segment-spec events from the arguments of the public API. Pure: the caller
// passes in the identity, context, time and message id.

export type Properties = Record<string, unknown>;
export type EventType = 'page' | 'track' | 'identify' | 'group' | 'alias';

export interface TandemEvent {
  type: EventType;
  messageId: string;
  anonymousId: string;
  userId?: string;
  timestamp: string;
  context: Context;
  properties?: Properties;
  traits?: Properties;
  event?: string;
  name?: string;
  groupId?: string;
  previousId?: string;
}

/** The type-specific fields of an event. */
export type EventFields = Pick<TandemEvent, 'properties' | 'traits' | 'event' | 'name' | 'groupId' | 'previousId' | 'userId'>;

export interface Envelope {
  anonymousId: string;
  userId?: string | null;
  context: Context;
  timestamp: Date;
  messageId: string;
}

export function buildEvent(type: EventType, fields: EventFields, envelope: Envelope): TandemEvent {
  return {
    type,
    messageId: envelope.messageId,
    anonymousId: envelope.anonymousId,
    ...(envelope.userId ? { userId: envelope.userId } : {}),
    timestamp: envelope.timestamp.toISOString(),
    context: envelope.context,
    ...fields,
  };
}

function isObject(value: unknown): value is Properties {
  return typeof value === 'object' && value !== null;
}

/** page(name?, properties?): the page's own fields first, so the caller's properties win. */
export function pageFields(page: PageInfo, name?: unknown, properties?: unknown): EventFields {
  if (isObject(name)) return pageFields(page, undefined, name);
  const named = name == null ? {} : { name: String(name) };
  return { ...named, properties: { ...page, ...named, ...(isObject(properties) ? properties : {}) } };
}

export function trackFields(event: unknown, properties?: unknown): EventFields {
  return { event: String(event), properties: isObject(properties) ? properties : {} };
}

/** identify(userId?, traits?); identify(traits) identifies by traits alone. */
export function identifyArgs(userIdOrTraits?: unknown, traits?: unknown): { userId?: string; traits: Properties } {
  if (isObject(userIdOrTraits)) return { traits: userIdOrTraits };
  const userId = userIdOrTraits == null || userIdOrTraits === '' ? {} : { userId: String(userIdOrTraits) };
  return { ...userId, traits: isObject(traits) ? traits : {} };
}

export function groupFields(groupId: unknown, traits?: unknown): EventFields {
  return { groupId: String(groupId), traits: isObject(traits) ? traits : {} };
}

export function aliasFields(userId: unknown, previousId: string): EventFields {
  return { userId: String(userId), previousId };
}
