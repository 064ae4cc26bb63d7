import type { DbOrTx } from '../../platform/db/database.js';
import { isIsoDate } from '../../platform/text.js';
import { lifecycleStages, listCustomFields, mappableContactFields } from '../contacts/index.js';
import { listTemplates } from '../messaging/index.js';
import { checkCondition, DefinitionError, isEventRuleCondition, namesOf } from '../segments/index.js';
import { exitsOf, type JourneyGraph, type JourneyNode, type JourneyRules, waitingTypes } from './graph.js';

/** What stops a journey from launching, named by node (null: the journey as a whole) and field. */
export interface Problem {
  nodeId: string | null;
  field: string;
  message: string;
}

const maxNodes = 300;
const timeUnits = new Set(['minutes', 'hours', 'days', 'weeks', 'months']);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The contact fields an update_field action may write (besides custom.<key>); email is identity, not a field to overwrite. */
export const writableFields = mappableContactFields.filter((field) => field !== 'email');

/**
 * Everything wrong with a graph and its rules, each problem on the node it belongs to: an
 * invalid graph (a loop without a wait, a dangling edge, a missing setting, an unknown
 * template) cannot be launched, and the builder shows the message on the node.
 */
export async function problemsOf(db: DbOrTx, workspaceId: string, graph: JourneyGraph, rules: JourneyRules, self?: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (nodeId: string | null, field: string, message: string) => problems.push({ nodeId, field, message });
  if (!Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) return [{ nodeId: null, field: 'graph', message: 'a graph has nodes and edges' }];
  if (graph.nodes.length > maxNodes) add(null, 'graph.nodes', `a journey has at most ${maxNodes} nodes`);

  const nodes = new Map<string, JourneyNode>();
  for (const [index, node] of graph.nodes.entries()) {
    if (!isObject(node) || typeof node.id !== 'string' || !node.id) { add(null, `graph.nodes[${index}].id`, 'every node needs an id'); continue; }
    if (nodes.has(node.id)) add(node.id, 'id', `two nodes are called ${node.id}`);
    nodes.set(node.id, node);
  }
  const triggers = [...nodes.values()].filter((node) => node.type === 'trigger');
  if (triggers.length === 0) add(null, 'graph.nodes', 'a journey starts with a trigger');
  if (triggers.length > 1) for (const extra of triggers.slice(1)) add(extra.id, 'type', 'a journey has one trigger');

  const outgoing = new Map<string, Map<string, string>>();
  for (const [index, edge] of graph.edges.entries()) {
    const from = nodes.get(edge?.from);
    const to = nodes.get(edge?.to);
    if (!from) { add(null, `graph.edges[${index}].from`, `edge ${edge?.id ?? index} starts at no node`); continue; }
    if (!to) { add(from.id, `edges.${edge.handle}`, `the ${edge.handle} exit leads to a node that does not exist`); continue; }
    if (to.type === 'trigger') add(from.id, `edges.${edge.handle}`, 'nothing leads back into the trigger');
    const exits = exitsOf(from);
    if (!exits.includes(edge.handle)) { add(from.id, `edges.${edge.handle}`, `${from.type} has no exit "${edge.handle}" (it has ${exits.join(', ') || 'none'})`); continue; }
    const byHandle = outgoing.get(from.id) ?? new Map<string, string>();
    if (byHandle.has(edge.handle)) add(from.id, `edges.${edge.handle}`, `the ${edge.handle} exit has two edges`);
    byHandle.set(edge.handle, to.id);
    outgoing.set(from.id, byHandle);
  }

  // Everything must be reachable from the trigger, and every loop must pass a wait.
  const start = triggers[0];
  if (start) {
    const reached = new Set<string>([start.id]);
    const queue = [start.id];
    while (queue.length) for (const next of outgoing.get(queue.shift()!)?.values() ?? []) if (!reached.has(next)) { reached.add(next); queue.push(next); }
    for (const node of nodes.values()) if (!reached.has(node.id)) add(node.id, 'edges', 'no path from the trigger reaches this node');
    if (!outgoing.get(start.id)?.size) add(start.id, 'edges.next', 'connect the trigger to the first step');
  }
  const looping = loopWithoutWait(nodes, outgoing);
  if (looping) add(looping, 'edges', 'this node is on a loop with no wait: a contact would go round it forever');

  const names = await namesOf(db, workspaceId);
  const templates = new Set((await listTemplates(db, workspaceId)).map((template) => template.id));
  const checkOne = async (nodeId: string | null, field: string, condition: unknown) => {
    try {
      return await checkCondition(db, workspaceId, condition, field);
    } catch (error) {
      if (error instanceof DefinitionError) { add(nodeId, error.path || field, error.message.replace(/^[^:]*: /, '')); return null; }
      throw error;
    }
  };
  const customFields = new Map((await listCustomFields(db, workspaceId, 'contact')).map((field) => [field.key, field]));
  for (const node of nodes.values()) await checkNode(node, { add, checkOne, names, templates, customFields, self });

  if (rules.goal) await checkOne(null, 'rules.goal', rules.goal);
  if (rules.exitWhen) await checkOne(null, 'rules.exitWhen', rules.exitWhen);
  if (rules.maxInFlight !== null && (!Number.isInteger(rules.maxInFlight) || rules.maxInFlight < 1)) add(null, 'rules.maxInFlight', 'give a whole number of at least 1, or none');
  if (!['never', 'after', 'always'].includes(rules.reentry?.mode)) add(null, 'rules.reentry.mode', 'choose never, after a number of days, or always');
  if (rules.reentry?.mode === 'after' && (!Number.isInteger(rules.reentry.days) || rules.reentry.days < 1)) add(null, 'rules.reentry.days', 'give a whole number of days');
  return problems;
}

