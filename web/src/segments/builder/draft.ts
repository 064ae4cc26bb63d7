import type { Condition, Definition, Leaf } from '../types';

// The builder edits a draft of a definition rather than the definition itself, for two reasons:
// a row whose kind is not chosen yet has no place in the condition language, and a NOT is a
// switch on a group on screen, where the language wraps the group in a `not` node.

/** A condition row whose kind is not chosen yet; it is left out of what is sent. */
export interface PendingRow { type: 'pending' }

export type DraftLeaf = Leaf | PendingRow;

export interface DraftGroup {
  type: 'and' | 'or';
  /** Sent as `{ type: 'not', condition: group }`. */
  negated: boolean;
  conditions: DraftNode[];
}

export type DraftNode = DraftGroup | DraftLeaf;

export function isGroup(node: DraftNode): node is DraftGroup {
  return node.type === 'and' || node.type === 'or';
}

/** A new group: one row waiting for its kind. */
export function newGroup(): DraftGroup {
  return { type: 'and', negated: false, conditions: [{ type: 'pending' }] };
}

/** A new definition's draft, a group like any other. */
export const emptyDraft = newGroup;

function toDraftNode(condition: Condition): DraftNode {
  if (condition.type === 'and' || condition.type === 'or') {
    return { type: condition.type, negated: false, conditions: condition.conditions.map(toDraftNode) };
  }
  if (condition.type === 'not') {
    const inner = toDraftNode(condition.condition);
    // NOT around a single condition is shown as a NOT group holding it.
    return isGroup(inner) && !inner.negated ? { ...inner, negated: true } : { type: 'and', negated: true, conditions: [inner] };
  }
  return condition;
}

/** The draft of a saved definition; the root is always a plain group, as the builder shows it. */
export function toDraft(definition: Definition): DraftGroup {
  const root = toDraftNode(definition.match);
  return isGroup(root) && !root.negated ? root : { type: 'and', negated: false, conditions: [root] };
}

function toCondition(group: DraftGroup): Condition {
  const conditions = group.conditions.flatMap((node): Condition[] =>
    node.type === 'pending' ? [] : isGroup(node) ? [toCondition(node)] : [node],
  );
  const plain: Condition = { type: group.type, conditions };
  return group.negated ? { type: 'not', condition: plain } : plain;
}

/** What is sent to the server: the draft without its unchosen rows. */
export function toDefinition(root: DraftGroup): Definition {
  return { version: 1, match: toCondition(root) };
}

// ── Where the server's paths point ───────────────────────────────────────────────────

/** The path of a group's `conditions` in the definition as sent (inside its `not` when negated). */
export function groupConditionsPath(group: DraftGroup, path: string): string {
  return group.negated ? `${path}.condition` : path;
}

/**
 * The paths of a group's children in the definition as sent: unchosen rows are left out,
 * so they shift the indices of the rows after them. Unchosen rows get no path.
 */
export function childPaths(group: DraftGroup, path: string): (string | null)[] {
  const base = groupConditionsPath(group, path);
  let index = 0;
  return group.conditions.map((node) => (node.type === 'pending' ? null : `${base}.conditions[${index++}]`));
}

/** `definition.match.conditions[1].operator` → `match.conditions[1].operator`. */
export function definitionPath(field: string | undefined): string | null {
  if (!field) return null;
  return field.startsWith('definition.') ? field.slice('definition.'.length) : field === 'definition' ? '' : null;
}

/** Whether `issuePath` points at the node at `nodePath` or inside it. */
export function isWithin(issuePath: string, nodePath: string): boolean {
  if (!issuePath.startsWith(nodePath)) return false;
  const next = issuePath.charAt(nodePath.length);
  return next === '' || next === '.' || next === '[';
}

/**
 * Whether an issue is about the group itself (its type, its size) rather than one of its
 * conditions, which show their own.
 */
export function isAboutGroup(issuePath: string, group: DraftGroup, path: string): boolean {
  if (!isWithin(issuePath, path)) return false;
  const conditions = `${groupConditionsPath(group, path)}.conditions[`;
  return !issuePath.startsWith(conditions);
}
