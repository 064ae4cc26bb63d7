import { randomUUID } from 'node:crypto';
import type { ClassifiedTouch, TouchSource } from './touchpoints.js';
import { touchKey } from './touchpoints.js';

/**
 * Web sessions, derived as events arrive: a visitor's events belong to one visit until 30
 * minutes pass without an event, or until they come back from a different source (another
 * campaign, a search result). Only web events (with a page URL) start a visit; server-side
 * events join the visit under way, if any.
 */
export const sessionTimeoutMs = 30 * 60_000;

export interface VisitorSessionState {
  sessionId: string | null;
  sessionLastAt: Date | null;
  /** touchKey() of the current visit, which also carries its channel and owner. */
  sessionTouch: string | null;
}

export interface SessionDelta {
  id: string;
  visitorKey: string;
  isNew: boolean;
  startedAt: Date;
  lastEventAt: Date;
  eventCount: number;
  pageCount: number;
  touch: TouchSource;
}

export interface SessionAssignment {
  sessionId: string | null;
  /** The channel and owner the event is counted under: its own for an entry, else its visit's. */
  channel: string;
  owner: string;
}

interface SessionEvent {
  occurredAt: Date;
  isPage: boolean;
  touch: ClassifiedTouch;
}

function touchOfKey(key: string, fallback: ClassifiedTouch): { channel: string; owner: string } {
  const [channel, owner] = key.split('|');
  return { channel: channel || fallback.channel, owner: owner || fallback.owner };
}

/**
 * Assigns one visitor's events (in time order) to visits, updating `state` in place, and
 * returns what the web_sessions table must add up.
 */
export function assignSessions(visitorKey: string, state: VisitorSessionState, events: SessionEvent[], deltas: Map<string, SessionDelta>): SessionAssignment[] {
  return events.map((event) => {
    const at = event.occurredAt;
    const lastAt = state.sessionLastAt?.getTime() ?? null;
    const active = state.sessionId !== null && lastAt !== null && at.getTime() - lastAt <= sessionTimeoutMs && at.getTime() >= lastAt - sessionTimeoutMs;
    const late = lastAt !== null && at.getTime() < lastAt - sessionTimeoutMs;
    const key = touchKey(event.touch);
    const startsVisit = event.touch.isWeb && (!active || (event.touch.isEntry && key !== state.sessionTouch));

    if (startsVisit) {
      const id = randomUUID();
      deltas.set(id, { id, visitorKey, isNew: true, startedAt: at, lastEventAt: at, eventCount: 1, pageCount: event.isPage ? 1 : 0, touch: event.touch });
      // A late event from long ago gets a visit of its own without ending the current one.
      if (!late) Object.assign(state, { sessionId: id, sessionLastAt: at, sessionTouch: key });
      return { sessionId: id, channel: event.touch.channel, owner: event.touch.owner };
    }
    if (!active || !state.sessionId) return { sessionId: null, channel: event.touch.channel, owner: event.touch.owner };

    const id = state.sessionId;
    const delta = deltas.get(id) ?? { id, visitorKey, isNew: false, startedAt: at, lastEventAt: at, eventCount: 0, pageCount: 0, touch: event.touch };
    delta.eventCount += 1;
    if (event.isPage) delta.pageCount += 1;
    if (at > delta.lastEventAt) delta.lastEventAt = at;
    deltas.set(id, delta);
    if (at.getTime() > lastAt!) state.sessionLastAt = at;
    return { sessionId: id, ...(event.touch.isWeb ? touchOfKey(state.sessionTouch ?? key, event.touch) : { channel: event.touch.channel, owner: event.touch.owner }) };
  });
}
