// The only module that touches cookies and Web Storage. Every write goes through the
// `writable` gate, so consent and Do-Not-Track are enforced in one place; removals are
// always allowed, because forgetting never needs consent.

const PREFIX = 'tdm_';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

let writable = false;

export function allowWrites(allowed: boolean): void {
  writable = allowed;
}

/** The value of cookie `name` in a `document.cookie` string. */
export function cookieValue(cookies: string, name: string): string | undefined {
  for (const pair of cookies.split(/; */)) {
    const equals = pair.indexOf('=');
    if (pair.slice(0, equals) === name) return pair.slice(equals + 1);
  }
  return undefined;
}

/** A first-party cookie for the whole site; max-age 0 deletes it. */
export function cookieString(name: string, value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${name}=${value}; path=/; max-age=${maxAgeSeconds}; SameSite=Lax${secure ? '; Secure' : ''}`;
}

// Reading document.cookie or localStorage throws in sandboxed iframes and with storage
// blocked by the browser; the tracker then just works without persistence.
function attempt<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

function setCookie(name: string, value: string, maxAgeSeconds: number): void {
  attempt(() => (document.cookie = cookieString(name, value, maxAgeSeconds, location.protocol === 'https:')));
}

export function readCookie(name: string): string | undefined {
  return attempt(() => cookieValue(document.cookie, name));
}

/** Sets the cookie for a year; every visit that writes it again extends that year. */
export function writeCookie(name: string, value: string): void {
  if (writable) setCookie(name, value, ONE_YEAR_SECONDS);
}

type Area = 'localStorage' | 'sessionStorage';

export function readStored(area: Area, key: string): string | null | undefined {
  return attempt(() => window[area].getItem(key));
}

/** Stores `value` under `key`, or removes the key when `value` is null or undefined. */
export function writeStored(area: Area, key: string, value: string | null | undefined): void {
  attempt(() => {
    if (value == null) window[area].removeItem(key);
    else if (writable) window[area].setItem(key, value);
  });
}

/** Removes every tdm_* cookie and storage key: what a visitor who withdraws consent expects. */
export function eraseAll(): void {
  for (const pair of (attempt(() => document.cookie) || '').split(/; */)) {
    const name = pair.split('=')[0]!;
    if (name.startsWith(PREFIX)) setCookie(name, '', 0);
  }
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    for (const key of attempt(() => Object.keys(window[area])) || []) {
      if (key.startsWith(PREFIX)) writeStored(area, key, null);
    }
  }
}
