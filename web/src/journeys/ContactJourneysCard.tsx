import { Anchor, Badge, Box, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useContactJourneys, useJourneyVersion, useServerNow } from './api';
import { kindOf } from './builder/nodeCatalog';
import { enrolmentColor, enrolmentLabel } from './format';

/** The journeys a contact is in or went through: where they are now, and since when. */
export function ContactJourneysCard({ contactId }: { contactId: string }) {
  const journeys = useContactJourneys(contactId);
  const now = useServerNow();
  if (journeys.isPending) return null;
  if (journeys.isError) return <ErrorBlock error={journeys.error} />;
  const items = journeys.data;
  return (
    <SectionCard title="Journeys" count={items.length}>
      {items.length === 0 ? (
        <Text fz="sm" c="dimmed">
          In no journey yet.
        </Text>
      ) : (
        <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Journeys of the contact">
          {items.map((item) => (
            <Box component="li" key={item.id} py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }} aria-label={item.journeyName}>
              <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/journeys/${item.journeyId}`} fz="sm" fw={600} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {item.journeyName}
                </Anchor>
                <Badge size="xs" variant="light" color={enrolmentColor(item.status)} mt={3}>
                  {enrolmentLabel(item.status)}
                </Badge>
              </Group>
              <Text fz="xs" c="dimmed" title={formatDateTime(item.enteredAt)}>
                {item.status === 'active' ? (
                  <>
                    At <CurrentStep journeyId={item.journeyId} version={item.version} nodeId={item.nodeId} /> ·{' '}
                  </>
                ) : item.finishedAt ? (
                  `Ended ${formatRelative(item.finishedAt, now)}${item.exitReason ? ` (${item.exitReason})` : ''} · `
                ) : (
                  ''
                )}
                entered {formatRelative(item.enteredAt, now)}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}

/** The step a contact is at, by its name in the version they are on. */
function CurrentStep({ journeyId, version, nodeId }: { journeyId: string; version: number; nodeId: string }) {
  const published = useJourneyVersion(journeyId, version);
  const node = published.data?.graph.nodes.find((candidate) => candidate.id === nodeId);
  return (
    <Text span fz="xs" fw={600} c="dark.4">
      {node ? node.label || kindOf(node.type).label : nodeId}
    </Text>
  );
}
