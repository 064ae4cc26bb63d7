import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TandemEvent } from './events.js';
import { createTransport, MAX_QUEUED, retryDelay, splitIntoBatches, type Network } from './transport.js';

function event(id: number, padding = ''): TandemEvent {
  return { type: 'track', event: `e${id}`, messageId: `m${id}`, anonymousId: 'a', timestamp: 't', context: {} as TandemEvent['context'], ...(padding && { properties: { padding } }) };
}

/** A network whose answers the test sets; it records what was sent. */
function fakeNetwork(answer: () => Promise<number> = () => Promise.resolve(200), beaconAccepts = () => true) {
  const posts: string[][] = [];
  const beacons: string[][] = [];
  const network: Network = {
    post: (_url, body) => {
      posts.push(JSON.parse(body).batch.map((sent: TandemEvent) => sent.event));
      return answer();
    },
    beacon: (_url, body) => {
      if (!beaconAccepts()) return false;
      beacons.push(JSON.parse(body).batch.map((sent: TandemEvent) => sent.event));
      return true;
    },
  };
  return { network, posts, beacons };
}

describe('splitIntoBatches', () => {
  it('keeps the order and each batch under the byte limit', () => {
    const events = Array.from({ length: 7 }, (_, i) => event(i, 'x'.repeat(300)));
    const batches = splitIntoBatches(events, 1000);
    expect(batches.flat()).toEqual(events);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) expect(JSON.stringify(batch).length).toBeLessThanOrEqual(1000);
  });

  it('counts bytes, not characters', () => {
    const [first] = splitIntoBatches([event(1, 'é'.repeat(300)), event(2, 'é'.repeat(300))], 1000);
    expect(first).toHaveLength(1);
  });

  it('sends an event larger than the limit on its own', () => {
    expect(splitIntoBatches([event(1), event(2, 'x'.repeat(2000)), event(3)], 1000).map((batch) => batch.length))
      .toEqual([1, 1, 1]);
  });
});

describe('retryDelay', () => {
  it('doubles from a second up to a minute', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
});

describe('createTransport', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits a second after the first event, or flushes ten at once', async () => {
    const { network, posts } = fakeNetwork();
    const transport = createTransport('u', 'k', network, false);
    transport.push(event(1));
    await vi.advanceTimersByTimeAsync(500);
    transport.push(event(2));
    await vi.advanceTimersByTimeAsync(499);
    expect(posts).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(posts).toEqual([['e1', 'e2']]);
    for (let i = 3; i <= 12; i++) transport.push(event(i));
    await vi.advanceTimersByTimeAsync(0);
    expect(posts[1]).toHaveLength(10);
  });

  it('keeps at most the newest MAX_QUEUED events while paused, and sends them on resume', async () => {
    const { network, posts } = fakeNetwork();
    const transport = createTransport('u', 'k', network, true);
    for (let i = 1; i <= MAX_QUEUED + 5; i++) transport.push(event(i));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts).toEqual([]);
    transport.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(posts[0]![0]).toBe('e6');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts.flat()).toHaveLength(MAX_QUEUED);
  });

  it('retries a failed batch in front of newer events', async () => {
    const answers = [Promise.reject(new Error('offline')), Promise.resolve(429), Promise.resolve(204)];
    answers.forEach((answer) => answer.catch(() => {}));
    const { network, posts } = fakeNetwork(() => answers.shift()!);
    const transport = createTransport('u', 'k', network, false);
    transport.push(event(1));
    await vi.advanceTimersByTimeAsync(1000);
    transport.push(event(2));
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(posts).toEqual([['e1'], ['e1', 'e2'], ['e1', 'e2']]);
  });

  it('beacons the whole queue before unload; a refused beacon leaves its events queued', async () => {
    let accepted = 0;
    const { network, posts, beacons } = fakeNetwork(undefined, () => accepted++ < 1);
    const transport = createTransport('u', 'k', network, false);
    for (let i = 1; i <= 4; i++) transport.push(event(i, 'x'.repeat(25_000)));
    transport.flushBeforeUnload();
    expect(beacons).toEqual([['e1', 'e2']]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(posts).toEqual([['e3', 'e4']]);
  });

  it('discard() forgets the queue and stops sending', async () => {
    const { network, posts, beacons } = fakeNetwork();
    const transport = createTransport('u', 'k', network, false);
    transport.push(event(1));
    transport.discard();
    transport.push(event(2));
    transport.flushBeforeUnload();
    await vi.advanceTimersByTimeAsync(5000);
    expect([posts, beacons]).toEqual([[], []]);
  });
});
