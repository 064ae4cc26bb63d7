// The built t.js, run against a fake browser: the snippet, the API and the wire protocol
// as a website sees them.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { bundle } from '../build.mjs';
import { fakeBrowser, type FakeBrowserOptions } from './test/fake-browser.js';

let script: string;
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The snippet's first line, exactly as the README tells site owners to paste it. */
const snippet = /<script>(.*?)<\/script>/.exec(readme)![1]!;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  script = await bundle();
});

/** A page with the snippet, the calls `beforeLoad` makes before t.js arrives, then t.js. */
function loadPage(options: FakeBrowserOptions = {}, beforeLoad = '') {
  const browser = fakeBrowser(options);
  browser.run(snippet);
  browser.run(beforeLoad);
  browser.run(script);
  return browser;
}

describe('t.js on a page', () => {
  it('replays the queued calls in order, then sends the page view as one batch after a second', async () => {
    const browser = loadPage({}, `tandem.identify('user-1', {plan: 'pro'}); tandem.track('Signed Up', {via: 'form'});`);
    await browser.advance(999);
    expect(browser.requests).toHaveLength(0);
    await browser.advance(1);

    expect(browser.requests).toHaveLength(1);
    const [request] = browser.requests;
    expect(request!.url).toBe('https://tandem.example/v1/batch');
    expect(request!.init).toMatchObject({
      method: 'POST', credentials: 'omit', keepalive: true, headers: { 'Content-Type': 'text/plain' },
    });
    expect(request!.body.writeKey).toBe('tdm_wk_test');
    expect(Date.parse(request!.body.sentAt)).not.toBeNaN();

    const [identify, track, page] = request!.body.batch;
    expect([identify!.type, track!.type, page!.type]).toEqual(['identify', 'track', 'page']);
    expect(identify).toMatchObject({ userId: 'user-1', traits: { plan: 'pro' } });
    expect(track).toMatchObject({ event: 'Signed Up', properties: { via: 'form' }, userId: 'user-1' });
    expect(page!.properties).toEqual({
      path: '/landing', referrer: 'https://search.example/', search: '?x=1', title: 'Landing',
      url: 'https://shop.example/landing?x=1',
    });
    expect(page!.messageId).toMatch(uuidPattern);
    expect(new Set(request!.body.batch.map((event) => event.messageId)).size).toBe(3);
    expect(page!.anonymousId).toBe(browser.tandem.anonymousId());
    expect(page!.context).toMatchObject({
      library: { name: 'tandem.js', version: '1.0.0' },
      page: page!.properties,
      userAgent: 'FakeBrowser/1.0',
      locale: 'de-DE',
      screen: { width: 1440, height: 900 },
    });
    expect(typeof page!.context.timezone).toBe('string');
  });

  it('keeps the anonymous id in a first-party cookie and localStorage, the user id in localStorage', () => {
    const browser = loadPage({}, `tandem.identify(42)`);
    const anonymousId = browser.tandem.anonymousId();
    expect(anonymousId).toMatch(uuidPattern);
    expect(browser.cookies.get('tdm_aid')).toBe(anonymousId);
    expect(browser.cookieWrites.tdm_aid).toBe(`tdm_aid=${anonymousId}; path=/; max-age=31536000; SameSite=Lax; Secure`);
    expect(browser.localStorage.getItem('tdm_aid')).toBe(anonymousId);
    expect(browser.localStorage.getItem('tdm_uid')).toBe('42');

    const nextPage = loadPage({ cookies: { tdm_aid: anonymousId }, localStorage: { tdm_uid: '42' } });
    expect(nextPage.tandem.anonymousId()).toBe(anonymousId);
    const httpPage = loadPage({ url: 'http://shop.example/', localStorage: { tdm_aid: anonymousId } });
    expect(httpPage.tandem.anonymousId()).toBe(anonymousId);
    expect(httpPage.cookieWrites.tdm_aid).not.toContain('Secure');
  });

  it('reset() forgets the user and starts a new anonymous id', async () => {
    const browser = loadPage({}, `tandem.identify('user-1')`);
    const before = browser.tandem.anonymousId();
    browser.tandem.reset();
    browser.tandem.track('After Logout');
    await browser.advance(1000);
    const after = browser.sentEvents().at(-1)!;
    expect(after.anonymousId).not.toBe(before);
    expect(after.anonymousId).toBe(browser.cookies.get('tdm_aid'));
    expect(after).not.toHaveProperty('userId');
    expect(browser.localStorage.getItem('tdm_uid')).toBeNull();
  });

  it('sends group, alias, and identify with traits only', async () => {
    const browser = loadPage({}, `tandem.identify({email: 'a@b.example'}); tandem.group('acme', {seats: 5}); tandem.alias('user-9');`);
    await browser.advance(1000);
    const [identify, group, alias] = browser.sentEvents();
    expect(identify).toMatchObject({ type: 'identify', traits: { email: 'a@b.example' } });
    expect(identify).not.toHaveProperty('userId');
    expect(group).toMatchObject({ type: 'group', groupId: 'acme', traits: { seats: 5 } });
    expect(alias).toMatchObject({ type: 'alias', userId: 'user-9', previousId: browser.tandem.anonymousId() });
  });

  it('flushes at once when ten events are queued', async () => {
    const browser = loadPage();
    for (let i = 0; i < 9; i++) browser.tandem.track(`Event ${i}`);
    await browser.advance(0);
    expect(browser.requests).toHaveLength(1);
    expect(browser.requests[0]!.body.batch).toHaveLength(10);
  });

  it('finds its tag without document.currentScript and honours data-host', async () => {
    const browser = loadPage({
      currentScript: false,
      scriptAttributes: { 'data-write-key': 'tdm_wk_2', 'data-host': 'https://collect.example/tandem/' },
    });
    await browser.advance(1000);
    expect(browser.requests[0]!.url).toBe('https://collect.example/tandem/v1/batch');
    expect(browser.requests[0]!.body.writeKey).toBe('tdm_wk_2');
  });

  it('only warns without a write key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const browser = loadPage({ scriptAttributes: {} }, `tandem.track('x')`);
    expect(Array.isArray(browser.tandem)).toBe(true);
    expect(warn).toHaveBeenCalledWith('tandem: the script tag has no data-write-key');
    warn.mockRestore();
  });

  it('starts once when the script is included twice', () => {
    const browser = loadPage();
    const api = browser.tandem;
    browser.run(script);
    expect(browser.tandem).toBe(api);
  });
});

