import { describeCondition, type Names } from '../segments/describe';
import type { Catalog, Condition } from '../segments/types';

/**
 * A rule's condition in words: "Job title contains VP", "Viewed page /pricing",
 * "Country is FI and Employees is at least 200". Nested groups are put in brackets.
 */
export function describeRule(condition: Condition, catalog: Catalog | undefined): string {
  const names: Names = { catalog, segments: new Map(), lists: new Map() };
  const describe = (node: Condition, nested: boolean): string => {
    switch (node.type) {
      case 'and':
      case 'or': {
        if (node.conditions.length === 0) return node.type === 'and' ? 'Everyone' : 'No one';
        const text = node.conditions.map((child) => describe(child, true)).join(node.type === 'and' ? ' and ' : ' or ');
        return nested && node.conditions.length > 1 ? `(${text})` : text;
      }
      case 'not':
        return `not ${describe(node.condition, true)}`;
      default:
        return describeCondition(node, names);
    }
  };
  return describe(condition, false);
}
