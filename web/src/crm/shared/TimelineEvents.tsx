import { Anchor, Box, Collapse, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format';
import { DisclosureButton } from '../../components/DisclosureButton';
import { channelLabel } from '../../events/labels';
import type { TimelineItem } from '../types';

/** A row of the timeline: one entry, or the page views of one visit that follow each other. */
export type TimelineRow = { type: 'item'; item: TimelineItem } | { type: 'visit'; pages: TimelineItem[] };

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

const visitOf = (item: TimelineItem) => (item.kind === 'event.page' ? str(item.data.sessionId) : null);

/** Page views of one visit in a row become one row (newest first, like the items). */
export function groupVisits(items: TimelineItem[]): TimelineRow[] {
  const runs: TimelineItem[][] = [];
  for (const item of items) {
    const last = runs.at(-1);
    const visit = visitOf(item);
    if (visit && last && visitOf(last[0]!) === visit) last.push(item);
    else runs.push([item]);
  }
  return runs.map((run) => (run.length > 1 ? { type: 'visit', pages: run } : { type: 'item', item: run[0]! }));
}

/** The key of a timeline item: events are numbered apart from the other entries. */
export function itemKey(item: TimelineItem): string {
  return `${item.source?.type === 'event' ? 'event' : 'entry'}-${item.id}`;
}

function EventTitle({ children, onDetails }: { children: ReactNode; onDetails: () => void }) {
  return (
    <Text fz="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
      {children}{' '}
      <Anchor component="button" type="button" fz="xs" fw={400} c="dimmed" onClick={onDetails}>
        details
      </Anchor>
    </Text>
  );
}

function PageUrl({ url }: { url: string }) {
  return (
    <Anchor href={url} target="_blank" rel="noreferrer" fz="xs" c="dimmed" display="block" truncate title={url}>
      {url}
    </Anchor>
  );
}

const pageName = (item: TimelineItem) => str(item.data.title) ?? str(item.data.path) ?? str(item.data.name) ?? 'a page';

/** Up to three of a track event's simple properties, e.g. "plan: pro · seats: 5". */
function keyProperties(properties: unknown): string | null {
  if (typeof properties !== 'object' || properties === null) return null;
  const simple = Object.entries(properties).filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value));
  return simple.slice(0, 3).map(([key, value]) => `${key}: ${String(value)}`).join(' · ') || null;
}

interface EventBodyProps {
  item: TimelineItem;
  /** Opens the event with its raw payload. */
  onDetails: () => void;
}

/** A tracked event on the timeline, in a line: a page view, an action, an identify, group or alias call. */
export function EventBody({ item, onDetails }: EventBodyProps) {
  const data = item.data;
  switch (item.kind) {
    case 'event.page':
      return (
        <>
          <EventTitle onDetails={onDetails}>Viewed {pageName(item)}</EventTitle>
          {str(data.url) && <PageUrl url={data.url as string} />}
        </>
      );
    case 'event.screen':
      return <EventTitle onDetails={onDetails}>Viewed the screen {str(data.name) ?? 'of an app'}</EventTitle>;
    case 'event.track': {
      const submitted = item.data.properties as Record<string, unknown> | undefined;
      if (str(data.name) === 'Form Submitted' && str(submitted?.formId)) {
        // Sent by Tandem's own forms: name the form, and link to it and its submissions.
        return (
          <EventTitle onDetails={onDetails}>
            Submitted the form{' '}
            <Anchor component={Link} to={`/forms/${submitted!.formId as string}?tab=submissions`} fz="sm" fw={600}>
              {str(submitted!.formName) ?? 'a form'}
            </Anchor>
          </EventTitle>
        );
      }
      const properties = keyProperties(data.properties);
      return (
        <>
          <EventTitle onDetails={onDetails}>{str(data.name) ?? 'Unnamed event'}</EventTitle>
          {properties && (
            <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {properties}
            </Text>
          )}
        </>
      );
    }
    case 'event.identify':
      return <EventTitle onDetails={onDetails}>Identified</EventTitle>;
    case 'event.group':
      return <EventTitle onDetails={onDetails}>Tied to a company (group)</EventTitle>;
    default:
      return <EventTitle onDetails={onDetails}>Linked a user id (alias)</EventTitle>;
  }
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** "Visited the website from Paid search: 5 pages", the paths in order, and each page when unfolded. */
export function VisitBody({ pages }: { pages: TimelineItem[] }) {
  const [opened, { toggle }] = useDisclosure(false);
  // The items are newest first; a visit reads from its landing page on.
  const inOrder = [...pages].reverse();
  const channel = str(inOrder[0]!.data.channel) ?? 'direct';
  const paths = inOrder.map((page) => str(page.data.path) ?? pageName(page));

  return (
    <>
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Text fz="sm" fw={500}>
          Visited the website{channel === 'direct' ? '' : ` from ${channelLabel(channel)}`}: {pages.length} pages
        </Text>
        <DisclosureButton opened={opened} onToggle={toggle} show="Show pages" hide="Hide pages" />
      </Group>
      {!opened && (
        <Text fz="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {paths.join(' → ')}
        </Text>
      )}
      <Collapse expanded={opened}>
        <Stack gap={6} mt={4} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Pages of the visit">
          {inOrder.map((page) => (
            <Box component="li" key={page.id}>
              <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span fz="xs" c="dimmed" title={formatDateTime(page.occurredAt)} mr={6}>
                  {timeOfDay.format(new Date(page.occurredAt))}
                </Text>
                Viewed {pageName(page)}
              </Text>
              {str(page.data.url) && <PageUrl url={page.data.url as string} />}
            </Box>
          ))}
        </Stack>
      </Collapse>
    </>
  );
}