describe('single-page apps and campaigns', () => {
  it('sends a page view when the path or query changes, with the previous URL as referrer', async () => {
    const browser = loadPage({ url: 'https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=spring&gclid=g1' });
    browser.navigate('#pricing');
    browser.navigate('/pricing');
    browser.navigate('/pricing', 'replaceState');
    browser.navigate('/pricing?plan=pro', 'replaceState');
    browser.back('/');
    await browser.advance(1000);

    const pages = browser.sentEvents().filter((event) => event.type === 'page');
    expect(pages.map((page) => page.properties.url)).toEqual([
      'https://shop.example/?utm_source=news&utm_medium=email&utm_campaign=spring&gclid=g1',
      'https://shop.example/pricing',
      'https://shop.example/pricing?plan=pro',
      'https://shop.example/',
    ]);
    expect(pages[1]!.properties.referrer).toBe(`${pages[0]!.properties.url}#pricing`);
    expect(pages[3]!.context.page.referrer).toBe('https://shop.example/pricing?plan=pro');
    for (const page of pages) {
      expect(page.context.campaign).toEqual({ name: 'spring', source: 'news', medium: 'email', gclid: 'g1' });
    }
    expect(JSON.parse(browser.sessionStorage.getItem('tdm_campaign')!)).toEqual(pages[0]!.context.campaign);
  });

  it('takes the session campaign from sessionStorage on later pages', async () => {
    const first = loadPage({ url: 'https://shop.example/?utm_source=ads' });
    const browser = fakeBrowser({ url: 'https://shop.example/next' });
    browser.sessionStorage.setItem('tdm_campaign', first.sessionStorage.getItem('tdm_campaign')!);
    browser.run(snippet);
    browser.run(script);
    await browser.advance(1000);
    expect(browser.sentEvents()[0]!.context.campaign).toEqual({ source: 'ads' });
    const plain = loadPage();
    await plain.advance(1000);
    expect(plain.sentEvents()[0]!.context).not.toHaveProperty('campaign');
  });
});

