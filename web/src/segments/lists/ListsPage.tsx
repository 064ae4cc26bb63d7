import { Anchor, Box, Button, EmptyState, Paper, Table, Text } from '@mantine/core';
import { IconListDetails, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, formatRelative } from '../../app/format';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { NUMBER } from '../../components/table';
import { useLists } from '../api';
import { SegmentsTabs } from '../SegmentsTabs';
import type { List } from '../types';
import { ListFormModal } from './ListFormModal';

/** Static lists: contacts added by hand, from a condition or from a CSV file. */
export function ListsPage() {
  const lists = useLists();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <Box p="xl">
      <PageHeader
        title="Lists"
        description="Contacts you put together by hand, from a condition or from a CSV file. Unlike a segment, a list changes only when you change it."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New list
          </Button>
        }
      />
      <SegmentsTabs current="lists" />
      {lists.isPending ? (
        <LoadingBlock />
      ) : lists.isError ? (
        <ErrorBlock error={lists.error} />
      ) : lists.data.length === 0 ? (
        <NoListsYet onCreate={() => setCreating(true)} />
      ) : (
        <ListsTable lists={lists.data} />
      )}
      <ListFormModal opened={creating} onClose={() => setCreating(false)} onSaved={(list) => navigate(`/lists/${list.id}`)} />
    </Box>
  );
}

function ListsTable({ lists }: { lists: List[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Lists" miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th style={NUMBER}>Members</Table.Th>
            <Table.Th w={160}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lists.map((list) => (
            <Table.Tr key={list.id}>
              <Table.Td maw={520}>
                <Anchor component={Link} to={`/lists/${list.id}`} fz="sm" fw={600} display="block" truncate>
                  {list.name}
                </Anchor>
                {list.description && (
                  <Text fz="xs" c="dimmed" truncate title={list.description}>
                    {list.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm" fw={500}>
                {list.memberCount.toLocaleString()}
              </Table.Td>
              <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <span title={formatDateTime(list.updatedAt)}>{formatRelative(list.updatedAt)}</span>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function NoListsYet({ onCreate }: { onCreate: () => void }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconListDetails size={28} stroke={1.6} />}
        variant="light"
        title="No lists yet"
        description="Make a list for an event's guests, a hand-picked account list or a file from a partner."
        maw={480}
        mx="auto"
      >
        <Box ta="center" mt="md">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onCreate}>
            New list
          </Button>
        </Box>
      </EmptyState>
    </Paper>
  );
}
