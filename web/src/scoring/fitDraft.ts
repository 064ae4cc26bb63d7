import { toDefinition, toDraft, type DraftGroup, type PendingRow } from '../segments/builder/draft';
import type { Condition, FieldCondition } from '../segments/types';

// A fit rule's condition as the editor holds it. Most are a few field conditions joined by
// AND or OR ("flat"), edited row by row; anything deeper (nested groups, NOT) made through the
// API opens in the segment builder's full group editor ("advanced").

export type FitRow = FieldCondition | PendingRow;

export type FitDraft =
  | { mode: 'flat'; type: 'and' | 'or'; rows: FitRow[] }
  | { mode: 'advanced'; root: DraftGroup };

export const newFitDraft = (): FitDraft => ({ mode: 'flat', type: 'and', rows: [{ type: 'pending' }] });

export function toFitDraft(condition: Condition): FitDraft {
  if (condition.type === 'field') return { mode: 'flat', type: 'and', rows: [condition] };
  if ((condition.type === 'and' || condition.type === 'or') && condition.conditions.every((child) => child.type === 'field')) {
    return { mode: 'flat', type: condition.type, rows: condition.conditions as FieldCondition[] };
  }
  return { mode: 'advanced', root: toDraft({ version: 1, match: condition }) };
}

/** The rows that are sent: those whose field is chosen. */
export const chosenRows = (draft: Extract<FitDraft, { mode: 'flat' }>) =>
  draft.rows.filter((row): row is FieldCondition => row.type === 'field');

/** What is sent: one field condition on its own, several in their group. */
export function fitCondition(draft: FitDraft): Condition {
  if (draft.mode === 'advanced') return toDefinition(draft.root).match;
  const rows = chosenRows(draft);
  return rows.length === 1 ? rows[0]! : { type: draft.type, conditions: rows };
}

export function isEmptyFitDraft(draft: FitDraft): boolean {
  const condition = fitCondition(draft);
  return (condition.type === 'and' || condition.type === 'or') && condition.conditions.length === 0;
}

/**
 * Which row of a flat draft the server's path is about (`condition.field` when one condition
 * was sent alone, `condition.conditions[1].value` in a group); null when none is.
 */
export function rowOfPath(draft: Extract<FitDraft, { mode: 'flat' }>, path: string): number | null {
  const chosen = draft.rows.flatMap((row, index) => (row.type === 'field' ? [index] : []));
  if (chosen.length === 1) return /^condition($|[.[])/.test(path) ? chosen[0]! : null;
  const match = /^condition\.conditions\[(\d+)\]/.exec(path);
  return match ? (chosen[Number(match[1])] ?? null) : null;
}
