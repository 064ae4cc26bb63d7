import { serviceUnavailable, tooManyRequests } from '../../platform/http/errors.js';
import type { IngestSource } from './ingest.js';
import type { EventRejection, IncomingEvent } from './payload.js';
import { visitorBucket } from './visitor-buckets.js';

/**
 * Admission for the collection API, with group commit in lanes. Each visitor belongs to one
 * of a workspace's visitor buckets (visitorBucket), and each bucket to one lane; a lane
 * writes one transaction at a time. A request's events go to their visitors' lanes, so two
 * transactions of this process never wait for each other's visitors, and `concurrency`
 * lanes keep that many transactions writing at once (more would only queue inside
 * Postgres and starve the rest of the app).
 *
 * Events that arrive while their lane is busy wait, and when it frees up it takes every
 * waiting part of the same workspace and source, up to `maxEvents` events, into one
 * transaction: a caller gets its 200 only after the commits that hold all its events, but
 * under load the statements and the commit are shared by many requests. Beyond `queue`
 * waiting parts a caller is told to come back (503 + Retry-After) rather than held until
 * it times out; Segment clients retry such answers, and the receipts make the retry store
 * nothing twice.
 *
 * Per-process by design: each API process protects its own pool. Processes exclude each
 * other per bucket with advisory locks (see claimBatch).
 */
export interface IngestRequest {
  source: IngestSource;
  events: IncomingEvent[];
}

type Run = (source: IngestSource, events: IncomingEvent[]) => Promise<{ rejected: EventRejection[] }>;

/** A request while its parts are written. */
interface Pending {
  parts: number;
  rejected: EventRejection[];
  settled: boolean;
  resolve: (rejected: EventRejection[]) => void;
  reject: (error: unknown) => void;
}

/** The events of one request that belong to one lane. */
interface Part {
  source: IngestSource;
  events: IncomingEvent[];
  request: Pending;
}

interface Lane {
  running: boolean;
  waiting: Part[];
}

export class GroupCommit {
  private readonly lanes: Lane[];
  private waitingParts = 0;

  constructor(private readonly run: Run, private readonly limits: { concurrency: number; queue: number; maxEvents: number }) {
    this.lanes = Array.from({ length: Math.max(1, limits.concurrency) }, () => ({ running: false, waiting: [] }));
  }

  /** Resolves, after the commits, with the request's own rejected events. */
  submit(request: IngestRequest): Promise<EventRejection[]> {
    if (this.waitingParts >= this.limits.queue) {
      return Promise.reject(serviceUnavailable('Tandem is receiving more events than it can write right now; retry after the given seconds', 1));
    }
    const byLane = new Map<number, IncomingEvent[]>();
    for (const event of request.events) {
      const lane = this.lanes.length === 1 ? 0 : visitorBucket(event.visitorKey) % this.lanes.length;
      const list = byLane.get(lane);
      if (list) list.push(event);
      else byLane.set(lane, [event]);
    }
    return new Promise((resolve, reject) => {
      const pending: Pending = { parts: byLane.size, rejected: [], settled: false, resolve, reject };
      for (const [lane, events] of byLane) {
        this.lanes[lane]!.waiting.push({ source: request.source, events, request: pending });
        this.waitingParts += 1;
      }
      for (const lane of byLane.keys()) this.next(this.lanes[lane]!);
    });
  }

  private next(lane: Lane): void {
    if (lane.running || !lane.waiting.length) return;
    const group = this.takeGroup(lane);
    lane.running = true;
    void this.commit(group).finally(() => {
      lane.running = false;
      this.next(lane);
    });
  }

  private takeGroup(lane: Lane): Part[] {
    const first = lane.waiting.shift()!;
    const group = [first];
    let count = first.events.length;
    for (let i = 0; i < lane.waiting.length && count < this.limits.maxEvents;) {
      const candidate = lane.waiting[i]!;
      const sameSource = candidate.source.workspaceId === first.source.workspaceId && candidate.source.actor.id === first.source.actor.id;
      if (sameSource && count + candidate.events.length <= this.limits.maxEvents) {
        group.push(candidate);
        count += candidate.events.length;
        lane.waiting.splice(i, 1);
      } else i += 1;
    }
    this.waitingParts -= group.length;
    return group;
  }

  private async commit(group: Part[]): Promise<void> {
    // One index space for the shared transaction; rejections are handed back by position.
    const owners: { part: Part; index: number }[] = [];
    const events = group.flatMap((part) => part.events.map((event) => {
      owners.push({ part, index: event.index });
      return { ...event, index: owners.length - 1 };
    }));
    try {
      const { rejected } = await this.run(group[0]!.source, events);
      for (const rejection of rejected) {
        const owner = owners[rejection.index]!;
        owner.part.request.rejected.push({ ...rejection, index: owner.index });
      }
      for (const part of group) {
        const request = part.request;
        request.parts -= 1;
        if (request.parts === 0 && !request.settled) {
          request.settled = true;
          request.resolve(request.rejected.sort((a, b) => a.index - b.index));
        }
      }
    } catch (error) {
      for (const part of group) {
        if (part.request.settled) continue;
        part.request.settled = true;
        part.request.reject(error);
      }
    }
  }
}

/** Fixed 10-second windows per client address. */
export class AddressRateLimit {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perTenSeconds: number, private readonly what = 'event requests') {}

  check(address: string, now = Date.now()): void {
    const window = Math.floor(now / 10_000) * 10_000;
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    if (count > this.perTenSeconds) {
      throw tooManyRequests(`more than ${this.perTenSeconds} ${this.what} from one address in 10 seconds`, Math.ceil((window + 10_000 - now) / 1000));
    }
  }
}
