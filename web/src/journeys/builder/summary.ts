import { lifecycleLabel } from '../../crm/shared/fields';
import type { Names } from '../../segments/describe';
import { describeAmount, describeEventTrigger, describeTree, describeTrigger } from '../format';
import type { NodeConfig, Weekday } from '../types';

/** What the canvas needs to name the things a step points at. */
export interface JourneyNames extends Names {
  templates: Map<string, string>;
  users: Map<string, string>;
  journeys: Map<string, string>;
}

const WEEKDAYS: Record<Weekday, string> = { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' };

function weekdays(days: Weekday[]): string {
  const sorted = [...days].sort();
  if (sorted.join() === '1,2,3,4,5') return 'a weekday';
  if (sorted.length === 7) return 'any day';
  return sorted.map((day) => WEEKDAYS[day]).join(', ');
}

const at = (hour: number, minute = 0) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** One line saying what a step does, as the canvas shows it. */
export function summarize(config: NodeConfig, names: JourneyNames): string {
  const named = (map: Map<string, string>, id: string, none: string) => (id ? (map.get(id) ?? 'Unknown') : none);
  switch (config.type) {
    case 'trigger':
      return describeTrigger(config.trigger, names);
    case 'wait':
      return `Wait ${describeAmount(config.duration)}`;
    case 'wait_until':
      if ('at' in config) return config.at ? `Until ${new Date(config.at).toLocaleString()}` : 'Choose a moment';
      return `Until ${weekdays(config.weekdays)} at ${at(config.hour, config.minute)}`;
    case 'wait_event':
      return `${describeEventTrigger(config.condition, names)}, at most ${describeAmount(config.timeout)}`;
    case 'branch':
      return describeTree(config.condition, names);
    case 'split':
      return `${config.branches.length} ${config.branches.length === 1 ? 'path' : 'paths'} and else`;
    case 'random': {
      const holdout = 100 - config.arms.reduce((sum, arm) => sum + arm.percent, 0);
      return `${config.arms.map((arm) => `${arm.percent}%`).join(' / ')}${holdout > 0 ? `, ${holdout}% held out` : ''}`;
    }
    case 'send_email':
      return named(names.templates, config.templateId, 'Choose a template');
    case 'update_field': {
      if (!config.field) return 'Choose a field';
      const label = names.catalog?.fields.find((field) => field.key === config.field)?.label ?? config.field;
      return `${label} = ${config.value === '' || config.value === null || config.value === undefined ? '(empty)' : String(config.value)}`;
    }
    case 'tag':
      return config.tag ? `${config.action === 'add' ? 'Add' : 'Remove'} "${config.tag}"` : 'Choose a tag';
    case 'list':
      return config.listId ? `${config.action === 'add' ? 'Add to' : 'Remove from'} ${named(names.lists, config.listId, '')}` : 'Choose a list';
    case 'set_stage':
      return config.stage ? `Becomes ${lifecycleLabel(config.stage)}` : 'Choose a stage';
    case 'add_score':
      return `${config.points >= 0 ? '+' : ''}${config.points} engagement${config.reason ? ` · ${config.reason}` : ''}`;
    case 'assign_owner':
      return named(names.users, config.userId, 'Choose a user');
    case 'route_to_sales':
      return 'Hand over as a lead, by the routing rules';
    case 'create_task':
      return config.title ? `"${config.title}"${config.dueInDays !== undefined ? `, due in ${config.dueInDays} d` : ''}` : 'Name the task';
    case 'notify':
      return `${config.userId ? named(names.users, config.userId, '') : 'The owner'}${config.message ? `: ${config.message}` : ''}`;
    case 'webhook':
      return config.url || 'Enter a URL';
    case 'enrol':
      return named(names.journeys, config.journeyId, 'Choose a journey');
    case 'exit':
      return 'The journey ends';
  }
}
