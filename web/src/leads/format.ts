import type { ApprovalSide, DefinitionStatus, Lead, LeadStatus, Tier } from './types';

export const STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  working: 'Working',
  nurturing: 'Nurturing',
  recycled: 'Recycled',
  disqualified: 'Disqualified',
  converted: 'Converted',
};

export const STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'blue',
  working: 'teal',
  nurturing: 'grape',
  recycled: 'orange',
  disqualified: 'gray',
  converted: 'green',
};

export const TIER_LABELS: Record<Tier, string> = { hot: 'Hot', warm: 'Warm', cold: 'Cold' };
export const TIER_COLORS: Record<Tier, string> = { hot: 'red', warm: 'orange', cold: 'blue' };

export const SIDE_LABELS: Record<ApprovalSide, string> = { marketing: 'Marketing', sales: 'Sales' };

export const DEFINITION_STATUS_LABELS: Record<DefinitionStatus, string> = { draft: 'Draft', live: 'Live', retired: 'Retired' };
export const DEFINITION_STATUS_COLORS: Record<DefinitionStatus, string> = { draft: 'yellow', live: 'green', retired: 'gray' };

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** "45 min", "31 h", "3 d 4 h": how long, at the precision a person plans by. */
export function formatSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return `${Math.max(1, Math.round(abs / MINUTE))} min`;
  if (abs < 72 * HOUR) return `${Math.round(abs / HOUR)} h`;
  const days = Math.floor(abs / (24 * HOUR));
  const hours = Math.round((abs - days * 24 * HOUR) / HOUR);
  return hours ? `${days} d ${hours} h` : `${days} d`;
}

export type SlaTone = 'ok' | 'soon' | 'breached' | 'answered' | 'late' | 'none';

export interface SlaState {
  tone: SlaTone;
  label: string;
  /** The full sentence, for a tooltip. */
  detail: string;
}

/**
 * Where a lead stands against its SLA at `now`. An open lead counts down from the server's
 * `slaRemainingMs` (so a browser clock that is off does not matter): amber under a quarter of
 * the time left, red once breached. An answered lead says whether it was answered in time.
 */
export function slaState(lead: Lead, now: number, fetchedAt: number): SlaState {
  if (lead.status === 'new') {
    if (lead.slaRemainingMs === null || !lead.slaDueAt || !lead.assignedAt) {
      return { tone: 'none', label: 'No owner yet', detail: 'Nobody is assigned, so no SLA runs yet.' };
    }
    const remaining = lead.slaRemainingMs - Math.max(0, now - fetchedAt);
    const total = new Date(lead.slaDueAt).getTime() - new Date(lead.assignedAt).getTime();
    if (remaining < 0) {
      return { tone: 'breached', label: `Breached ${formatSpan(remaining)} ago`, detail: 'The SLA ran out before anyone accepted or rejected this lead.' };
    }
    return {
      tone: total > 0 && remaining < total * 0.25 ? 'soon' : 'ok',
      label: `${formatSpan(remaining)} left`,
      detail: `Accept or reject within ${formatSpan(remaining)} to meet the SLA.`,
    };
  }
  const answeredAt = lead.acceptedAt ?? lead.rejectedAt ?? lead.convertedAt;
  if (!answeredAt || !lead.assignedAt) return { tone: 'none', label: '—', detail: 'No SLA applied.' };
  const took = new Date(answeredAt).getTime() - new Date(lead.assignedAt).getTime();
  const late = lead.slaDueAt !== null && new Date(answeredAt).getTime() > new Date(lead.slaDueAt).getTime();
  return late
    ? { tone: 'late', label: `Answered late, in ${formatSpan(took)}`, detail: 'Answered after the SLA ran out.' }
    : { tone: 'answered', label: `Answered in ${formatSpan(took)}`, detail: 'Answered within the SLA.' };
}

export const SLA_COLORS: Record<SlaTone, string> = {
  ok: 'gray',
  soon: 'orange',
  breached: 'red',
  answered: 'teal',
  late: 'red',
  none: 'gray',
};

/** "+30", "−5", "12.5": points as the ledger shows them. */
export function formatPoints(points: number, signed = true): string {
  const rounded = Math.round(points * 10) / 10;
  const text = Math.abs(rounded).toLocaleString(undefined, { maximumFractionDigits: 1 });
  if (!signed) return rounded < 0 ? `−${text}` : text;
  return rounded < 0 ? `−${text}` : `+${text}`;
}

export function formatScore(value: number): string {
  return (Math.round(value * 10) / 10).toLocaleString(undefined, { maximumFractionDigits: 1 });
}
