import { Anchor, Box, Button, Center, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconArrowsJoin,
  IconBrowser,
  IconBuilding,
  IconCalendarEvent,
  IconCheckbox,
  IconCircleDot,
  IconClick,
  IconDeviceMobile,
  IconFingerprint,
  IconHistory,
  IconLink,
  IconMail,
  IconNote,
  IconPencil,
  IconPhone,
  IconPlus,
  IconSquarePlus,
  IconTargetArrow,
  IconTrophy,
  IconUserPlus,
  IconWorldWww,
  IconX,
  type Icon,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime, formatRelative } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { EventDrawer } from '../../events/EventDrawer';
import type { CustomField, TimelineItem } from '../types';
import { fieldLabel, formatCustomValue, lifecycleLabel } from './fields';
import { useCompanyName, useContactName, useCustomFields, useMemberNames, useTimeline, type CustomFieldObject } from './queries';
import { EventBody, groupVisits, itemKey, VisitBody, type TimelineRow } from './TimelineEvents';

interface TimelineProps {
  /** The timeline to show, e.g. `/api/v1/contacts/:id/timeline` (company and deal timelines work the same). */
  url: string;
  /** Entries per page; "Load more" fetches the next page. */
  pageSize?: number;
  /** Name the contact of each entry (useful on a company or deal, whose timeline gathers several contacts). */
  showContact?: boolean;
}

interface KindStyle {
  icon: Icon;
  color: string;
}

const KIND_STYLES: Record<string, KindStyle> = {
  'record.created': { icon: IconSquarePlus, color: 'gray' },
  'record.updated': { icon: IconPencil, color: 'gray' },
  'record.merged': { icon: IconArrowsJoin, color: 'orange' },
  'activity.call': { icon: IconPhone, color: 'teal' },
  'activity.meeting': { icon: IconCalendarEvent, color: 'violet' },
  'activity.note': { icon: IconNote, color: 'yellow' },
  'activity.email': { icon: IconMail, color: 'blue' },
  'deal.created': { icon: IconTargetArrow, color: 'indigo' },
  'deal.stage_changed': { icon: IconTargetArrow, color: 'indigo' },
  'deal.won': { icon: IconTrophy, color: 'green' },
  'deal.lost': { icon: IconX, color: 'red' },
  'deal.contact_added': { icon: IconUserPlus, color: 'indigo' },
  'task.created': { icon: IconPlus, color: 'cyan' },
  'task.completed': { icon: IconCheckbox, color: 'green' },
  'event.page': { icon: IconBrowser, color: 'blue' },
  'event.screen': { icon: IconDeviceMobile, color: 'blue' },
  'event.track': { icon: IconClick, color: 'grape' },
  'event.identify': { icon: IconFingerprint, color: 'teal' },
  'event.group': { icon: IconBuilding, color: 'orange' },
  'event.alias': { icon: IconLink, color: 'yellow' },
};

const VISIT_STYLE: KindStyle = { icon: IconWorldWww, color: 'blue' };

const FALLBACK_STYLE: KindStyle = { icon: IconCircleDot, color: 'gray' };

