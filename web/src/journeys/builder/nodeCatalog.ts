import {
  IconArrowsSplit,
  IconBell,
  IconBolt,
  IconBrandStripe,
  IconCalendarTime,
  IconChecklist,
  IconClockHour4,
  IconDice5,
  IconDoorExit,
  IconEdit,
  IconGitBranch,
  IconHandClick,
  IconListDetails,
  IconMail,
  IconPlus,
  IconRoute,
  IconStairsUp,
  IconTag,
  IconUserShare,
  IconUserStar,
  IconWebhook,
  type Icon,
} from '@tabler/icons-react';
import type { NodeConfig, NodeType } from '../types';

export type NodeGroup = 'Trigger' | 'Timing' | 'Logic' | 'Actions';

export interface NodeKind {
  type: NodeType;
  label: string;
  group: NodeGroup;
  icon: Icon;
  /** A Mantine colour: the node's accent. */
  color: string;
  /** One line for the palette. */
  hint: string;
  create: () => NodeConfig;
}

/** Every step a journey can have, in palette order. */
export const NODE_KINDS: readonly NodeKind[] = [
  {
    type: 'trigger', label: 'Trigger', group: 'Trigger', icon: IconBolt, color: 'violet', hint: 'What enrols a contact',
    create: () => ({ type: 'trigger', trigger: { kind: 'event', condition: { type: 'form' } } }),
  },
  {
    type: 'wait', label: 'Wait', group: 'Timing', icon: IconClockHour4, color: 'yellow', hint: 'For a duration',
    create: () => ({ type: 'wait', duration: { amount: 1, unit: 'days' } }),
  },
  {
    type: 'wait_until', label: 'Wait until', group: 'Timing', icon: IconCalendarTime, color: 'yellow', hint: 'A weekday and hour, or a date',
    create: () => ({ type: 'wait_until', weekdays: [1, 2, 3, 4, 5], hour: 9 }),
  },
  {
    type: 'wait_event', label: 'Wait for event', group: 'Timing', icon: IconHandClick, color: 'yellow', hint: 'Until it happens, or a timeout',
    create: () => ({ type: 'wait_event', condition: { type: 'email', action: 'opened' }, timeout: { amount: 3, unit: 'days' } }),
  },
  {
    type: 'branch', label: 'Branch', group: 'Logic', icon: IconGitBranch, color: 'cyan', hint: 'Yes or no on a condition',
    create: () => ({ type: 'branch', condition: { type: 'and', conditions: [] } }),
  },
  {
    type: 'split', label: 'Split', group: 'Logic', icon: IconArrowsSplit, color: 'cyan', hint: 'Several paths by condition',
    create: () => ({
      type: 'split',
      branches: [
        { key: 'a', label: 'Path A', condition: { type: 'and', conditions: [] } },
        { key: 'b', label: 'Path B', condition: { type: 'and', conditions: [] } },
      ],
    }),
  },
  {
    type: 'random', label: 'Random split', group: 'Logic', icon: IconDice5, color: 'cyan', hint: 'A/B test with a hold-out',
    create: () => ({
      type: 'random',
      arms: [
        { key: 'a', label: 'Variant A', percent: 45 },
        { key: 'b', label: 'Variant B', percent: 45 },
      ],
    }),
  },
  { type: 'send_email', label: 'Send email', group: 'Actions', icon: IconMail, color: 'indigo', hint: 'A template', create: () => ({ type: 'send_email', templateId: '' }) },
  { type: 'update_field', label: 'Update field', group: 'Actions', icon: IconEdit, color: 'blue', hint: 'Set a contact field', create: () => ({ type: 'update_field', field: '', value: '' }) },
  { type: 'tag', label: 'Tag', group: 'Actions', icon: IconTag, color: 'blue', hint: 'Add or remove a tag', create: () => ({ type: 'tag', action: 'add', tag: '' }) },
  { type: 'list', label: 'List', group: 'Actions', icon: IconListDetails, color: 'blue', hint: 'Add to or remove from a list', create: () => ({ type: 'list', action: 'add', listId: '' }) },
  { type: 'set_stage', label: 'Set stage', group: 'Actions', icon: IconStairsUp, color: 'blue', hint: 'Lifecycle stage', create: () => ({ type: 'set_stage', stage: '' }) },
  { type: 'add_score', label: 'Add score', group: 'Actions', icon: IconPlus, color: 'blue', hint: 'Engagement points', create: () => ({ type: 'add_score', points: 10 }) },
  { type: 'assign_owner', label: 'Assign owner', group: 'Actions', icon: IconUserStar, color: 'green', hint: 'A user owns the contact', create: () => ({ type: 'assign_owner', userId: '' }) },
  { type: 'route_to_sales', label: 'Route to sales', group: 'Actions', icon: IconUserShare, color: 'green', hint: 'Hand over as a lead', create: () => ({ type: 'route_to_sales' }) },
  { type: 'create_task', label: 'Create task', group: 'Actions', icon: IconChecklist, color: 'green', hint: 'For the owner', create: () => ({ type: 'create_task', title: '', dueInDays: 1 }) },
  { type: 'notify', label: 'Notify', group: 'Actions', icon: IconBell, color: 'green', hint: 'A user or the owner', create: () => ({ type: 'notify', userId: null, message: '' }) },
  { type: 'webhook', label: 'Webhook', group: 'Actions', icon: IconWebhook, color: 'grape', hint: 'POST to a URL', create: () => ({ type: 'webhook', url: '' }) },
  { type: 'enrol', label: 'Enrol in journey', group: 'Actions', icon: IconRoute, color: 'grape', hint: 'Start another journey', create: () => ({ type: 'enrol', journeyId: '' }) },
  { type: 'exit', label: 'Exit', group: 'Actions', icon: IconDoorExit, color: 'red', hint: 'End the journey here', create: () => ({ type: 'exit' }) },
];

export const NODE_GROUPS: readonly NodeGroup[] = ['Trigger', 'Timing', 'Logic', 'Actions'];

const FALLBACK: NodeKind = { type: 'exit', label: 'Step', group: 'Actions', icon: IconBrandStripe, color: 'gray', hint: '', create: () => ({ type: 'exit' }) };

export function kindOf(type: NodeType): NodeKind {
  return NODE_KINDS.find((kind) => kind.type === type) ?? FALLBACK;
}

/** The drag data type of a palette item. */
export const DRAG_TYPE = 'application/x-tandem-journey-node';

/** The short name of an exit under its handle on the canvas (the percentages are in the step's summary). */
export function handleLabel(config: NodeConfig, exit: string): string {
  if (config.type === 'random') return exit === 'holdout' ? 'Hold-out' : (config.arms.find((arm) => arm.key === exit)?.label || exit);
  return exitLabel(config, exit);
}

/** Exit names as the settings read them. */
export function exitLabel(config: NodeConfig, exit: string): string {
  if (config.type === 'split') return exit === 'else' ? 'Else' : (config.branches.find((branch) => branch.key === exit)?.label || exit);
  if (config.type === 'random') {
    if (exit === 'holdout') return `Hold-out ${Math.max(0, 100 - config.arms.reduce((sum, arm) => sum + arm.percent, 0))}%`;
    const arm = config.arms.find((candidate) => candidate.key === exit);
    return arm ? `${arm.label || arm.key} ${arm.percent}%` : exit;
  }
  switch (exit) {
    case 'yes': return 'Yes';
    case 'no': return 'No';
    case 'event': return 'Happened';
    case 'timeout': return 'Timed out';
    case 'next': return 'Next';
    default: return exit;
  }
}
