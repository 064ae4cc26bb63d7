/**
 * The one source of time. Journeys, SLAs, decay, sessions and jobs read `now()` from a
 * Clock so tests and simulations can move time without sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and simulations. */
export interface ManualClock extends Clock {
  set(at: Date): void;
  advance(ms: number): void;
}

export function manualClock(start: Date = new Date('2026-01-01T00:00:00Z')): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => { current = at.getTime(); },
    advance: (ms) => { current += ms; },
  };
}

/**
 * The system clock moved forward by hand (TANDEM_TEST_CLOCK=true only): an end-to-end test
 * advances it to see a two-day wait end without waiting two days.
 */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
  /** Back to the system's time (a suite resets it so the tests after it are not in the future). */
  reset(): void;
}

export function adjustableClock(): AdjustableClock {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), advance: (ms) => { offset += ms; }, reset: () => { offset = 0; } };
}
