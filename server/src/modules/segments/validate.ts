import { isIsoDate } from '../../platform/text.js';
import type { Catalog } from './catalog.js';
import {
  asEventCondition, type Condition, type CountOperator, countOperators, type EmailCondition, type FormCondition, type Dependencies, definitionVersion, type EventMatch, type EventWindow, operatorsByType, propertyOperators,
  type SegmentDefinition, timeUnits,
} from './definition.js';

/** What a definition may refer to besides fields: the workspace's segments (with what they use) and lists. */
export interface References {
  catalog: Catalog;
  /** Segment id → the segments its definition uses (for cycles). */
  segments: Map<string, string[]>;
  lists: Set<string>;
  /** The segment being saved (it may not use itself, directly or not). */
  self?: string;
}

export class DefinitionError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

export interface Checked {
  definition: SegmentDefinition;
  dependencies: Dependencies;
  /** References that no longer resolve (an archived field, a deleted segment): flag, do not break. */
  problems: { path: string; message: string }[];
}

const maxNodes = 200;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is string => typeof value === 'string' && (isIsoDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)));

/**
 * Checks a definition as sent (unknown JSON) and returns it typed, with its dependencies.
 * Structural mistakes throw a DefinitionError naming the node's path; references that used
 * to resolve (`lenient`, for saved segments) are returned as problems instead.
 */
