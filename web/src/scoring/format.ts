import type { CapPeriod, Tier } from './types';

// How scores, points, caps, grades and tiers read on screen.

const MINUS = '\u2212';

/** "+20", "−50": a rule's points or a ledger entry, always signed. */
export function formatPoints(points: number): string {
  const amount = formatScore(Math.abs(points));
  return points < 0 ? `${MINUS}${amount}` : `+${amount}`;
}

/** A score: engagement decays into fractions, shown to one decimal at most. */
export function formatScore(score: number): string {
  return score.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

export const pointsColor = (points: number) => (points < 0 ? 'red.7' : 'teal.7');

export const CAP_PERIOD_LABELS: Record<CapPeriod, string> = {
  day: 'per day',
  week: 'per week',
  month: 'per month',
  ever: 'in total',
};

/** "20 per day", or "No cap". */
export function capText(cap: { points: number; period: CapPeriod } | null): string {
  return cap ? `${cap.points.toLocaleString()} ${CAP_PERIOD_LABELS[cap.period]}` : 'No cap';
}

export const TIER_LABELS: Record<Tier, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };
export const TIER_COLORS: Record<Tier, string> = { hot: 'red', warm: 'yellow', cold: 'blue' };

export const FIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export const ENGAGEMENT_LEVELS = [1, 2, 3, 4] as const;

/** The server's rule: hot = A–B and 1–2; warm = A–C and 1–3; cold otherwise. */
export function tierOf(grade: string, level: number): Tier {
  if (grade <= 'B' && level <= 2) return 'hot';
  if (grade <= 'C' && level <= 3) return 'warm';
  return 'cold';
}
