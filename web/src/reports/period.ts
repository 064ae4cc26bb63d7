import { useSearchParams } from 'react-router';

/** The period every tab reports on: a rolling preset or days picked by hand (both ends included). */
export type PeriodPreset = '30d' | '90d' | '12m' | 'custom';

export interface Period {
  preset: PeriodPreset;
  /** "YYYY-MM-DD", local days; for "custom" only. */
  fromDay: string;
  toDay: string;
}

/** What the API is asked: ISO instants, or nothing for the server's default (the last twelve months). */
export interface PeriodQuery {
  from?: string;
  to?: string;
}

export const PRESETS: { value: PeriodPreset; label: string }[] = [
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: '12m', label: 'Last 12 months' },
  { value: 'custom', label: 'Custom' },
];

const DAY = 86_400_000;

export function dayString(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function startOfDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function daysAgo(days: number): Date {
  const today = new Date();
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
}

/**
 * The API query of a period, or an error for a custom period that cannot be asked.
 * Rolling periods start at a midnight, so the query (and its cache key) holds all day.
 */
export function periodQuery(period: Period): { query: PeriodQuery } | { error: string } {
  if (period.preset === '30d') return { query: { from: daysAgo(29).toISOString() } };
  if (period.preset === '90d') return { query: { from: daysAgo(89).toISOString() } };
  if (period.preset === '12m') return { query: {} };
  const from = startOfDay(period.fromDay);
  const to = startOfDay(period.toDay);
  if (!from || !to) return { error: 'Pick the first and the last day.' };
  if (to < from) return { error: 'The last day is before the first.' };
  return { query: { from: from.toISOString(), to: new Date(to.getTime() + DAY).toISOString() } };
}

/** The period in the page's address (?period=90d or ?period=custom&from=…&to=…), so a report can be shared. */
export function usePeriod(): [Period, (next: Period) => void] {
  const [params, setParams] = useSearchParams();
  const requested = params.get('period') as PeriodPreset | null;
  const preset: PeriodPreset = requested && PRESETS.some((option) => option.value === requested) ? requested : '12m';
  const period: Period = {
    preset,
    fromDay: params.get('from') ?? dayString(daysAgo(29)),
    toDay: params.get('to') ?? dayString(new Date()),
  };
  const setPeriod = (next: Period) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.delete('from');
        updated.delete('to');
        if (next.preset === '12m') updated.delete('period');
        else updated.set('period', next.preset);
        if (next.preset === 'custom') {
          updated.set('from', next.fromDay);
          updated.set('to', next.toDay);
        }
        return updated;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** "3 Mar 2025 – 1 Jun 2025" for the instants a report answered with (the end is exclusive). */
export function describeRange(from: string, to: string): string {
  const end = new Date(new Date(to).getTime() - 1);
  return `${dayFormat.format(new Date(from))} – ${dayFormat.format(end)}`;
}
