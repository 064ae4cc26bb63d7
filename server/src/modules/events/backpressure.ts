import { serviceUnavailable, tooManyRequests } from '../../platform/http/errors.js';
import type { IngestSource } from './ingest.js';
import type { EventRejection, IncomingEvent } from './payload.js';

/**
 * Admission for the collection API, with group commit. At most `concurrency` transactions
 * write at once (more would only queue inside Postgres and starve the rest of the app).
 * Requests that arrive while they are busy wait, and the next free slot takes every waiting
 * request of the same workspace and source, up to `maxEvents` events, into one
 * transaction: each caller still gets its 200 only after the commit that holds its events,
 * but under load the statements and the commit are shared by many requests. Beyond
 * `queue` waiting requests a caller is told to come back (503 + Retry-After) rather than
 * held until it times out; Segment clients retry such answers, so nothing is lost.
 *
 * Per-process by design: each API process protects its own pool.
 */
export interface IngestRequest {
  source: IngestSource;
  events: IncomingEvent[];
}

type Run = (source: IngestSource, events: IncomingEvent[]) => Promise<{ rejected: EventRejection[] }>;

interface Waiting extends IngestRequest {
  resolve: (rejected: EventRejection[]) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(private readonly run: Run, private readonly limits: { concurrency: number; queue: number; maxEvents: number }) {}

  /** Resolves, after the commit, with the request's own rejected events. */
  submit(request: IngestRequest): Promise<EventRejection[]> {
    if (this.waiting.length >= this.limits.queue) {
      return Promise.reject(serviceUnavailable('Tandem is receiving more events than it can write right now; retry after the given seconds', 1));
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.running < this.limits.concurrency && this.waiting.length) {
      const group = this.takeGroup();
      this.running += 1;
      void this.commit(group).finally(() => {
        this.running -= 1;
        this.next();
      });
    }
  }

  private takeGroup(): Waiting[] {
    const first = this.waiting.shift()!;
    const group = [first];
    let count = first.events.length;
    for (let i = 0; i < this.waiting.length && count < this.limits.maxEvents;) {
      const candidate = this.waiting[i]!;
      const sameSource = candidate.source.workspaceId === first.source.workspaceId && candidate.source.actor.id === first.source.actor.id;
      if (sameSource && count + candidate.events.length <= this.limits.maxEvents) {
        group.push(candidate);
        count += candidate.events.length;
        this.waiting.splice(i, 1);
      } else i += 1;
    }
    return group;
  }

  private async commit(group: Waiting[]): Promise<void> {
    // One index space for the shared transaction; rejections are handed back by position.
    const owners: { request: Waiting; index: number }[] = [];
    const events = group.flatMap((request) => request.events.map((event) => {
      owners.push({ request, index: event.index });
      return { ...event, index: owners.length - 1 };
    }));
    try {
      const { rejected } = await this.run(group[0]!.source, events);
      const byRequest = new Map<Waiting, EventRejection[]>(group.map((request) => [request, []]));
      for (const rejection of rejected) {
        const owner = owners[rejection.index]!;
        byRequest.get(owner.request)!.push({ ...rejection, index: owner.index });
      }
      for (const request of group) request.resolve(byRequest.get(request)!);
    } catch (error) {
      for (const request of group) request.reject(error);
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
