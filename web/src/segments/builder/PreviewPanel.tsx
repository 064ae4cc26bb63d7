import { Alert, Anchor, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Preview } from '../types';
import { withoutPath } from './DefinitionBuilder';

/** How many of the sample the panel lists. */
const SAMPLE_SHOWN = 8;

/** "1,234 contacts match", and who for example, as the definition is edited. */
export function PreviewPanel({ preview }: { preview: UseQueryResult<Preview> }) {
  const { data, error, isFetching } = preview;
  // Kept on screen while the next count is on its way, or the definition cannot be counted yet.
  const stale = isFetching || Boolean(error);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="live-count-title">
      <Group justify="space-between" mb={6}>
        <Title order={2} fz="sm" c="dimmed" tt="uppercase" id="live-count-title">
          Live count
        </Title>
        {isFetching && <Loader size={14} aria-label="Counting" />}
      </Group>
      <Text role="status" aria-label="Live count" fz={22} fw={650} c={stale ? 'dimmed' : undefined}>
        {data ? matchText(data.count) : error ? 'Not counted yet' : 'Counting…'}
      </Text>
      {data && !error && (
        <Text fz="xs" c="dimmed">
          Counted in {data.tookMs.toLocaleString()} ms
        </Text>
      )}
      {error && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} mt="sm" p="xs" title="Cannot count this yet">
          <Text fz="sm">{withoutPath(error)}</Text>
        </Alert>
      )}
      {data && data.sample.length > 0 && <Sample contacts={data.sample} total={data.count} />}
    </Paper>
  );
}

export function matchText(count: number): string {
  return `${count.toLocaleString()} ${count === 1 ? 'contact matches' : 'contacts match'}`;
}

function Sample({ contacts, total }: { contacts: Preview['sample']; total: number }) {
  const shown = contacts.slice(0, SAMPLE_SHOWN);
  return (
    <Stack gap={6} mt="md" role="list" aria-label="Sample of matching contacts">
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        For example
      </Text>
      {shown.map((contact) => (
        <Stack key={contact.id} gap={0} role="listitem" style={{ minWidth: 0 }}>
          {/* A new tab: the definition being edited stays as it is. */}
          <Anchor component={Link} to={`/contacts/${contact.id}`} target="_blank" fz="sm" fw={500} truncate>
            {contact.name}
          </Anchor>
          {contact.email && (
            <Text fz="xs" c="dimmed" truncate>
              {contact.email}
            </Text>
          )}
        </Stack>
      ))}
      {total > shown.length && (
        <Text fz="xs" c="dimmed">
          and {(total - shown.length).toLocaleString()} more
        </Text>
      )}
    </Stack>
  );
}
