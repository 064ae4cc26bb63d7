import { EmptyState, Paper, Text, Tooltip, UnstyledButton, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './reports.module.css';

const integer = new Intl.NumberFormat();
const euros = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

export const formatCount = (value: number) => integer.format(value);
export const formatEuros = (value: number) => euros.format(value);

/** "45.2%", "100%"; a dash when there is nothing to divide. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${Math.round(value * 10) / 10}%`;
}

/** A share in percent with one decimal, or null without a base. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** "45 min", "5.2 h", "3.1 d". */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

/** "< 1 h", "5.2 h", "3.5 days": the server rounds to a tenth of a day. */
export function formatDays(days: number | null): string {
  if (days === null) return '—';
  if (days < 0.05) return '< 1 h';
  if (days < 2) return formatHours(days * 24);
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "2025-05" → "May 2025" (or "May 25" short). */
export function formatMonth(month: string, short = false): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return (short ? shortMonthFormat : monthFormat).format(date);
}

/** Every month from the one holding `from` to the one holding the last instant before `to`, as "YYYY-MM" (UTC, like the server). */
export function monthsBetween(from: string, to: string): string[] {
  const start = new Date(from);
  const end = new Date(new Date(to).getTime() - 1);
  const months: string[] = [];
  for (let year = start.getUTCFullYear(), month = start.getUTCMonth(); year < end.getUTCFullYear() || (year === end.getUTCFullYear() && month <= end.getUTCMonth()); ) {
    months.push(`${year}-${String(month + 1).padStart(2, '0')}`);
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return months;
}

interface FigureProps {
  value: number;
  /** What a click shows, for screen readers and the tooltip: "Show the 12 contacts who reached MQL". */
  label: string;
  onOpen: () => void;
  /** A figure that cannot be drilled into (the API cannot select its records). */
  disabled?: boolean;
  disabledReason?: string;
  fw?: number;
  fz?: string;
  c?: MantineColor;
  children?: ReactNode;
}

/** A number in a report that opens the records behind it; a zero has nothing behind it and is plain text. */
export function Figure({ value, label, onOpen, disabled = false, disabledReason, fw = 500, fz = 'sm', c, children }: FigureProps) {
  const content = children ?? formatCount(value);
  if (value === 0 || disabled) {
    const text = (
      <Text component="span" fz={fz} fw={fw} c={value === 0 ? 'dimmed' : c}>
        {content}
      </Text>
    );
    return disabled && disabledReason && value > 0 ? (
      <Tooltip label={disabledReason} multiline maw={260} withArrow>
        {text}
      </Tooltip>
    ) : (
      text
    );
  }
  return (
    <UnstyledButton className={classes.figure} aria-label={label} title={label} onClick={onOpen} fz={fz} fw={fw} c={c}>
      {content}
    </UnstyledButton>
  );
}

/** What a report shows once there is data, and where that data comes from. */
export function ReportEmpty({ icon, title, children, action }: { icon: ReactNode; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState icon={icon} variant="light" title={title} description={children} maw={560} mx="auto">
        {action}
      </EmptyState>
    </Paper>
  );
}
