import { serviceUnavailable, tooManyRequests } from '../../platform/http/errors.js';

/**
 * Admission for the collection API. At most `concurrency` batches write at once (more
 * would only queue inside Postgres and starve the rest of the app); up to `queue` more
 * wait their turn; beyond that a caller is told to come back (503 + Retry-After) rather
 * than held until it times out. Segment clients retry such answers, so nothing is lost.
 *
 * Per-process by design: each API process protects its own pool; the limits add up as
 * processes are added.
 */
export class Admission {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly concurrency: number, private readonly queue: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) throw serviceUnavailable('Tandem is receiving more events than it can write right now; retry after the given seconds', 1);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line.
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** Fixed 10-second windows per client address. */
export class AddressRateLimit {
  private windowStart = 0;
  private counts = new Map<string, number>();

  constructor(private readonly perTenSeconds: number) {}

  check(address: string, now = Date.now()): void {
    const window = Math.floor(now / 10_000) * 10_000;
    if (window !== this.windowStart) {
      this.windowStart = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(address) ?? 0) + 1;
    this.counts.set(address, count);
    if (count > this.perTenSeconds) {
      throw tooManyRequests(`more than ${this.perTenSeconds} event requests from one address in 10 seconds`, Math.ceil((window + 10_000 - now) / 1000));
    }
  }
}
