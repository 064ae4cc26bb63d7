import type { TandemEvent } from './events.js';

// The event queue and its delivery to POST {host}/v1/batch.

/** Flush as soon as this many events wait... */
export const BATCH_SIZE = 10;
/** ...or this long after the first of them was queued. */
export const FLUSH_DELAY_MS = 1000;
/** Memory bound while the server is unreachable or consent is pending; the oldest go first. */
export const MAX_QUEUED = 100;
/**
 * Browsers refuse a sendBeacon or keepalive body past 64 KiB; this leaves room for the
 * envelope around the events.
 */
export const MAX_PAYLOAD_BYTES = 60_000;
const MAX_RETRY_DELAY_MS = 60_000;

/** How the queue reaches the network; injected so tests can stand in for the browser. */
export interface Network {
  /** POSTs the body and resolves to the HTTP status; rejects on a network failure. */
  post(url: string, body: string): Promise<number>;
  /** Hands the body to the browser to send after the page is gone; false if it refused. */
  beacon(url: string, body: string): boolean;
}

export interface Transport {
  push(event: TandemEvent): void;
  /** Sends what is queued by beacon: the page is being hidden and may never come back. */
  flushBeforeUnload(): void;
  /** Starts sending, including what was queued while paused. */
  resume(): void;
  /** Stops sending and forgets what is queued. */
  discard(): void;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Splits events, in order, into batches whose JSON stays under maxBytes (a larger event goes alone). */
export function splitIntoBatches(events: TandemEvent[], maxBytes: number): TandemEvent[][] {
  const batches: TandemEvent[][] = [];
  let batch: TandemEvent[] = [];
  let bytes = 0;
  for (const event of events) {
    const eventBytes = byteLength(JSON.stringify(event)) + 1; // + the comma between events
    if (batch.length && bytes + eventBytes > maxBytes) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(event);
    bytes += eventBytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/** 1 s, 2 s, 4 s, … up to a minute between attempts while the server is unreachable. */
export function retryDelay(failures: number): number {
  return Math.min(FLUSH_DELAY_MS * 2 ** (failures - 1), MAX_RETRY_DELAY_MS);
}

/** A 429 or 5xx may succeed later; any other 4xx never will, so the batch is dropped. */
export function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

export function createTransport(url: string, writeKey: string, network: Network, paused: boolean): Transport {
  const queue: TandemEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let failures = 0;

  const payload = (batch: TandemEvent[]) =>
    JSON.stringify({ batch, sentAt: new Date().toISOString(), writeKey });

  function dropOldest(): void {
    queue.splice(0, queue.length - MAX_QUEUED);
  }

  function schedule(): void {
    if (paused || sending || !queue.length) return;
    if (!failures && queue.length >= BATCH_SIZE) flush();
    else timer ||= setTimeout(flush, failures ? retryDelay(failures) : FLUSH_DELAY_MS);
  }

  // One request at a time, so a retried batch keeps its place in front of newer events.
  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (paused || sending || !queue.length) return;
    const batch = splitIntoBatches(queue, MAX_PAYLOAD_BYTES)[0]!;
    queue.splice(0, batch.length);
    sending = true;
    network
      .post(url, payload(batch))
      .then((status) => !isRetryable(status), () => false)
      .then((delivered) => {
        sending = false;
        if (delivered) failures = 0;
        else if (!paused) {
          failures++;
          queue.unshift(...batch);
          dropOldest();
        }
        schedule();
      });
  }

  return {
    push(event) {
      queue.push(event);
      dropOldest();
      schedule();
    },
    flushBeforeUnload() {
      if (paused) return;
      for (const batch of splitIntoBatches(queue, MAX_PAYLOAD_BYTES)) {
        // A refused beacon (over the browser's quota) leaves its events for the next flush.
        if (!network.beacon(url, payload(batch))) break;
        queue.splice(0, batch.length);
      }
    },
    resume() {
      paused = false;
      schedule();
    },
    discard() {
      paused = true;
      queue.length = 0;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** The browser's network: fetch for regular flushes, sendBeacon when the page goes away. */
export const browserNetwork: Network = {
  post: (url, body) =>
    fetch(url, {
      method: 'POST',
      body,
      // text/plain keeps the request "simple": no CORS preflight. The server parses JSON.
      headers: { 'Content-Type': 'text/plain' },
      credentials: 'omit',
      // keepalive lets a flush finish if the visitor navigates away; browsers reject it
      // for bodies past 64 KiB, which only a single oversized event can reach.
      keepalive: byteLength(body) < 65_536,
    }).then((response) => response.status),
  beacon: (url, body) => !!navigator.sendBeacon && navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' })),
};