/** A record's history, newest first: changes, notes, calls, meetings, emails, deals, tasks and website visits. */
export function Timeline({ url, pageSize = 25, showContact = false }: TimelineProps) {
  const timeline = useTimeline(url, pageSize);
  const [openEvent, setOpenEvent] = useState<number | null>(null);

  if (timeline.isPending) return <LoadingBlock />;
  if (timeline.isError) return <ErrorBlock error={timeline.error} />;

  const items = timeline.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" color="gray" radius="xl">
            <IconHistory size={16} />
          </ThemeIcon>
          <Text fz="sm" c="dimmed">
            Nothing has happened here yet. Calls, notes, meetings, tasks, changes and website visits will show up on this timeline.
          </Text>
        </Group>
      </Paper>
    );
  }

  const rows = groupVisits(items);
  return (
    <Stack gap="sm">
      <Box component="ol" aria-label="Timeline" m={0} p={0} style={{ listStyle: 'none' }}>
        {rows.map((row, index) => (
          <TimelineEntry
            key={row.type === 'visit' ? `visit-${itemKey(row.pages[0]!)}` : itemKey(row.item)}
            row={row}
            last={index === rows.length - 1}
            showContact={showContact}
            onOpenEvent={setOpenEvent}
          />
        ))}
      </Box>
      {timeline.hasNextPage && (
        <Center>
          <Button variant="default" size="xs" onClick={() => timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
      <EventDrawer eventId={openEvent} onClose={() => setOpenEvent(null)} />
    </Stack>
  );
}

interface TimelineEntryProps {
  row: TimelineRow;
  last: boolean;
  showContact: boolean;
  onOpenEvent: (eventId: number) => void;
}

function TimelineEntry({ row, last, showContact, onOpenEvent }: TimelineEntryProps) {
  if (row.type === 'visit') {
    const landing = row.pages.at(-1)!;
    return (
      <EntryFrame kind="event.visit" style={VISIT_STYLE} last={last}>
        <VisitBody pages={row.pages} />
        <EntryMeta item={landing} showContact={showContact} />
      </EntryFrame>
    );
  }
  const { item } = row;
  return (
    <EntryFrame kind={item.kind} style={KIND_STYLES[item.kind] ?? FALLBACK_STYLE} last={last}>
      {item.source?.type === 'event' ? <EventBody item={item} onDetails={() => onOpenEvent(Number(item.source!.id))} /> : <EntryBody item={item} />}
      <EntryMeta item={item} showContact={showContact} />
    </EntryFrame>
  );
}

/** An entry's icon on the line of the timeline, and what it tells beside it. */
function EntryFrame({ kind, style, last, children }: { kind: string; style: KindStyle; last: boolean; children: ReactNode }) {
  return (
    <Box component="li" data-kind={kind} style={{ display: 'flex', gap: 12 }}>
      <Box style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', flexShrink: 0 }}>
        <ThemeIcon variant="light" color={style.color} radius="xl" size={30} aria-hidden>
          <style.icon size={16} stroke={1.8} />
        </ThemeIcon>
        {!last && <Box style={{ flex: 1, width: 2, background: 'var(--mantine-color-gray-2)', minHeight: 12 }} />}
      </Box>
      <Box pb={last ? 0 : 'md'} style={{ flex: 1, minWidth: 0 }}>
        {children}
      </Box>
    </Box>
  );
}

/** When an entry happened, who did it, and the contact and deal it concerns. */
function EntryMeta({ item, showContact }: { item: TimelineItem; showContact: boolean }) {
  return (
    <Group gap={6} mt={2} wrap="wrap">
      <Tooltip label={formatDateTime(item.occurredAt)} withArrow>
        <Text fz="xs" c="dimmed" component="time" dateTime={item.occurredAt}>
          {formatRelative(item.occurredAt)}
        </Text>
      </Tooltip>
      {item.actor.label && (
        <Text fz="xs" c="dimmed">
          · by {item.actor.label}
        </Text>
      )}
      {showContact && item.contactId && <ContactTag id={item.contactId} />}
      {item.dealId && item.kind !== 'deal.created' && !item.kind.startsWith('deal.') && (
        <Text fz="xs" c="dimmed">
          · on a{' '}
          <Anchor component={Link} to={`/deals/${item.dealId}`} fz="xs">
            deal
          </Anchor>
        </Text>
      )}
    </Group>
  );
}

function ContactTag({ id }: { id: string }) {
  const name = useContactName(id);
  return (
    <Text fz="xs" c="dimmed">
      ·{' '}
      <Anchor component={Link} to={`/contacts/${id}`} fz="xs">
        {name.data ?? 'contact'}
      </Anchor>
    </Text>
  );
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function Title({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  );
}

function Detail({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" c="dark.4" mt={2} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lineClamp={4}>
      {children}
    </Text>
  );
}

function DealLink({ item }: { item: TimelineItem }) {
  const name = str(item.data.name) ?? str(item.data.deal) ?? 'a deal';
  return item.dealId ? (
    <Anchor component={Link} to={`/deals/${item.dealId}`} fz="sm" fw={500}>
      {name}
    </Anchor>
  ) : (
    <>{name}</>
  );
}

function money(amount: unknown, currency: unknown): string | null {
  if (typeof amount !== 'number') return null;
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: str(currency) ?? 'EUR', maximumFractionDigits: 0 }).format(amount);
  } catch {
    return String(amount);
  }
}

const ACTIVITY_TITLES: Record<string, string> = {
  'activity.call': 'Call',
  'activity.meeting': 'Meeting',
  'activity.note': 'Note',
  'activity.email': 'Email',
};

