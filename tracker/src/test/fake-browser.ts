// Just enough of a browser to run the built t.js in a Node vm: jsdom is not available,
// and the script touches only these few APIs. Timers are manual so tests control time.
import { webcrypto } from 'node:crypto';
import vm from 'node:vm';

export interface FakeBrowserOptions {
  url?: string;
  scriptSrc?: string;
  /** data-* attributes of the t.js script tag, e.g. { 'data-write-key': 'tdm_wk_1' }. */
  scriptAttributes?: Record<string, string>;
  /** false: document.currentScript is null, as when a tag manager injects the code. */
  currentScript?: boolean;
  cookies?: Record<string, string>;
  localStorage?: Record<string, string>;
  referrer?: string;
  doNotTrack?: string;
  /** Status code the server answers with; an Error means the network failed. */
  respond?: () => number | Error;
  sendBeacon?: boolean;
}

export interface SentRequest {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
  body: { batch: Record<string, any>[]; sentAt: string; writeKey: string };
}

export interface SentBeacon {
  url: string;
  type: string;
  bytes: number;
  body: { batch: Record<string, any>[]; sentAt: string; writeKey: string };
}

class MemoryStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.hasOwn(this, key) ? (this[key] as string) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
}

export function fakeBrowser(options: FakeBrowserOptions = {}) {
  let url = new URL(options.url ?? 'https://shop.example/landing?x=1');
  const cookies = new Map(Object.entries(options.cookies ?? {}));
  /** The full string last assigned to document.cookie for each name: to check attributes. */
  const cookieWrites: Record<string, string> = {};
  const requests: SentRequest[] = [];
  const beacons: SentBeacon[] = [];
  const beaconPayloads: Promise<void>[] = [];
  const listeners: Record<string, (() => void)[]> = {};
  let clock = 0;
  let timers: { id: number; at: number; run: () => void }[] = [];
  let nextTimerId = 1;
  const localStorage = Object.assign(new MemoryStorage(), options.localStorage);
  const sessionStorage = new MemoryStorage();
  const attributes: Record<string, string> = options.scriptAttributes ?? { 'data-write-key': 'tdm_wk_test' };
  const script = {
    src: options.scriptSrc ?? 'https://tandem.example/t.js',
    getAttribute: (name: string) => attributes[name] ?? null,
  };

  const listen = (type: string, listener: () => void) => (listeners[type] ||= []).push(listener);
  const dispatch = (type: string) => (listeners[type] || []).forEach((listener) => listener());

  const document = {
    title: 'Landing',
    referrer: options.referrer ?? 'https://search.example/',
    visibilityState: 'visible',
    currentScript: options.currentScript === false ? null : script,
    readyState: 'complete',
    querySelector: (selector: string) => (selector === 'script[data-write-key]' ? script : null),
    /** No embedded forms on the fake page (e2e/forms.spec.ts draws them in Chromium). */
    querySelectorAll: () => [],
    addEventListener: (type: string, listener: () => void) => listen(`document:${type}`, listener),
    get cookie() {
      return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    },
    set cookie(text: string) {
      const [pair = ''] = text.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      cookieWrites[name] = text;
      if (/max-age=0(;|$)/.test(text)) cookies.delete(name);
      else cookies.set(name, pair.slice(name.length + 1));
    },
  };

  const location = {
    get href() { return url.href; },
    get pathname() { return url.pathname; },
    get search() { return url.search; },
    get protocol() { return url.protocol; },
  };

  const history = {
    pushState(_state: unknown, _title: string, next: string) {
      url = new URL(next, url);
    },
    replaceState(_state: unknown, _title: string, next: string) {
      url = new URL(next, url);
    },
  };

  const window: Record<string, unknown> = {
    document,
    location,
    history,
    localStorage,
    sessionStorage,
    navigator: {
      userAgent: 'FakeBrowser/1.0',
      language: 'de-DE',
      doNotTrack: options.doNotTrack ?? null,
      sendBeacon:
        options.sendBeacon === false
          ? undefined
          : (target: string, blob: Blob) => {
              if (blob.size > 65_536) return false;
              beaconPayloads.push(blob.text().then((text) => {
                beacons.push({ url: target, type: blob.type, bytes: blob.size, body: JSON.parse(text) });
              }));
              return true;
            },
    },
    screen: { width: 1440, height: 900 },
    crypto: webcrypto,
    URL,
    URLSearchParams,
    TextEncoder,
    Blob,
    console,
    addEventListener: listen,
    setTimeout: (run: () => void, delay: number) => {
      timers.push({ id: nextTimerId, at: clock + delay, run });
      return nextTimerId++;
    },
    clearTimeout: (id: number | undefined) => {
      timers = timers.filter((timer) => timer.id !== id);
    },
    fetch: (target: string, init: SentRequest['init']) => {
      requests.push({ url: target, init, body: JSON.parse(init.body as string) });
      const outcome = options.respond ? options.respond() : 200;
      return outcome instanceof Error ? Promise.reject(outcome) : Promise.resolve({ status: outcome });
    },
  };
  window.window = window;
  vm.createContext(window);

  /** Lets the promise callbacks of answered requests run. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  return {
    window,
    requests,
    beacons,
    cookies,
    cookieWrites,
    localStorage,
    sessionStorage,
    /** Runs code as a page script would. */
    run(code: string): void {
      vm.runInContext(code, window);
    },
    get tandem(): any {
      return window.tandem;
    },
    /** Every event sent so far by fetch, in order. */
    sentEvents(): Record<string, any>[] {
      return requests.flatMap((request) => request.body.batch);
    },
    /** Moves time forward, firing due timers and letting their requests settle. */
    async advance(ms: number): Promise<void> {
      const until = clock + ms;
      for (;;) {
        await settle();
        const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((timer) => timer !== due);
        clock = due.at;
        due.run();
      }
      clock = until;
      await settle();
    },
    pendingTimers: () => timers.length,
    navigate(next: string, method: 'pushState' | 'replaceState' = 'pushState'): void {
      (window.history as typeof history)[method](null, '', next);
    },
    back(previous: string): void {
      url = new URL(previous, url);
      dispatch('popstate');
    },
    async hide(): Promise<void> {
      document.visibilityState = 'hidden';
      dispatch('document:visibilitychange');
      await Promise.all(beaconPayloads);
    },
    async pagehide(): Promise<void> {
      dispatch('pagehide');
      await Promise.all(beaconPayloads);
    },
  };
}
