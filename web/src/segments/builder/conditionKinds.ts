import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import { valueShape } from '../labels';
import type { Catalog, CatalogField, EventWindow, FieldValue, Leaf } from '../types';

// What a condition row filters on, as the person picks it. Several picks share one node
// type of the language ("Viewed page" and "Did not view page" are both `event`): the pick is
// read back from the node, so a saved definition opens with the same picks.

export type ConditionKind =
  | 'performed'
  | 'viewed_page'
  | 'active'
  | 'not_performed'
  | 'not_viewed_page'
  | 'first_performed'
  | 'last_performed'
  | 'email_opened'
  | 'email_clicked'
  | 'form'
  | 'in_segment'
  | 'not_in_segment'
  | 'on_list'
  | 'not_on_list'
  | 'bucket';

const KIND_GROUPS: { group: string; kinds: { kind: ConditionKind; label: string }[] }[] = [
  {
    group: 'Behaviour',
    kinds: [
      { kind: 'performed', label: 'Performed event' },
      { kind: 'viewed_page', label: 'Viewed page' },
      { kind: 'active', label: 'Was active' },
      { kind: 'not_performed', label: 'Did not perform event' },
      { kind: 'not_viewed_page', label: 'Did not view page' },
      { kind: 'first_performed', label: 'First performed' },
      { kind: 'last_performed', label: 'Last performed' },
    ],
  },
  {
    group: 'Email and forms',
    kinds: [
      { kind: 'email_opened', label: 'Opened email' },
      { kind: 'email_clicked', label: 'Clicked email' },
      { kind: 'form', label: 'Submitted form' },
    ],
  },
  {
    group: 'Segments and lists',
    kinds: [
      { kind: 'in_segment', label: 'In segment' },
      { kind: 'not_in_segment', label: 'Not in segment' },
      { kind: 'on_list', label: 'On list' },
      { kind: 'not_on_list', label: 'Not on list' },
    ],
  },
  { group: 'Sampling', kinds: [{ kind: 'bucket', label: 'Random bucket' }] },
];

const FIELD_GROUPS = ['Contact', 'Scores', 'Consent', 'Company', 'Contact custom fields', 'Company custom fields'] as const;

/** The picker's value of a row: `field:<key>` for a field, `kind:<kind>` for the rest. */
export function pickOf(leaf: Leaf): string {
  return leaf.type === 'field' ? `field:${leaf.field}` : `kind:${kindOf(leaf)}`;
}

export function kindOf(leaf: Exclude<Leaf, { type: 'field' }>): ConditionKind {
  switch (leaf.type) {
    case 'event': {
      const never = leaf.count?.operator === 'eq' && leaf.count.value === 0;
      if (leaf.event.kind === 'page') return never ? 'not_viewed_page' : 'viewed_page';
      if (leaf.event.kind === 'any' && !never) return 'active';
      return never ? 'not_performed' : 'performed';
    }
    case 'event_time':
      return leaf.which === 'first' ? 'first_performed' : 'last_performed';
    case 'email':
      return leaf.action === 'opened' ? 'email_opened' : 'email_clicked';
    case 'form':
      return 'form';
    case 'segment':
      return leaf.operator === 'in' ? 'in_segment' : 'not_in_segment';
    case 'list':
      return leaf.operator === 'in' ? 'on_list' : 'not_on_list';
    case 'bucket':
      return 'bucket';
  }
}

/** The picker's options: the workspace's fields by group, then behaviour, membership and sampling. */
export function pickerOptions(catalog: Catalog): ComboboxItemGroup<ComboboxItem>[] {
  const fieldGroups = FIELD_GROUPS.map((group) => ({
    group,
    items: catalog.fields.filter((field) => field.group === group).map((field) => ({ value: `field:${field.key}`, label: field.label })),
  })).filter((group) => group.items.length > 0);
  const kindGroups = KIND_GROUPS.map(({ group, kinds }) => ({
    group,
    items: kinds.map(({ kind, label }) => ({ value: `kind:${kind}`, label })),
  }));
  return [...fieldGroups, ...kindGroups];
}

const LAST_30_DAYS: EventWindow = { type: 'last', amount: 30, unit: 'days' };

/** A new row of the picked kind, with the defaults most people want (the last 30 days). */
export function newCondition(pick: string, catalog: Catalog): Leaf | null {
  if (pick.startsWith('field:')) {
    const field = catalog.fields.find((candidate) => candidate.key === pick.slice('field:'.length));
    if (!field) return null;
    const operator = field.operators[0] ?? 'equals';
    return { type: 'field', field: field.key, operator, value: defaultValue(field, operator) };
  }
  switch (pick.slice('kind:'.length) as ConditionKind) {
    case 'performed':
      return { type: 'event', event: { kind: 'track', name: '' }, count: { operator: 'gte', value: 1 }, window: LAST_30_DAYS };
    case 'viewed_page':
      return { type: 'event', event: { kind: 'page', path: '', match: 'equals' }, count: { operator: 'gte', value: 1 }, window: LAST_30_DAYS };
    case 'active':
      return { type: 'event', event: { kind: 'any' }, count: { operator: 'gte', value: 1 }, window: LAST_30_DAYS };
    case 'not_performed':
      return { type: 'event', event: { kind: 'track', name: '' }, count: { operator: 'eq', value: 0 }, window: LAST_30_DAYS };
    case 'not_viewed_page':
      return { type: 'event', event: { kind: 'page', path: '', match: 'equals' }, count: { operator: 'eq', value: 0 }, window: LAST_30_DAYS };
    case 'first_performed':
    case 'last_performed':
      return {
        type: 'event_time',
        event: { kind: 'track', name: '' },
        which: pick === 'kind:first_performed' ? 'first' : 'last',
        operator: 'in_last',
        value: { amount: 30, unit: 'days' },
      };
    case 'email_opened':
      return { type: 'email', action: 'opened', window: LAST_30_DAYS };
    case 'email_clicked':
      return { type: 'email', action: 'clicked', window: LAST_30_DAYS };
    case 'form':
      return { type: 'form', window: LAST_30_DAYS };
    case 'in_segment':
      return { type: 'segment', segmentId: '', operator: 'in' };
    case 'not_in_segment':
      return { type: 'segment', segmentId: '', operator: 'not_in' };
    case 'on_list':
      return { type: 'list', listId: '', operator: 'in' };
    case 'not_on_list':
      return { type: 'list', listId: '', operator: 'not_in' };
    case 'bucket':
      // Ten per cent of contacts: the usual hold-out group.
      return { type: 'bucket', from: 0, to: 9, seed: 'holdout' };
    default:
      return null;
  }
}

/** A fresh value for a field and operator: empty in the shape the operator takes. */
export function defaultValue(field: Pick<CatalogField, 'type'>, operator: string): FieldValue | undefined {
  switch (valueShape(operator)) {
    case 'none':
      return undefined;
    case 'list':
      return [];
    case 'range':
      return field.type === 'number' ? [0, 0] : ['', ''];
    case 'relative':
      return { amount: 30, unit: 'days' };
    case 'single':
      return field.type === 'number' ? 0 : '';
  }
}

/** The value kept when the operator changes: the old one when it has the same shape. */
export function valueForOperator(field: Pick<CatalogField, 'type'>, from: string, to: string, value: FieldValue | undefined) {
  return valueShape(from) === valueShape(to) ? value : defaultValue(field, to);
}
