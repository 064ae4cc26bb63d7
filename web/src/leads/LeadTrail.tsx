import { Anchor, Badge, Box, Group, Paper, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBrowser,
  IconCircleDot,
  IconClick,
  IconFingerprint,
  IconForms,
  IconMail,
  IconNote,
  IconPencil,
  IconPhone,
  IconSparkles,
  IconSquarePlus,
  IconTargetArrow,
  IconThumbDown,
  IconThumbUp,
  type Icon,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { fieldLabel } from '../crm/shared/fields';
import { useMemberNames } from '../crm/shared/queries';
import type { TimelineItem } from '../crm/types';
import { formatPoints } from './format';
import type { LedgerEntry, RejectReason } from './types';

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Look {
  icon: Icon;
  color: string;
}

function lookOf(kind: string): Look {
  if (kind === 'event.page' || kind === 'event.screen') return { icon: IconBrowser, color: 'blue' };
  if (kind === 'event.track') return { icon: IconClick, color: 'grape' };
  if (kind.startsWith('event.')) return { icon: IconFingerprint, color: 'teal' };
  if (kind.startsWith('email.') || kind === 'activity.email') return { icon: IconMail, color: 'blue' };
  if (kind.startsWith('form.')) return { icon: IconForms, color: 'cyan' };
  if (kind === 'lead.qualified') return { icon: IconSparkles, color: 'indigo' };
  if (kind === 'lead.accepted') return { icon: IconThumbUp, color: 'teal' };
  if (kind === 'lead.rejected') return { icon: IconThumbDown, color: 'orange' };
  if (kind === 'lead.converted' || kind.startsWith('deal.')) return { icon: IconTargetArrow, color: 'green' };
  if (kind === 'lead.sla_breached') return { icon: IconAlertTriangle, color: 'red' };
  if (kind === 'record.created') return { icon: IconSquarePlus, color: 'gray' };
  if (kind === 'record.updated') return { icon: IconPencil, color: 'gray' };
  if (kind === 'activity.call') return { icon: IconPhone, color: 'teal' };
  if (kind.startsWith('activity.')) return { icon: IconNote, color: 'yellow' };
  return { icon: IconCircleDot, color: 'gray' };
}

/** What happened, in a line. */
function describe(item: TimelineItem, reasons: RejectReason[]): { title: string; detail?: string | null } {
  const data = item.data;
  switch (item.kind) {
    case 'event.page':
      return { title: `Viewed ${str(data.title) ?? str(data.path) ?? str(data.name) ?? 'a page'}`, detail: str(data.title) ? str(data.path) : null };
    case 'event.screen':
      return { title: `Viewed the screen ${str(data.name) ?? 'of an app'}` };
    case 'event.track':
      return { title: str(data.name) ?? 'Unnamed event' };
    case 'event.identify':
      return { title: 'Identified on the website' };
    case 'event.group':
      return { title: 'Tied to a company' };
    case 'lead.qualified': {
      const facts = [
        str(data.grade) ? `grade ${data.grade as string}` : null,
        typeof data.fit === 'number' ? `fit ${data.fit}` : null,
        typeof data.engagement === 'number' ? `engagement ${data.engagement}` : null,
      ].filter(Boolean);
      return { title: `Became a marketing qualified lead${facts.length ? ` (${facts.join(', ')})` : ''}`, detail: str(data.routedBy) ? `Routed by ${data.routedBy as string}` : null };
    }
    case 'lead.accepted':
      return { title: 'Lead accepted by sales' };
    case 'lead.rejected': {
      const reason = reasons.find((candidate) => candidate.key === data.reason)?.label ?? str(data.reason) ?? 'no reason';
      return {
        title: `Lead rejected: ${reason}${data.outcome === 'disqualify' ? ', disqualified' : ', recycled to nurturing'}`,
        detail: str(data.note),
      };
    }
    case 'lead.converted':
      return { title: 'Lead converted to a deal' };
    case 'lead.sla_breached':
      return { title: 'SLA breached: the lead was not answered in time' };
    case 'record.created':
      return { title: `${capitalize(item.source?.type ?? 'contact')} created`, detail: str(data.source) ? `Source: ${data.source as string}` : null };
    case 'record.updated': {
      const changes = Array.isArray(data.changes) ? (data.changes as { field: string }[]) : [];
      return { title: changes.length === 1 ? `${fieldLabel(changes[0]!.field, [])} changed` : `${changes.length} fields changed`, detail: changes.length > 1 ? changes.map((change) => fieldLabel(change.field, [])).join(', ') : null };
    }
    default:
      return { title: capitalize(item.kind.replace(/[._]/g, ' ')), detail: str(data.subject) ?? str(data.title) };
  }
}

/** The touchpoints up to the hand-off, newest first; the ones that earned points say how many. */
export function LeadTrail({ items, ledger, reasons }: { items: TimelineItem[]; ledger: LedgerEntry[]; reasons: RejectReason[] }) {
  const names = useMemberNames();
  const pointsByEvent = new Map<string, number>();
  for (const entry of ledger) {
    if (entry.eventId === null) continue;
    pointsByEvent.set(String(entry.eventId), (pointsByEvent.get(String(entry.eventId)) ?? 0) + entry.points);
  }
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trail-title">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="sm" id="trail-title">
          Touchpoint trail
        </Title>
        <Text fz="xs" c="dimmed">
          newest first
        </Text>
      </Group>
      {items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No touchpoints recorded for this contact.
        </Text>
      ) : (
        <Box component="ol" aria-label="Touchpoint trail" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item, index) => {
            const look = lookOf(item.kind);
            const { title, detail } = describe(item, reasons);
            const points = item.source?.type === 'event' ? pointsByEvent.get(item.source.id) : undefined;
            const last = index === items.length - 1;
            const highlight = item.kind === 'lead.qualified';
            return (
              <Box component="li" key={`${item.source?.type === 'event' ? 'event' : 'entry'}-${item.id}`} data-kind={item.kind} style={{ display: 'flex', gap: 12 }}>
                <Box style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', flexShrink: 0 }}>
                  <ThemeIcon variant={highlight ? 'filled' : 'light'} color={look.color} radius="xl" size={28} aria-hidden>
                    <look.icon size={15} stroke={1.8} />
                  </ThemeIcon>
                  {!last && <Box style={{ flex: 1, width: 2, background: 'var(--mantine-color-gray-2)', minHeight: 10 }} />}
                </Box>
                <Box pb={last ? 0 : 'sm'} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
                    <Text fz="sm" fw={highlight ? 650 : 500} style={{ overflowWrap: 'anywhere' }}>
                      {title}
                    </Text>
                    {points !== undefined && (
                      <Badge size="sm" variant="light" color={points < 0 ? 'red' : 'teal'} radius="sm" style={{ flexShrink: 0 }}>
                        {formatPoints(points)}
                      </Badge>
                    )}
                  </Group>
                  {detail && (
                    <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {detail}
                    </Text>
                  )}
                  <Group gap={4}>
                    <Tooltip label={formatDateTime(item.occurredAt)} withArrow>
                      <Text fz="xs" c="dimmed" component="time" dateTime={item.occurredAt}>
                        {formatRelative(item.occurredAt)}
                      </Text>
                    </Tooltip>
                    {item.actor.label && item.actor.type === 'user' && (
                      <Text fz="xs" c="dimmed">
                        · by {(item.actor.id && names.get(item.actor.id)) || item.actor.label}
                      </Text>
                    )}
                    {item.kind === 'lead.converted' && str(item.data.dealId) && (
                      <Text fz="xs" c="dimmed">
                        ·{' '}
                        <Anchor component={Link} to={`/deals/${item.data.dealId as string}`} fz="xs">
                          open the deal
                        </Anchor>
                      </Text>
                    )}
                  </Group>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
    </Paper>
  );
}
