import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { funnelStages, type LifecycleStage } from '../contacts/index.js';

export interface StageSetting {
  key: LifecycleStage;
  label: string;
  /** A stage the workspace does not use is hidden from pickers and reports; the order stays. */
  enabled: boolean;
}

export interface RejectReason {
  key: string;
  label: string;
}

export interface LifecycleSettings {
  stages: StageSetting[];
  rejectReasons: RejectReason[];
}

const defaultLabels: Record<string, string> = {
  subscriber: 'Subscriber', lead: 'Lead', mql: 'Marketing qualified lead', sal: 'Sales accepted lead', sql: 'Sales qualified lead',
  opportunity: 'Opportunity', customer: 'Customer', evangelist: 'Evangelist',
};

/** "Other" is always offered and always needs a note: a reason nobody can read is no reason. */
export const otherReason: RejectReason = { key: 'other', label: 'Other' };

export const defaultLifecycleSettings: LifecycleSettings = {
  stages: funnelStages.map((key) => ({ key, label: defaultLabels[key] ?? key, enabled: true })),
  rejectReasons: [
    { key: 'not_a_fit', label: 'Not a fit' }, { key: 'bad_timing', label: 'Bad timing' }, { key: 'no_budget', label: 'No budget' },
    { key: 'duplicate', label: 'Duplicate' }, { key: 'competitor', label: 'Competitor' }, otherReason,
  ],
};

/** The stages the hand-off needs cannot be switched off. */
const requiredStages: LifecycleStage[] = ['lead', 'mql', 'sal', 'opportunity', 'customer'];

export async function getLifecycleSettings(db: DbOrTx, workspaceId: string): Promise<LifecycleSettings> {
  const row = await db.selectFrom('lifecycle_settings').select(['stages', 'reject_reasons']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return defaultLifecycleSettings;
  return { stages: row.stages as StageSetting[], rejectReasons: row.reject_reasons as RejectReason[] };
}

export async function saveLifecycleSettings(db: DbOrTx, clock: Clock, workspaceId: string, input: LifecycleSettings): Promise<LifecycleSettings> {
  const keys = input.stages.map((stage) => stage.key);
  if (keys.length !== funnelStages.length || funnelStages.some((stage, index) => keys[index] !== stage)) {
    throw badRequest(`stages must list ${funnelStages.join(', ')} in this order (labels and enabled may change)`, 'stages');
  }
  input.stages.forEach((stage, index) => {
    if (!stage.label.trim()) throw badRequest('a stage needs a label', `stages[${index}].label`);
    if (!stage.enabled && requiredStages.includes(stage.key)) throw badRequest(`the ${stage.key} stage is part of the hand-off and cannot be switched off`, `stages[${index}].enabled`);
  });
  const seen = new Set<string>();
  input.rejectReasons.forEach((reason, index) => {
    if (!/^[a-z0-9_]{1,50}$/.test(reason.key)) throw badRequest('a reason key is 1–50 lower-case letters, digits or _', `rejectReasons[${index}].key`);
    if (seen.has(reason.key)) throw badRequest(`the reason ${reason.key} is listed twice`, `rejectReasons[${index}].key`);
    if (!reason.label.trim()) throw badRequest('a reason needs a label', `rejectReasons[${index}].label`);
    seen.add(reason.key);
  });
  const settings: LifecycleSettings = {
    stages: input.stages.map((stage) => ({ key: stage.key, label: stage.label.trim(), enabled: stage.enabled })),
    rejectReasons: [...input.rejectReasons.filter((reason) => reason.key !== otherReason.key).map((reason) => ({ key: reason.key, label: reason.label.trim() })), otherReason],
  };
  const values = { stages: JSON.stringify(settings.stages), reject_reasons: JSON.stringify(settings.rejectReasons), updated_at: clock.now() };
  await db.insertInto('lifecycle_settings').values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  return settings;
}
