import { type RawBuilder, sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';

export const fitGrades = ['A', 'B', 'C', 'D'] as const;
export type FitGrade = (typeof fitGrades)[number];
export type EngagementLevel = 1 | 2 | 3 | 4;

/**
 * How points become a grade: the fit grade (A best) from the fit score, the engagement level
 * (1 best) from the engagement score, and the tier from both:
 * hot = grade A–B and level 1–2; warm = grade A–C and level 1–3; cold otherwise.
 * Engagement halves every `halfLifeDays`, applied in daily steps.
 */
export interface ScoringSettings {
  halfLifeDays: number;
  fitGrades: { A: number; B: number; C: number };
  engagementLevels: { 1: number; 2: number; 3: number };
}

export const defaultSettings: ScoringSettings = { halfLifeDays: 30, fitGrades: { A: 60, B: 40, C: 20 }, engagementLevels: { 1: 60, 2: 30, 3: 10 } };

export async function getSettings(db: DbOrTx, workspaceId: string): Promise<ScoringSettings> {
  const row = await db.selectFrom('scoring_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) return defaultSettings;
  return {
    halfLifeDays: Number(row.half_life_days),
    fitGrades: row.fit_grades as ScoringSettings['fitGrades'],
    engagementLevels: row.engagement_levels as unknown as ScoringSettings['engagementLevels'],
  };
}

export function checkSettings(input: ScoringSettings): ScoringSettings {
  const { fitGrades: fit, engagementLevels: levels } = input;
  if (!(fit.A > fit.B && fit.B > fit.C)) throw badRequest('fit grade thresholds must fall from A to C (A > B > C)', 'fitGrades');
  if (!(levels[1] > levels[2] && levels[2] > levels[3])) throw badRequest('engagement thresholds must fall from level 1 to 3', 'engagementLevels');
  return input;
}

export async function saveSettings(db: DbOrTx, clock: Clock, workspaceId: string, input: ScoringSettings): Promise<ScoringSettings> {
  const settings = checkSettings(input);
  const values = {
    half_life_days: String(settings.halfLifeDays), fit_grades: JSON.stringify(settings.fitGrades) as never,
    engagement_levels: JSON.stringify(settings.engagementLevels) as never, updated_at: clock.now(),
  };
  await db.insertInto('scoring_settings').values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  return settings;
}

export function gradeOf(settings: ScoringSettings, fit: RawBuilder<unknown>): RawBuilder<string> {
  const { A, B, C } = settings.fitGrades;
  return sql<string>`(case when ${fit} >= ${A} then 'A' when ${fit} >= ${B} then 'B' when ${fit} >= ${C} then 'C' else 'D' end)`;
}

export function levelOf(settings: ScoringSettings, engagement: RawBuilder<unknown>): RawBuilder<number> {
  const levels = settings.engagementLevels;
  return sql<number>`(case when ${engagement} >= ${levels[1]} then 1 when ${engagement} >= ${levels[2]} then 2 when ${engagement} >= ${levels[3]} then 3 else 4 end)`;
}

export function tierOf(settings: ScoringSettings, fit: RawBuilder<unknown>, engagement: RawBuilder<unknown>): RawBuilder<string> {
  const grade = gradeOf(settings, fit);
  const level = levelOf(settings, engagement);
  return sql<string>`(case when ${grade} <= 'B' and ${level} <= 2 then 'hot' when ${grade} <= 'C' and ${level} <= 3 then 'warm' else 'cold' end)`;
}

/** The three derived columns of `contact_scores` for given fit and engagement expressions. */
export function derivedColumns(settings: ScoringSettings, fit: RawBuilder<unknown>, engagement: RawBuilder<unknown>) {
  return sql`fit_grade = ${gradeOf(settings, fit)}, engagement_level = ${levelOf(settings, engagement)}, tier = ${tierOf(settings, fit, engagement)}`;
}

/** Engagement keeps this share of itself over `days`. */
export function decayFactor(settings: ScoringSettings, days: number): number {
  return 0.5 ** (days / settings.halfLifeDays);
}
