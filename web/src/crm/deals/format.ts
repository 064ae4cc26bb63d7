import type { BuyingRole, Deal } from '../types';

const moneyFormats = new Map<string, Intl.NumberFormat>();
const compactFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const cache = compact ? compactFormats : moneyFormats;
  let format = cache.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency,
        ...(compact ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 0 }),
        notation: compact ? 'compact' : 'standard',
      });
    } catch {
      format = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, notation: compact ? 'compact' : 'standard' });
    }
    cache.set(currency, format);
  }
  return format;
}

export function formatMoney(amount: number | null | undefined, currency: string): string {
  return amount === null || amount === undefined ? '—' : moneyFormat(currency, false).format(amount);
}

/** "€1.2M" for column totals, where the exact cents say nothing. */
export function formatCompactMoney(amount: number, currency: string): string {
  return moneyFormat(currency, true).format(amount);
}

/** Sums per currency: a board may mix EUR and USD deals, and adding them up would be wrong. */
export function sumByCurrency(deals: readonly Deal[], weight = 1): Map<string, number> {
  const sums = new Map<string, number>();
  for (const deal of deals) {
    if (deal.amount === null) continue;
    sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.amount * weight);
  }
  return sums;
}

export function formatSums(sums: Map<string, number>): string {
  if (sums.size === 0) return formatCompactMoney(0, 'EUR');
  return [...sums.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([currency, amount]) => formatCompactMoney(amount, currency))
    .join(' + ');
}

const DAY = 86_400_000;

export function daysSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY));
}

/** "3 d", "5 h", "12 min": how long something lasted, in its largest sensible unit. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** Today as YYYY-MM-DD in the person's own time zone. */
export function todayIso(now = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

export function isOverdueClose(deal: Pick<Deal, 'status' | 'expectedCloseDate'>): boolean {
  return deal.status === 'open' && deal.expectedCloseDate !== null && deal.expectedCloseDate < todayIso();
}

export const BUYING_ROLES: { value: BuyingRole; label: string }[] = [
  { value: 'decision_maker', label: 'Decision maker' },
  { value: 'champion', label: 'Champion' },
  { value: 'influencer', label: 'Influencer' },
  { value: 'technical', label: 'Technical buyer' },
  { value: 'user', label: 'User' },
];

export const BUYING_ROLE_LABELS = Object.fromEntries(BUYING_ROLES.map((role) => [role.value, role.label])) as Record<BuyingRole, string>;

export const CURRENCIES = ['EUR', 'USD', 'GBP', 'SEK', 'NOK', 'DKK', 'CHF'];

export const STATUS_LABELS: Record<Deal['status'], string> = { open: 'Open', won: 'Won', lost: 'Lost' };
export const STATUS_COLORS: Record<Deal['status'], string> = { open: 'blue', won: 'teal', lost: 'red' };

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A calendar day (YYYY-MM-DD) as the person writes it; read as local time so it never shifts a day. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return dayFormat.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const shortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

/** A calendar day for a small card: "Feb 23" this year, "Feb 2027" further out (the tooltip has the day). */
export function formatShortDay(value: string | null | undefined): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.getFullYear() === new Date().getFullYear() ? shortDay.format(date) : monthYear.format(date);
}
