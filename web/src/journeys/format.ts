import { describeCondition, type Names } from '../segments/describe';
import { UNIT_LABELS } from '../segments/labels';
import type { Condition, RelativeAmount } from '../segments/types';
import type { EnrolmentStatus, EventTrigger, JourneyStatus, Reentry, Trigger, TriggerKind } from './types';

export const STATUS_LABELS: Record<JourneyStatus, string> = { draft: 'Draft', live: 'Live', paused: 'Paused', archived: 'Archived' };
export const STATUS_COLORS: Record<JourneyStatus, string> = { draft: 'gray', live: 'teal', paused: 'yellow', archived: 'dark' };

export const TRIGGER_LABELS: Record<TriggerKind, string> = {
  segment_entered: 'Enters a segment',
  segment_exited: 'Leaves a segment',
  event: 'Performs an event',
  stage_changed: 'Lifecycle stage changes',
  score_crossed: 'Score crosses a threshold',
  date_field: 'A date is near',
  manual: 'Added by hand or API',
};

const ENROLMENT_COLORS: Record<string, string> = { active: 'blue', completed: 'teal', converted: 'grape', exited: 'orange' };

/** A simulation ends as an enrolment status too, or as something it could not foresee. */
export function enrolmentColor(status: EnrolmentStatus | string): string {
  return ENROLMENT_COLORS[status] ?? 'gray';
}

export function enrolmentLabel(status: EnrolmentStatus | string): string {
  return status === 'active' ? 'In flight' : status.charAt(0).toUpperCase() + status.slice(1).replace(/_/g, ' ');
}

/** "2 days", "1 hour". */
export function describeAmount({ amount, unit }: RelativeAmount): string {
  const label = UNIT_LABELS[unit] ?? unit;
  return `${amount} ${amount === 1 ? label.replace(/s$/, '') : label}`;
}

/** A whole condition tree as one sentence: groups in brackets, joined by "and"/"or". */
export function describeTree(condition: Condition | null | undefined, names: Names): string {
  if (!condition) return 'No condition';
  switch (condition.type) {
    case 'and':
    case 'or': {
      if (condition.conditions.length === 0) return condition.type === 'and' ? 'Always' : 'Never';
      const parts = condition.conditions.map((child) => {
        const text = describeTree(child, names);
        return (child.type === 'and' || child.type === 'or') && child.conditions.length > 1 ? `(${text})` : text;
      });
      return parts.join(condition.type === 'and' ? ' and ' : ' or ');
    }
    case 'not':
      return `not (${describeTree(condition.condition, names)})`;
    default:
      return describeCondition(condition, names);
  }
}

export function describeEventTrigger(condition: EventTrigger, names: Names): string {
  return describeCondition(condition, names);
}

export function describeTrigger(trigger: Trigger, names: Names & { stages?: Map<string, string> }): string {
  switch (trigger.kind) {
    case 'segment_entered':
    case 'segment_exited': {
      const name = names.segments.get(trigger.segmentId);
      return `${trigger.kind === 'segment_entered' ? 'Enters' : 'Leaves'} ${name ? `"${name}"` : 'a segment (choose one)'}`;
    }
    case 'event':
      return describeEventTrigger(trigger.condition, names);
    case 'stage_changed': {
      const stage = (value: string | null | undefined) => (value ? (names.stages?.get(value) ?? value) : '');
      return trigger.to ? `Becomes ${stage(trigger.to)}${trigger.from ? ` from ${stage(trigger.from)}` : ''}` : 'Stage changes (choose one)';
    }
    case 'score_crossed':
      return `${trigger.score === 'fit' ? 'Fit' : 'Engagement'} score reaches ${trigger.threshold}`;
    case 'date_field': {
      const field = names.catalog?.fields.find((candidate) => candidate.key === trigger.field)?.label ?? trigger.field;
      if (!trigger.field) return 'A date field (choose one)';
      const days = Math.abs(trigger.offsetDays);
      const when = trigger.offsetDays === 0 ? 'On' : `${days} ${days === 1 ? 'day' : 'days'} ${trigger.offsetDays < 0 ? 'before' : 'after'}`;
      return `${when} ${field}${trigger.hour !== undefined ? ` at ${String(trigger.hour).padStart(2, '0')}:00 UTC` : ''}`;
    }
    case 'manual':
      return 'Only by hand or through the API';
  }
}

export function describeReentry(reentry: Reentry): string {
  if (reentry.mode === 'never') return 'Once per contact';
  if (reentry.mode === 'always') return 'Again once the last enrolment ends';
  return `Again ${reentry.days} ${reentry.days === 1 ? 'day' : 'days'} after the last one ends`;
}

const instant = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

/** A step's detail as short text, its ISO instants ("until 2026-11-24T21:45:51.704Z") as local times. */
export function detailText(detail: string | null | undefined): string {
  if (!detail) return '';
  return detail.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z/g, (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : instant.format(date);
  });
}

export function percent(rate: number | null): string {
  if (rate === null) return '—';
  return `${(rate * 100).toFixed(rate < 0.1 ? 1 : 0)}%`;
}
