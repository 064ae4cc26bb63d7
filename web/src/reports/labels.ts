import { channelLabel } from '../events/labels';
import type { LifecycleSettings } from './types';

/** The funnel's stages in order, as the server lists them. */
export const FUNNEL_STAGES = ['subscriber', 'lead', 'mql', 'sal', 'sql', 'opportunity', 'customer', 'evangelist'] as const;

const DEFAULT_STAGE_LABELS: Record<string, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'Marketing qualified lead',
  sal: 'Sales accepted lead',
  sql: 'Sales qualified lead',
  opportunity: 'Opportunity',
  customer: 'Customer',
  evangelist: 'Evangelist',
};

/** "no_budget" → "No budget", for a key the settings no longer name. */
function humanize(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface StageInfo {
  key: string;
  label: string;
}

/** The stages the workspace uses, with its labels; a stage switched off in the lifecycle settings is left out. */
export function visibleStages(settings: LifecycleSettings | undefined): StageInfo[] {
  return FUNNEL_STAGES.flatMap((key) => {
    const setting = settings?.stages.find((stage) => stage.key === key);
    if (setting && !setting.enabled) return [];
    return [{ key, label: setting?.label || DEFAULT_STAGE_LABELS[key] || humanize(key) }];
  });
}

export function stageLabel(settings: LifecycleSettings | undefined, key: string): string {
  return settings?.stages.find((stage) => stage.key === key)?.label || DEFAULT_STAGE_LABELS[key] || humanize(key);
}

export function reasonLabel(settings: LifecycleSettings | undefined, key: string | null): string {
  if (!key) return 'No reason';
  return settings?.rejectReasons.find((reason) => reason.key === key)?.label ?? humanize(key);
}

/** A first-touch channel; "unknown" is a contact without a tracked web visit. */
export function sourceLabel(source: string): string {
  return source === 'unknown' ? 'No tracked visit' : channelLabel(source);
}
