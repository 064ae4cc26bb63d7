import { readCookie, readStored, writeCookie, writeStored } from './storage.js';
import { uuid } from './uuid.js';

// Who the visitor is. Kept in memory and written through storage.ts, which drops the
// writes until consent allows them; persistIdentity() writes them once it does.

const ANONYMOUS_ID_KEY = 'tdm_aid';
const USER_ID_KEY = 'tdm_uid';

let anonymousId: string | undefined;
let userId: string | null | undefined;

export function getAnonymousId(): string {
  if (!anonymousId) {
    // The localStorage copy survives browsers that clear or cap script-set cookies.
    anonymousId = readCookie(ANONYMOUS_ID_KEY) || readStored('localStorage', ANONYMOUS_ID_KEY) || uuid();
    persistIdentity();
  }
  return anonymousId;
}

export function getUserId(): string | null | undefined {
  if (userId === undefined) userId = readStored('localStorage', USER_ID_KEY);
  return userId;
}

export function setUserId(id: string): void {
  userId = id;
  writeStored('localStorage', USER_ID_KEY, id);
}

/** Forgets the user and starts a new anonymous visitor, e.g. on log-out. */
export function resetIdentity(): void {
  userId = null;
  writeStored('localStorage', USER_ID_KEY, null);
  anonymousId = uuid();
  persistIdentity();
}

export function persistIdentity(): void {
  const id = getAnonymousId();
  writeCookie(ANONYMOUS_ID_KEY, id);
  writeStored('localStorage', ANONYMOUS_ID_KEY, id);
  writeStored('localStorage', USER_ID_KEY, getUserId());
}