export function checkDefinition(input: unknown, refs: References, options: { lenient?: boolean; path?: string; matchPath?: string } = {}): Checked {
  const root = options.path ?? 'definition';
  const dependencies: Dependencies = { fields: [], events: [], segments: [], lists: [], time: false };
  const problems: Checked['problems'] = [];
  let nodes = 0;

  const fail = (path: string, message: string): never => {
    throw new DefinitionError(path, message);
  };
  /** A reference that is gone: refused when saving, flagged on a saved segment. */
  const missing = (path: string, message: string) => {
    if (!options.lenient) fail(path, message);
    problems.push({ path, message });
  };
  const addField = (feed: string) => {
    if (!dependencies.fields.includes(feed)) dependencies.fields.push(feed);
  };

  const checkWindow = (path: string, window: unknown): EventWindow => {
    if (window === undefined) return { type: 'ever' };
    if (!isObject(window)) return fail(path, 'must be an object');
    if (window.type === 'ever') return { type: 'ever' };
    if (window.type === 'last') {
      dependencies.time = true;
      return { type: 'last', ...checkAmount(path, window) };
    }
    if (window.type === 'between') {
      if (!isTime(window.from)) fail(`${path}.from`, 'must be an ISO date or time');
      if (!isTime(window.to)) fail(`${path}.to`, 'must be an ISO date or time');
      if (Date.parse(window.from as string) >= Date.parse(window.to as string)) fail(path, '"from" must be before "to"');
      return { type: 'between', from: window.from as string, to: window.to as string };
    }
    return fail(`${path}.type`, 'must be "ever", "last" or "between"');
  };

  const checkAmount = (path: string, value: Record<string, unknown>) => {
    if (!Number.isInteger(value.amount) || (value.amount as number) < 1 || (value.amount as number) > 100_000) fail(`${path}.amount`, 'must be a whole number from 1');
    if (!timeUnits.includes(value.unit as never)) fail(`${path}.unit`, `must be one of ${timeUnits.join(', ')}`);
    return { amount: value.amount as number, unit: value.unit as (typeof timeUnits)[number] };
  };

  const checkEvent = (path: string, event: unknown): EventMatch => {
    if (!isObject(event)) return fail(path, 'must be an object: { kind: "page", path } or { kind: "track", name } or { kind: "any" }');
    let match: EventMatch;
    if (event.kind === 'page') {
      if (typeof event.path !== 'string' || !event.path || event.path.length > 500) fail(`${path}.path`, 'must be a page path such as /pricing');
      const how = event.match ?? 'equals';
      if (!['equals', 'starts_with', 'contains'].includes(how as string)) fail(`${path}.match`, 'must be equals, starts_with or contains');
      match = { kind: 'page', path: event.path as string, match: how as 'equals' };
    } else if (event.kind === 'track') {
      if (typeof event.name !== 'string' || !event.name || event.name.length > 200) fail(`${path}.name`, 'must be the event name');
      match = { kind: 'track', name: event.name as string };
    } else if (event.kind === 'any') {
      match = { kind: 'any' };
    } else {
      return fail(`${path}.kind`, 'must be "page", "track" or "any"');
    }
    if (!dependencies.events.some((known) => JSON.stringify(known) === JSON.stringify(match))) dependencies.events.push(match);
    return match;
  };

  const checkFilters = (path: string, filters: unknown) => {
    if (filters === undefined) return [];
    if (!Array.isArray(filters) || filters.length > 20) return fail(path, 'must be a list of at most 20 property filters');
    return filters.map((filter, i) => {
      const at = `${path}[${i}]`;
      if (!isObject(filter)) return fail(at, 'must be an object');
      if (typeof filter.property !== 'string' || !/^[\w.$-]{1,100}$/.test(filter.property)) fail(`${at}.property`, 'must be a property name');
      if (!propertyOperators.includes(filter.operator as never)) fail(`${at}.operator`, `must be one of ${propertyOperators.join(', ')}`);
      const needsValue = filter.operator !== 'is_set' && filter.operator !== 'is_not_set';
      const numeric = ['gt', 'gte', 'lt', 'lte'].includes(filter.operator as string);
      if (needsValue && numeric && typeof filter.value !== 'number') fail(`${at}.value`, 'must be a number');
      if (needsValue && !numeric && !['string', 'number', 'boolean'].includes(typeof filter.value)) fail(`${at}.value`, 'must be a text, number or boolean');
      return { property: filter.property as string, operator: filter.operator as never, ...(needsValue ? { value: filter.value } : {}) };
    });
  };

  const checkFieldValue = (path: string, type: string, operator: string, value: unknown, options?: { value: string }[]) => {
    const texts = (v: unknown) => Array.isArray(v) && v.length > 0 && v.length <= 1000 && v.every((item) => typeof item === 'string');
    // Users are named by id; the catalog used for checking does not list them.
    const inOptions = (v: string) => (type === 'user' ? uuidPattern.test(v) : !options || options.some((option) => option.value === v));
    switch (operator) {
      case 'is_set': case 'is_not_set': case 'is_true': case 'is_false': case 'is_empty': case 'is_not_empty':
        return undefined;
      case 'in': case 'not_in': case 'includes_any': case 'includes_all':
        if (!texts(value)) fail(`${path}.value`, 'must be a list of values');
        for (const item of value as string[]) if (!inOptions(item)) fail(`${path}.value`, type === 'user' ? 'must be user ids' : `"${item}" is not one of the field's options`);
        return value;
      case 'between':
        if (!Array.isArray(value) || value.length !== 2) return fail(`${path}.value`, 'must be [low, high]');
        if (type === 'number' && !value.every((v) => typeof v === 'number')) fail(`${path}.value`, 'must be two numbers');
        if (type === 'date' && !value.every(isTime)) fail(`${path}.value`, 'must be two ISO dates');
        return value;
      case 'in_last': case 'not_in_last': case 'in_next':
        if (!isObject(value)) return fail(`${path}.value`, 'must be { amount, unit }');
        dependencies.time = true;
        return checkAmount(`${path}.value`, value);
      case 'before': case 'after':
        if (!isTime(value)) fail(`${path}.value`, 'must be an ISO date or time');
        return value;
      case 'gt': case 'gte': case 'lt': case 'lte':
        if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path}.value`, 'must be a number');
        return value;
      default:
        if (type === 'number') {
          if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${path}.value`, 'must be a number');
        } else if (typeof value !== 'string' || !value || value.length > 1000) {
          fail(`${path}.value`, 'must be a non-empty text');
        } else if ((type === 'user' || ((type === 'select' || type === 'stage') && options?.length)) && !inOptions(value)) {
          fail(`${path}.value`, type === 'user' ? 'must be a user id' : `"${value}" is not one of the field's options`);
        }
        return value;
    }
  };

  const usesSegment = (from: string, target: string, seen = new Set<string>()): boolean => {
    if (from === target) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return (refs.segments.get(from) ?? []).some((next) => usesSegment(next, target, seen));
  };

  const check = (path: string, node: unknown): Condition => {
    if (++nodes > maxNodes) fail(path, `a definition has at most ${maxNodes} conditions`);
    if (!isObject(node)) return fail(path, 'must be a condition object');
    switch (node.type) {
      case 'and': case 'or':
        if (!Array.isArray(node.conditions)) return fail(`${path}.conditions`, 'must be a list of conditions');
        return { type: node.type, conditions: node.conditions.map((child, i) => check(`${path}.conditions[${i}]`, child)) };
      case 'not':
        return { type: 'not', condition: check(`${path}.condition`, node.condition) };
      case 'field': {
        if (typeof node.field !== 'string') return fail(`${path}.field`, 'must name a field');
        const spec = refs.catalog.fields.get(node.field);
        if (!spec) {
          if (refs.catalog.archived.has(node.field)) {
            missing(`${path}.field`, `the custom field "${node.field}" has been archived`);
            return { type: 'field', field: node.field, operator: node.operator as never, value: node.value };
          }
          return fail(`${path}.field`, `"${node.field}" is not a field of this workspace`);
        }
        const allowed: readonly string[] = operatorsByType[spec.type];
        if (!allowed.includes(node.operator as string)) {
          fail(`${path}.operator`, `"${String(node.operator)}" does not apply to ${spec.type} field "${spec.key}" (use ${allowed.join(', ')})`);
        }
        for (const feed of [spec.feed].flat()) addField(feed);
        const value = checkFieldValue(path, spec.type, node.operator as string, node.value, spec.options);
        return { type: 'field', field: spec.key, operator: node.operator as never, ...(value !== undefined ? { value } : {}) };
      }
      case 'event': {
        const count = node.count;
        if (count !== undefined) {
          if (!isObject(count)) return fail(`${path}.count`, 'must be { operator, value }');
          if (!countOperators.includes(count.operator as never)) fail(`${path}.count.operator`, `must be one of ${countOperators.join(', ')}`);
          if (!Number.isInteger(count.value) || (count.value as number) < 0) fail(`${path}.count.value`, 'must be a whole number from 0');
        }
        return {
          type: 'event', event: checkEvent(`${path}.event`, node.event), filters: checkFilters(`${path}.filters`, node.filters),
          window: checkWindow(`${path}.window`, node.window),
          ...(count ? { count: { operator: count.operator as CountOperator, value: count.value as number } } : {}),
        };
      }
      case 'event_time': {
        if (node.which !== 'first' && node.which !== 'last') fail(`${path}.which`, 'must be "first" or "last"');
        const allowed: readonly string[] = operatorsByType.date;
        if (!allowed.includes(node.operator as string)) fail(`${path}.operator`, `must be one of ${allowed.join(', ')}`);
        const value = checkFieldValue(path, 'date', node.operator as string, node.value);
        return {
          type: 'event_time', event: checkEvent(`${path}.event`, node.event), filters: checkFilters(`${path}.filters`, node.filters),
          which: node.which as 'first', operator: node.operator as never, ...(value !== undefined ? { value } : {}),
        };
      }
      case 'email': {
        if (node.action !== 'opened' && node.action !== 'clicked') fail(`${path}.action`, 'must be "opened" or "clicked"');
        if (node.emailId !== undefined && (typeof node.emailId !== 'string' || !node.emailId)) fail(`${path}.emailId`, 'must be an email id');
        const condition: EmailCondition = {
          type: 'email', action: node.action as 'opened', window: checkWindow(`${path}.window`, node.window), ...(node.emailId ? { emailId: node.emailId as string } : {}),
        };
        checkEvent(path, asEventCondition(condition).event);
        return condition;
      }
      case 'form': {
        if (node.formId !== undefined && (typeof node.formId !== 'string' || !node.formId)) fail(`${path}.formId`, 'must be a form id');
        const condition: FormCondition = { type: 'form', window: checkWindow(`${path}.window`, node.window), ...(node.formId ? { formId: node.formId as string } : {}) };
        checkEvent(path, asEventCondition(condition).event);
        return condition;
      }
      case 'segment': case 'list': {
        const key = node.type === 'segment' ? 'segmentId' : 'listId';
        const id = node[key];
        if (typeof id !== 'string') return fail(`${path}.${key}`, `must be a ${node.type} id`);
        if (node.operator !== 'in' && node.operator !== 'not_in') fail(`${path}.operator`, 'must be "in" or "not_in"');
        if (node.type === 'segment') {
          if (!refs.segments.has(id)) missing(`${path}.segmentId`, 'no such segment (it may have been deleted)');
          else if (refs.self && usesSegment(id, refs.self)) fail(`${path}.segmentId`, 'this would make segments depend on each other in a cycle');
          if (!dependencies.segments.includes(id)) dependencies.segments.push(id);
        } else {
          if (!refs.lists.has(id)) missing(`${path}.listId`, 'no such list (it may have been deleted)');
          if (!dependencies.lists.includes(id)) dependencies.lists.push(id);
        }
        return { type: node.type, [key]: id, operator: node.operator as 'in' };
      }
      case 'bucket': {
        const inRange = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 99;
        if (!inRange(node.from)) fail(`${path}.from`, 'must be a bucket from 0 to 99');
        if (!inRange(node.to) || (node.to as number) < (node.from as number)) fail(`${path}.to`, 'must be a bucket from "from" to 99');
        if (node.seed !== undefined && (typeof node.seed !== 'string' || node.seed.length > 100)) fail(`${path}.seed`, 'must be a short text');
        return { type: 'bucket', from: node.from as number, to: node.to as number, ...(node.seed ? { seed: node.seed as string } : {}) };
      }
      default:
        return fail(`${path}.type`, `"${String(node.type)}" is not a condition type`);
    }
  };

  if (!isObject(input)) fail(root, 'must be an object { version: 1, match: {...} }');
  const definition = input as Record<string, unknown>;
  if (definition.version !== definitionVersion) fail(`${root}.version`, `must be ${definitionVersion}`);
  const match = check(options.matchPath ?? `${root}.match`, definition.match);
  return { definition: { version: definitionVersion, match }, dependencies, problems };
}
