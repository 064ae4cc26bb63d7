import type { RawBuilder } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { compileCondition, eventsWhere } from './compile.js';
import { asEventCondition, type Condition, type Dependencies, definitionVersion, type EventCondition } from './definition.js';
import { describe } from './explain.js';
import { loadWorkspace } from './membership.js';
import { namesOf } from './segments.js';
import { checkDefinition } from './validate.js';

/**
 * The segment condition language for other modules: scoring's fit rules and the lead
 * definition's required conditions are written, checked, compiled and described exactly
 * as a segment's are.
 */
export interface CheckedCondition {
  condition: Condition;
  dependencies: Dependencies;
}

/** Checks a condition as sent; a mistake is a DefinitionError naming `path` and the node. */
export async function checkCondition(db: DbOrTx, workspaceId: string, input: unknown, path: string): Promise<CheckedCondition> {
  const { refs } = await loadWorkspace(db, workspaceId);
  const checked = checkDefinition({ version: definitionVersion, match: input }, refs, { matchPath: path });
  return { condition: checked.definition.match, dependencies: checked.dependencies };
}

/**
 * Compiles conditions to predicates over `contacts c` (joined to nothing else), for the
 * contacts in `scope` or everyone. The catalog is read once for all of them.
 */
export async function contactPredicates(
  db: DbOrTx, workspaceId: string, now: Date, conditions: Condition[], scope?: string[] | null,
): Promise<RawBuilder<boolean>[]> {
  if (!conditions.length) return [];
  const { refs } = await loadWorkspace(db, workspaceId);
  return conditions.map((condition) => compileCondition(condition, { workspaceId, now, catalog: refs.catalog, scope }));
}

/** The event conditions (event performed, email engagement, form submitted) a single event can satisfy. */
export type EventRuleCondition = Extract<Condition, { type: 'event' | 'email' | 'form' }>;

export function isEventRuleCondition(condition: Condition): condition is EventRuleCondition {
  return condition.type === 'event' || condition.type === 'email' || condition.type === 'form';
}

/** Whether one event matches: a predicate over `events e` that ignores count and window. */
export function eventPredicate(workspaceId: string, condition: EventRuleCondition): RawBuilder<boolean> {
  const event: EventCondition = condition.type === 'event' ? condition : asEventCondition(condition);
  return eventsWhere({ event: event.event, filters: event.filters }, { workspaceId, now: new Date(0), catalog: { fields: new Map(), archived: new Set() } });
}

/** A sentence for a condition ("Country is FI"), as explain writes it. */
export async function describeConditions(db: DbOrTx, workspaceId: string, conditions: Condition[]): Promise<string[]> {
  if (!conditions.length) return [];
  const [{ refs }, names] = await Promise.all([loadWorkspace(db, workspaceId), namesOf(db, workspaceId)]);
  return conditions.map((condition) => describe(condition, refs.catalog, names));
}
