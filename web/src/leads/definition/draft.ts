import { isApiError } from '../../api/client';
import type { DefinitionIssue } from '../../segments/builder/BuilderContext';
import { emptyDraft, isGroup, toDefinition, toDraft, type DraftGroup } from '../../segments/builder/draft';
import type { Condition } from '../../segments/types';
import type { DefinitionInput, LeadDefinition } from '../types';

// The editor keeps each condition (the required ones, each routing rule's) as a draft of the
// segment builder, and turns it back into one condition of the language when it saves.

export interface RuleDraft {
  /** Stable across reordering, for React. */
  key: number;
  name: string;
  teamId: string | null;
  condition: DraftGroup;
}

export interface EditorState {
  fitMin: number | string;
  engagementMin: number | string;
  requireConditions: boolean;
  conditions: DraftGroup;
  slaHours: number | string;
  accountOwnerFirst: boolean;
  rules: RuleDraft[];
  fallbackTeamId: string | null;
  notes: string;
}

let nextKey = 1;
export const ruleKey = () => nextKey++;

const draftOf = (condition: Condition | null) => (condition ? toDraft({ version: 1, match: condition }) : emptyDraft());

/** The editor's state for a new draft, copied from a version (typically the live one) or blank. */
export function initialState(from: LeadDefinition | undefined): EditorState {
  if (!from) {
    return {
      fitMin: 20,
      engagementMin: 30,
      requireConditions: false,
      conditions: emptyDraft(),
      slaHours: 48,
      accountOwnerFirst: true,
      rules: [],
      fallbackTeamId: null,
      notes: '',
    };
  }
  return {
    fitMin: from.criteria.fitMin,
    engagementMin: from.criteria.engagementMin,
    requireConditions: from.criteria.conditions !== null,
    conditions: draftOf(from.criteria.conditions),
    slaHours: from.slaHours,
    accountOwnerFirst: from.routing.accountOwnerFirst,
    rules: from.routing.rules.map((rule) => ({ key: ruleKey(), name: rule.name, teamId: rule.teamId, condition: draftOf(rule.condition) })),
    fallbackTeamId: from.routing.fallbackTeamId,
    notes: from.notes ?? '',
  };
}

/** Whether a draft has any chosen condition in it (a row whose kind is still open does not count). */
export function hasConditions(group: DraftGroup): boolean {
  return group.conditions.some((node) => (isGroup(node) ? hasConditions(node) : node.type !== 'pending'));
}

const toCondition = (group: DraftGroup): Condition => toDefinition(group).match;

/** What is sent; numbers are checked by `problems` first. */
export function toInput(state: EditorState): DefinitionInput {
  return {
    criteria: {
      fitMin: Number(state.fitMin),
      engagementMin: Number(state.engagementMin),
      conditions: state.requireConditions && hasConditions(state.conditions) ? toCondition(state.conditions) : null,
    },
    slaHours: Number(state.slaHours),
    routing: {
      accountOwnerFirst: state.accountOwnerFirst,
      rules: state.rules.map((rule) => ({ name: rule.name.trim(), condition: toCondition(rule.condition), teamId: rule.teamId ?? '' })),
      fallbackTeamId: state.fallbackTeamId,
    },
    notes: state.notes.trim() || null,
  };
}

/** What the person must fix before saving, by the field the server would name. */
export function problems(state: EditorState): Record<string, string> {
  const found: Record<string, string> = {};
  const number = (value: number | string) => (typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value));
  if (!Number.isFinite(number(state.fitMin))) found['criteria.fitMin'] = 'Enter the least fit score, 0 for any';
  if (!Number.isFinite(number(state.engagementMin))) found['criteria.engagementMin'] = 'Enter the least engagement score, 0 for any';
  const sla = number(state.slaHours);
  if (!Number.isInteger(sla) || sla < 1 || sla > 720) found.slaHours = 'Between 1 and 720 hours';
  state.rules.forEach((rule, index) => {
    if (!rule.name.trim()) found[`routing.rules[${index}].name`] = 'Name the rule, e.g. the territory';
    if (!rule.teamId) found[`routing.rules[${index}].teamId`] = 'Choose the team that gets these leads';
  });
  return found;
}

/** `routing.rules.0.name` (a schema error) → `routing.rules[0].name`, as the other errors say it. */
export function normalizeField(field: string | undefined): string | undefined {
  return field?.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

/** The server's 400 about a condition, placed on the builder whose condition sits at `prefix`. */
export function issuesAt(error: unknown, prefix: string): DefinitionIssue[] {
  if (!isApiError(error, 400)) return [];
  const field = normalizeField(error.field);
  if (!field || !(field === prefix || field.startsWith(`${prefix}.`))) return [];
  const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(`${error.field}: `.length) : error.message;
  return [{ path: `match${field.slice(prefix.length)}`, message, severity: 'error' }];
}
