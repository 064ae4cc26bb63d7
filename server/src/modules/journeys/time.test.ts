import { describe, expect, it } from 'vitest';
import { sendableAt } from '../messaging/send-limits.js';
import { chiSquarePValue } from '../../platform/significance.js';
import { durationMs, nextLocalTime } from './time.js';

describe('journey time', () => {
  it('finds the next weekday and hour in the contact’s own timezone', () => {
    // Wednesday 2026-03-04 10:00 UTC is 12:00 in Helsinki (UTC+2 in winter).
    const wednesday = new Date('2026-03-04T10:00:00Z');
    expect(nextLocalTime(wednesday, [2], 9, 0, 'Europe/Helsinki').toISOString()).toBe('2026-03-10T07:00:00.000Z');
    expect(nextLocalTime(wednesday, [3], 13, 30, 'Europe/Helsinki').toISOString()).toBe('2026-03-04T11:30:00.000Z');
    expect(nextLocalTime(wednesday, [3], 9, 0, 'Europe/Helsinki').toISOString()).toBe('2026-03-11T07:00:00.000Z');
    // After the switch to summer time (29 March), 9:00 in Helsinki is 06:00 UTC.
    expect(nextLocalTime(new Date('2026-03-30T00:00:00Z'), [1, 2, 3, 4, 5], 9, 0, 'Europe/Helsinki').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    expect(nextLocalTime(wednesday, [4], 9, 0, 'America/New_York').toISOString()).toBe('2026-03-05T14:00:00.000Z');
    expect(nextLocalTime(wednesday, [4], 9, 0, 'Not/AZone').toISOString()).toBe('2026-03-05T09:00:00.000Z');
    expect(durationMs({ amount: 2, unit: 'days' })).toBe(172_800_000);
  });

  it('holds a send inside quiet hours until they end, across midnight', () => {
    const limits = { quietHours: { start: 21, end: 8, timezone: 'Europe/Helsinki' }, frequencyCap: null };
    // 20:30 UTC is 22:30 in Helsinki: held until 08:00 there (06:00 UTC).
    expect(sendableAt(new Date('2026-03-04T20:30:00Z'), limits, null).toISOString()).toBe('2026-03-05T06:00:00.000Z');
    // The contact's own zone wins: 20:30 UTC is 15:30 in New York, outside quiet hours.
    expect(sendableAt(new Date('2026-03-04T20:30:00Z'), limits, 'America/New_York').toISOString()).toBe('2026-03-04T20:30:00.000Z');
    expect(sendableAt(new Date('2026-03-04T12:00:00Z'), limits, null).toISOString()).toBe('2026-03-04T12:00:00.000Z');
  });

  it('tests whether random split arms convert differently', () => {
    expect(chiSquarePValue([[50, 50], [50, 50]])).toBeCloseTo(1, 6);
    // Chi-square 8 with 1 degree of freedom: p = 0.00468; 8/3 with 2: p = e^(−4/3) = 0.2636.
    expect(chiSquarePValue([[60, 40], [40, 60]])!).toBeCloseTo(0.00468, 4);
    expect(chiSquarePValue([[30, 70], [20, 80], [25, 75]])!).toBeCloseTo(Math.exp(-4 / 3), 6);
    expect(chiSquarePValue([[0, 10], [0, 10]])).toBeNull();
    expect(chiSquarePValue([[5, 5]])).toBeNull();
  });
});
