import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';
import { doNotTrackEnabled } from './privacy.js';
import { cookieString, cookieValue } from './storage.js';
import { uuid } from './uuid.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function scriptTag(src: string, attributes: Record<string, string>) {
  return { src, getAttribute: (name: string) => attributes[name] ?? null };
}

describe('readConfig', () => {
  it('takes the host from the script src and the options from data attributes', () => {
    expect(readConfig(scriptTag('https://crm.example:8443/t.js?v=2', {
      'data-write-key': 'tdm_wk_1', 'data-consent': 'required', 'data-respect-dnt': 'true',
    }))).toEqual({ writeKey: 'tdm_wk_1', host: 'https://crm.example:8443', consentRequired: true, respectDoNotTrack: true });
  });

  it('lets data-host override the host', () => {
    expect(readConfig(scriptTag('https://cdn.example/t.js', { 'data-write-key': 'k', 'data-host': 'https://crm.example/' })))
      .toEqual({ writeKey: 'k', host: 'https://crm.example', consentRequired: false, respectDoNotTrack: false });
  });

  it('is undefined without a write key', () => {
    expect(readConfig(scriptTag('https://crm.example/t.js', {}))).toBeUndefined();
  });
});

describe('doNotTrackEnabled', () => {
  it('reads every name browsers have used for the signal', () => {
    expect(doNotTrackEnabled({ navigator: { doNotTrack: '1' }, window: {} })).toBe(true);
    expect(doNotTrackEnabled({ navigator: { doNotTrack: 'yes' }, window: {} })).toBe(true);
    expect(doNotTrackEnabled({ navigator: {}, window: { doNotTrack: '1' } })).toBe(true);
    expect(doNotTrackEnabled({ navigator: { msDoNotTrack: '1' }, window: {} })).toBe(true);
    expect(doNotTrackEnabled({ navigator: { doNotTrack: '0' }, window: {} })).toBe(false);
    expect(doNotTrackEnabled({ navigator: { doNotTrack: null }, window: {} })).toBe(false);
  });
});

describe('cookies', () => {
  it('finds a cookie by its exact name', () => {
    expect(cookieValue('x_tdm_aid=no; tdm_aid=abc; tdm_consent=1', 'tdm_aid')).toBe('abc');
    expect(cookieValue('a=1;b=2', 'b')).toBe('2');
    expect(cookieValue('', 'tdm_aid')).toBeUndefined();
  });

  it('writes a site-wide Lax cookie, Secure on https', () => {
    expect(cookieString('tdm_aid', 'abc', 60, true)).toBe('tdm_aid=abc; path=/; max-age=60; SameSite=Lax; Secure');
    expect(cookieString('tdm_aid', '', 0, false)).toBe('tdm_aid=; path=/; max-age=0; SameSite=Lax');
  });
});

describe('uuid', () => {
  it('uses crypto.randomUUID where the page is a secure context', () => {
    expect(uuid({ randomUUID: () => 'from-randomUUID', getRandomValues: (array) => array })).toBe('from-randomUUID');
  });

  it('builds a v4 UUID from getRandomValues elsewhere', () => {
    const ids = new Set(Array.from({ length: 100 }, () => uuid({ getRandomValues: (array) => crypto.getRandomValues(array) })));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(uuidPattern);
    expect(uuid({ getRandomValues: (array) => array })).toBe('00000000-0000-4000-8000-000000000000');
  });
});