function EntryBody({ item }: { item: TimelineItem }) {
  const data = item.data;
  const object = item.source?.type ?? (item.contactId ? 'contact' : item.companyId ? 'company' : 'record');

  switch (item.kind) {
    case 'record.created':
      return (
        <Title>
          {capitalize(object)} created{str(data.source) ? ` · source: ${data.source as string}` : ''}
        </Title>
      );
    case 'record.updated':
      return <FieldChanges item={item} object={object} />;
    case 'record.merged':
      return (
        <Title>
          Merged with a duplicate{str(data.mergedEmail) || str(data.mergedName) ? ` (${(str(data.mergedEmail) ?? str(data.mergedName))!})` : ''}
        </Title>
      );
    case 'activity.call':
    case 'activity.meeting':
    case 'activity.note':
    case 'activity.email': {
      const facts = [
        typeof data.durationMinutes === 'number' ? `${data.durationMinutes} min` : null,
        str(data.outcome) ? `outcome: ${data.outcome as string}` : null,
      ].filter(Boolean);
      return (
        <>
          <Title>
            {ACTIVITY_TITLES[item.kind]}
            {str(data.subject) ? `: ${data.subject as string}` : ''}
            {facts.length > 0 && (
              <Text span fz="sm" c="dimmed" fw={400}>
                {' '}
                · {facts.join(' · ')}
              </Text>
            )}
          </Title>
          {str(data.body) && <Detail>{data.body as string}</Detail>}
        </>
      );
    }
    case 'deal.created': {
      const amount = money(data.amount, data.currency);
      return (
        <Title>
          Deal <DealLink item={item} /> created{str(data.stage) ? ` in ${data.stage as string}` : ''}
          {amount ? ` · ${amount}` : ''}
        </Title>
      );
    }
    case 'deal.stage_changed':
      return (
        <Title>
          Deal <DealLink item={item} /> moved from {str(data.from) ?? '?'} to {str(data.to) ?? '?'}
        </Title>
      );
    case 'deal.won': {
      const amount = money(data.amount, data.currency);
      return (
        <Title>
          Deal <DealLink item={item} /> won{amount ? ` · ${amount}` : ''}
        </Title>
      );
    }
    case 'deal.lost':
      return (
        <>
          <Title>
            Deal <DealLink item={item} /> lost
          </Title>
          {str(data.lostReason) && <Detail>Reason: {data.lostReason as string}</Detail>}
        </>
      );
    case 'deal.contact_added':
      return (
        <Title>
          Added to deal <DealLink item={item} />
          {str(data.role) ? ` as ${(data.role as string).replace(/_/g, ' ')}` : ''}
        </Title>
      );
    case 'task.created':
      return (
        <Title>
          Task created: {str(data.title) ?? 'untitled'}
          {str(data.dueAt) && (
            <Text span fz="sm" c="dimmed" fw={400}>
              {' '}
              · due {formatDate(data.dueAt as string)}
            </Text>
          )}
        </Title>
      );
    case 'task.completed':
      return <Title>Task completed: {str(data.title) ?? 'untitled'}</Title>;
    default:
      return <Title>{capitalize(item.kind.replace(/[._]/g, ' '))}</Title>;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Change {
  field: string;
  old: unknown;
  new: unknown;
}

/** A custom-values change splits into one line per custom field that changed. */
function expandChanges(raw: unknown): Change[] {
  if (!Array.isArray(raw)) return [];
  const changes: Change[] = [];
  for (const entry of raw as Change[]) {
    if (entry.field === 'custom' && isObject(entry.old ?? {}) && isObject(entry.new ?? {})) {
      const before = (entry.old ?? {}) as Record<string, unknown>;
      const after = (entry.new ?? {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
          changes.push({ field: `custom.${key}`, old: before[key] ?? null, new: after[key] ?? null });
        }
      }
    } else {
      changes.push(entry);
    }
  }
  return changes;
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

function FieldChanges({ item, object }: { item: TimelineItem; object: string }) {
  const objectType: CustomFieldObject = object === 'company' || object === 'deal' ? object : 'contact';
  const customFields = useCustomFields(objectType);
  const changes = expandChanges(item.data.changes);
  const fields = customFields.data ?? [];
  return (
    <>
      <Title>
        {changes.length === 1 ? `${fieldLabel(changes[0]!.field, fields)} changed` : `${changes.length} fields changed`}
      </Title>
      <Stack gap={2} mt={2}>
        {changes.map((change) => (
          <Text key={change.field} fz="sm" c="dark.4" style={{ overflowWrap: 'anywhere' }}>
            {changes.length > 1 && (
              <Text span fz="sm" c="dimmed">
                {fieldLabel(change.field, fields)}:{' '}
              </Text>
            )}
            <ChangeValue field={change.field} value={change.old} fields={fields} muted /> →{' '}
            <ChangeValue field={change.field} value={change.new} fields={fields} />
          </Text>
        ))}
      </Stack>
    </>
  );
}

function ChangeValue({ field, value, fields, muted }: { field: string; value: unknown; fields: CustomField[]; muted?: boolean }) {
  const color = muted ? 'dimmed' : undefined;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <Text span fz="sm" c="dimmed" fs="italic">
        empty
      </Text>
    );
  }
  if (field === 'ownerId' || field === 'owner_id') return <MemberValue id={String(value)} muted={muted} />;
  if (field === 'companyId' || field === 'company_id') return <CompanyValue id={String(value)} muted={muted} />;
  let text: string;
  if (field === 'lifecycleStage' || field === 'lifecycle_stage') text = lifecycleLabel(String(value));
  else if (field.startsWith('custom.')) text = formatCustomValue(value, fields.find((f) => f.key === field.slice(7)));
  else if (Array.isArray(value)) text = value.join(', ');
  else text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return (
    <Text span fz="sm" c={color}>
      {text}
    </Text>
  );
}

function MemberValue({ id, muted }: { id: string; muted?: boolean }) {
  const names = useMemberNames();
  return (
    <Text span fz="sm" c={muted ? 'dimmed' : undefined}>
      {names.get(id) ?? 'a former member'}
    </Text>
  );
}

function CompanyValue({ id, muted }: { id: string; muted?: boolean }) {
  const name = useCompanyName(id);
  return (
    <Anchor component={Link} to={`/companies/${id}`} fz="sm" c={muted ? 'dimmed' : undefined}>
      {name.data ?? 'a company'}
    </Anchor>
  );
}