interface NodeChecks {
  add: (nodeId: string | null, field: string, message: string) => void;
  checkOne: (nodeId: string | null, field: string, condition: unknown) => Promise<unknown>;
  names: Awaited<ReturnType<typeof namesOf>>;
  templates: Set<string>;
  customFields: Map<string, { type: string }>;
  self?: string;
}

async function checkNode(node: JourneyNode, { add, checkOne, names, templates, customFields, self }: NodeChecks): Promise<void> {
  const at = (field: string, message: string) => add(node.id, field, message);
  const amount = (value: { amount?: unknown; unit?: unknown } | undefined, field: string) => {
    if (!isObject(value) || typeof value.amount !== 'number' || !(value.amount > 0) || !timeUnits.has(String(value.unit))) at(field, 'give an amount above 0 and a unit (minutes, hours, days, weeks, months)');
  };
  const eventCondition = async (condition: unknown, field: string) => {
    if (!isObject(condition)) return at(field, 'choose the event');
    const checked = await checkOne(node.id, field, condition) as { condition: Parameters<typeof isEventRuleCondition>[0] } | null;
    if (checked && !isEventRuleCondition(checked.condition)) at(field, 'choose an event, an email engagement or a form');
  };
  switch (node.type) {
    case 'trigger': {
      const trigger = node.trigger;
      if (!isObject(trigger)) return at('trigger', 'choose what enrols contacts');
      switch (trigger.kind) {
        case 'segment_entered': case 'segment_exited':
          if (!names.segments.has(trigger.segmentId)) at('trigger.segmentId', 'choose a segment');
          return;
        case 'event': return eventCondition(trigger.condition, 'trigger.condition');
        case 'stage_changed':
          if (!lifecycleStages.includes(trigger.to as never)) at('trigger.to', 'choose the stage reached');
          if (trigger.from && !lifecycleStages.includes(trigger.from as never)) at('trigger.from', 'choose a stage or none');
          return;
        case 'score_crossed':
          if (!['fit', 'engagement'].includes(trigger.score)) at('trigger.score', 'choose fit or engagement');
          if (typeof trigger.threshold !== 'number') at('trigger.threshold', 'give the threshold');
          return;
        case 'date_field': {
          const key = String(trigger.field ?? '').replace(/^custom\./, '');
          if (customFields.get(key)?.type !== 'date') at('trigger.field', 'choose a date field');
          if (!Number.isInteger(trigger.offsetDays)) at('trigger.offsetDays', 'give a whole number of days (negative: before)');
          if (trigger.hour !== undefined && !(Number.isInteger(trigger.hour) && trigger.hour >= 0 && trigger.hour <= 23)) at('trigger.hour', 'give an hour from 0 to 23');
          return;
        }
        case 'manual': return;
        default: return at('trigger.kind', 'choose what enrols contacts');
      }
    }
    case 'wait': return amount(node.duration, 'duration');
    case 'wait_until':
      if ('at' in node) {
        if (typeof node.at !== 'string' || !isIsoDate(node.at.slice(0, 10)) || Number.isNaN(Date.parse(node.at))) at('at', 'give a date and time');
      } else {
        if (!Array.isArray(node.weekdays) || !node.weekdays.length || node.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) at('weekdays', 'choose at least one weekday');
        if (!Number.isInteger(node.hour) || node.hour < 0 || node.hour > 23) at('hour', 'give an hour from 0 to 23');
      }
      return;
    case 'wait_event':
      await eventCondition(node.condition, 'condition');
      return amount(node.timeout, 'timeout');
    case 'branch':
      if (!isObject(node.condition)) return at('condition', 'give the condition');
      await checkOne(node.id, 'condition', node.condition);
      return;
    case 'split': {
      if (!Array.isArray(node.branches) || !node.branches.length) return at('branches', 'add at least one branch');
      const keys = new Set<string>();
      for (const [index, branch] of node.branches.entries()) {
        if (!branch.key || keys.has(branch.key) || branch.key === 'else') at(`branches[${index}].key`, 'each branch needs its own key (not "else")');
        keys.add(branch.key);
        if (!isObject(branch.condition)) at(`branches[${index}].condition`, 'give the condition');
        else await checkOne(node.id, `branches[${index}].condition`, branch.condition);
      }
      return;
    }
    case 'random': {
      if (!Array.isArray(node.arms) || node.arms.length < 1) return at('arms', 'add at least one arm');
      const keys = new Set<string>();
      let total = 0;
      for (const [index, arm] of node.arms.entries()) {
        if (!arm.key || keys.has(arm.key) || arm.key === 'holdout') at(`arms[${index}].key`, 'each arm needs its own key (not "holdout")');
        keys.add(arm.key);
        if (typeof arm.percent !== 'number' || arm.percent <= 0) at(`arms[${index}].percent`, 'give a percentage above 0');
        total += Number(arm.percent) || 0;
      }
      if (total > 100) at('arms', `the arms add up to ${total}%; at most 100%`);
      return;
    }
    case 'send_email':
      if (!node.templateId) return at('templateId', 'choose a template');
      if (!templates.has(node.templateId)) at('templateId', 'this template does not exist (or was archived)');
      return;
    case 'update_field': {
      const field = String(node.field ?? '');
      if (field.startsWith('custom.')) { if (!customFields.has(field.slice(7))) at('field', `${field} is not a contact field`); } else if (!writableFields.includes(field)) at('field', 'choose a contact field');
      return;
    }
    case 'tag': if (typeof node.tag !== 'string' || !node.tag.trim()) at('tag', 'give the tag'); return;
    case 'list': if (!names.lists.has(node.listId)) at('listId', 'choose a list'); return;
    case 'set_stage': if (!lifecycleStages.includes(node.stage as never)) at('stage', 'choose a stage'); return;
    case 'add_score': if (typeof node.points !== 'number' || !Number.isFinite(node.points) || node.points === 0) at('points', 'give the points (negative to take away)'); return;
    case 'assign_owner': if (!names.users.has(node.userId)) at('userId', 'choose a member of the workspace'); return;
    case 'route_to_sales': return;
    case 'create_task':
      if (typeof node.title !== 'string' || !node.title.trim()) at('title', 'give the task a title');
      if (node.dueInDays !== undefined && !(Number.isInteger(node.dueInDays) && node.dueInDays >= 0)) at('dueInDays', 'give a whole number of days');
      return;
    case 'notify':
      if (node.userId !== null && !names.users.has(node.userId)) at('userId', 'choose a member, or the contact owner');
      if (typeof node.message !== 'string' || !node.message.trim()) at('message', 'write the message');
      return;
    case 'webhook':
      if (typeof node.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(node.url)) at('url', 'give an http(s) URL');
      return;
    case 'enrol':
      if (!node.journeyId) at('journeyId', 'choose a journey');
      else if (node.journeyId === self) at('journeyId', 'a journey cannot enrol into itself');
      return;
    case 'exit': return;
    default: at('type', `unknown node type ${(node as { type: string }).type}`);
  }
}

/** A node on a cycle made only of nodes that do not wait, or null. */
function loopWithoutWait(nodes: Map<string, JourneyNode>, outgoing: Map<string, Map<string, string>>): string | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): string | null => {
    state.set(id, 'visiting');
    for (const next of outgoing.get(id)?.values() ?? []) {
      if (waitingTypes.has(nodes.get(next)!.type)) continue;
      if (state.get(next) === 'visiting') return next;
      if (!state.has(next)) { const found = visit(next); if (found) return found; }
    }
    state.set(id, 'done');
    return null;
  };
  for (const node of nodes.values()) {
    if (!state.has(node.id) && !waitingTypes.has(node.type)) { const found = visit(node.id); if (found) return found; }
  }
  return null;
}
