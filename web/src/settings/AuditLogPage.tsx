import { Badge, Button, Center, Code, EmptyState, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import { keys } from '../api/queries';
import type { AuditEntry, ListOf } from '../api/types';
import { formatDateTime, formatTimestamp } from '../app/format';
import { AdminRequired } from '../components/AdminRequired';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';

const PAGE_SIZE = 50;
const NOWRAP = { whiteSpace: 'nowrap' } as const;
const DESCRIPTION = 'Who changed what in this workspace: sign-ins, users, roles, API keys and settings.';

function fetchPage(before: number | undefined) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (before !== undefined) query.set('before', String(before));
  return api<ListOf<AuditEntry>>(`/audit-log?${query}`);
}

export function AuditLogPage() {
  const log = useInfiniteQuery({
    queryKey: keys.auditLog,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < PAGE_SIZE ? undefined : last.items.at(-1)?.id),
  });

  if (isApiError(log.error, 403)) {
    return (
      <>
        <PageHeader title="Audit log" description={DESCRIPTION} />
        <AdminRequired what="the audit log" />
      </>
    );
  }

  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description={DESCRIPTION}
        actions={
          <Button variant="default" onClick={() => log.refetch()} loading={log.isRefetching && !log.isFetchingNextPage}>
            Refresh
          </Button>
        }
      />
      {log.isPending ? (
        <LoadingBlock />
      ) : log.isError ? (
        <ErrorBlock error={log.error} />
      ) : entries.length === 0 ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconHistory size={28} stroke={1.6} />}
            variant="light"
            title="Nothing recorded yet"
            description="Changes to users, roles, API keys and settings will be listed here."
            maw={460}
            mx="auto"
          />
        </Paper>
      ) : (
        <Stack>
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="Audit log" miw={880} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={130}>Time</Table.Th>
                  <Table.Th w="19%">Actor</Table.Th>
                  <Table.Th w={175}>Action</Table.Th>
                  <Table.Th w={150}>Target</Table.Th>
                  <Table.Th>Details</Table.Th>
                  <Table.Th w={100}>IP address</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={NOWRAP}>
                      <Text fz="sm" c="dimmed" title={formatDateTime(entry.createdAt)}>
                        {formatTimestamp(entry.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Group gap={6} wrap="nowrap">
                        <Text fz="sm" truncate title={entry.actor.label ?? undefined}>
                          {entry.actor.label ?? entry.actor.id ?? '—'}
                        </Text>
                        {entry.actor.type !== 'user' && (
                          <Badge size="xs" variant="light" color="gray">
                            {entry.actor.type.replace(/_/g, ' ')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Code>{entry.action}</Code>
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Target type={entry.targetType} id={entry.targetId} />
                    </Table.Td>
                    <Table.Td>
                      <Details data={entry.data} />
                    </Table.Td>
                    <Table.Td style={NOWRAP}>
                      <Text fz="sm" c="dimmed">
                        {entry.ip ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          {log.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
                Load older entries
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type) return <Text fz="sm" c="dimmed">—</Text>;
  return (
    <Text fz="sm" title={id ?? undefined}>
      {type.replace(/_/g, ' ')}
      {id && (
        <Text span fz="xs" c="dimmed" ff="monospace" ml={6}>
          {id.length > 12 ? `${id.slice(0, 8)}…` : id}
        </Text>
      )}
    </Text>
  );
}

/** The entry's data as "key: value" pairs, the full JSON on hover. */
function Details({ data }: { data: unknown }) {
  if (data === null || typeof data !== 'object' || Object.keys(data).length === 0) {
    return <Text fz="sm" c="dimmed">—</Text>;
  }
  const pairs = Object.entries(data as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' · ');
  return (
    <Tooltip label={<pre style={{ margin: 0 }}>{JSON.stringify(data, null, 2)}</pre>} multiline maw={420} withArrow>
      <Text fz="sm" truncate>
        {pairs}
      </Text>
    </Tooltip>
  );
}