describe('consent and Do Not Track', () => {
  const consentRequired = { scriptAttributes: { 'data-write-key': 'tdm_wk_test', 'data-consent': 'required' } };

  it('sends and writes nothing until consent, then sends what was buffered and remembers it', async () => {
    const browser = loadPage({ ...consentRequired, url: 'https://shop.example/?utm_source=ads' }, `tandem.track('Early')`);
    browser.tandem.anonymousId();
    await browser.advance(5000);
    await browser.hide();
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons).toHaveLength(0);
    expect(browser.cookies.size).toBe(0);
    expect(Object.keys(browser.localStorage)).toEqual([]);
    expect(Object.keys(browser.sessionStorage)).toEqual([]);

    browser.tandem.consent(true);
    await browser.advance(1000);
    expect(browser.sentEvents().map((event) => event.event ?? event.type)).toEqual(['Early', 'page']);
    expect(browser.cookies.get('tdm_consent')).toBe('1');
    expect(browser.cookies.get('tdm_aid')).toBe(browser.tandem.anonymousId());
    expect(browser.sessionStorage.getItem('tdm_campaign')).toBe('{"source":"ads"}');

    const nextPage = loadPage({ ...consentRequired, cookies: Object.fromEntries(browser.cookies) });
    await nextPage.advance(1000);
    expect(nextPage.sentEvents().map((event) => event.type)).toEqual(['page']);
  });

  it('consent(false) drops the buffer and deletes every tdm_* cookie and storage key', async () => {
    const browser = loadPage(
      { cookies: { tdm_aid: 'old', tdm_consent: '1', other: 'kept' }, localStorage: { tdm_uid: 'u', theme: 'dark' } },
      `tandem.track('Before')`,
    );
    browser.tandem.consent(false);
    browser.tandem.track('After');
    await browser.advance(5000);
    await browser.pagehide();
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons).toHaveLength(0);
    expect(Object.fromEntries(browser.cookies)).toEqual({ other: 'kept' });
    expect(Object.keys(browser.localStorage)).toEqual(['theme']);
  });

  it('with data-respect-dnt sends and writes nothing when Do Not Track is on, even after consent(true)', async () => {
    const browser = loadPage(
      { doNotTrack: '1', scriptAttributes: { 'data-write-key': 'tdm_wk_test', 'data-respect-dnt': 'true' } },
      `tandem.identify('u1'); tandem.consent(true)`,
    );
    expect(browser.tandem.anonymousId()).toMatch(uuidPattern);
    await browser.advance(5000);
    await browser.pagehide();
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons).toHaveLength(0);
    expect(browser.cookies.size).toBe(0);
    expect(Object.keys(browser.localStorage)).toEqual([]);
  });

  it('ignores Do Not Track without data-respect-dnt', async () => {
    const browser = loadPage({ doNotTrack: '1' });
    await browser.advance(1000);
    expect(browser.requests).toHaveLength(1);
  });
});

describe('delivery', () => {
  it('retries network failures and 5xx with back-off, keeping the order', async () => {
    const answers: (number | Error)[] = [new TypeError('Failed to fetch'), 503, 200];
    const browser = loadPage({ respond: () => answers.shift() ?? 200 });
    await browser.advance(1000);
    browser.tandem.track('Second');
    await browser.advance(999);
    expect(browser.requests).toHaveLength(1);
    await browser.advance(1);
    expect(browser.requests).toHaveLength(2);
    await browser.advance(1999);
    expect(browser.requests).toHaveLength(2);
    await browser.advance(1);
    expect(browser.requests).toHaveLength(3);
    expect(browser.requests[2]!.body.batch.map((event) => event.event ?? event.type)).toEqual(['page', 'Second']);
    await browser.advance(60_000);
    expect(browser.requests).toHaveLength(3);
  });

  it('drops a batch the server rejects with a 4xx other than 429', async () => {
    const browser = loadPage({ respond: () => 400 });
    await browser.advance(1000);
    await browser.advance(60_000);
    expect(browser.requests).toHaveLength(1);
  });

  it('sends the queue by sendBeacon when the page is hidden, in beacons under 64 KB', async () => {
    const browser = loadPage();
    const filler = 'x'.repeat(9_000);
    for (let i = 0; i < 8; i++) browser.tandem.track('Big', { filler, i });
    await browser.hide();
    expect(browser.requests).toHaveLength(0);
    expect(browser.beacons.length).toBeGreaterThan(1);
    for (const beacon of browser.beacons) {
      expect(beacon.url).toBe('https://tandem.example/v1/batch');
      expect(beacon.type).toBe('text/plain');
      expect(beacon.bytes).toBeLessThan(64_000);
      expect(beacon.body.writeKey).toBe('tdm_wk_test');
    }
    expect(browser.beacons.flatMap((beacon) => beacon.body.batch).map((event) => event.properties.i ?? 'page'))
      .toEqual(['page', 0, 1, 2, 3, 4, 5, 6, 7]);
    await browser.advance(1000);
    expect(browser.requests).toHaveLength(0);
  });

  it('keeps the events for fetch when sendBeacon is missing', async () => {
    const browser = loadPage({ sendBeacon: false });
    await browser.pagehide();
    await browser.advance(1000);
    expect(browser.sentEvents().map((event) => event.type)).toEqual(['page']);
  });
});
