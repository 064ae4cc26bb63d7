import { ActionIcon, Box, Button, EmptyState, Group, Menu, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconDownload, IconFileUpload, IconFilterPlus, IconPencil, IconTrash, IconUserMinus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { RecordPicker } from '../../crm/deals/RecordPicker';
import { RecordBreadcrumbs, RecordNotFound } from '../../crm/shared/RecordLayout';
import { listCsvUrl, useAddListMembers, useDeleteList, useList, useListMembers, useRemoveListMembers } from '../api';
import { contactCount } from '../labels';
import { DeleteDialog } from '../DeleteDialog';
import { MembersTable } from '../MembersTable';
import type { List } from '../types';
import { AddFromConditionModal } from './AddFromConditionModal';
import { ImportCsvModal } from './ImportCsvModal';
import { ListFormModal } from './ListFormModal';

type Dialog = 'edit' | 'delete' | 'condition' | 'import' | null;

export function ListPage() {
  const { id = '' } = useParams();
  const list = useList(id);
  if (list.isPending) return <LoadingBlock />;
  if (list.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={list.error} noun="list" listPath="/lists" listLabel="All lists" />
      </Box>
    );
  }
  return <ListView list={list.data} />;
}

function ListView({ list }: { list: List }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const remove = useDeleteList();
  const close = () => setDialog(null);

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Lists" to="/lists" current={list.name} />
      <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
            {list.name}
          </Title>
          <Text fz="sm" c="dimmed" maw={720}>
            {list.description ? `${list.description} · ` : ''}
            {contactCount(list.memberCount)}
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <Button variant="default" leftSection={<IconFilterPlus size={16} />} onClick={() => setDialog('condition')}>
            Add from condition
          </Button>
          <Button variant="default" leftSection={<IconFileUpload size={16} />} onClick={() => setDialog('import')}>
            Import CSV
          </Button>
          <Button variant="default" component="a" href={listCsvUrl(list.id)} download leftSection={<IconDownload size={16} />}>
            Export CSV
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label="More actions">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setDialog('edit')}>
                Edit list
              </Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDialog('delete')}>
                Delete list
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <ListMembers list={list} />

      <ListFormModal opened={dialog === 'edit'} onClose={close} list={list} />
      <AddFromConditionModal list={list} opened={dialog === 'condition'} onClose={close} />
      <ImportCsvModal list={list} opened={dialog === 'import'} onClose={close} />
      <DeleteDialog
        kind="list" target={list} remove={remove} backTo="/lists" opened={dialog === 'delete'} onClose={close}
        consequence="Its contacts stay; segments that use the list are flagged until they are edited."
      />
    </Box>
  );
}

/** The members, with a picker to add one and a way to remove the ticked ones. */
function ListMembers({ list }: { list: List }) {
  const members = useListMembers(list.id);
  const add = useAddListMembers(list.id);
  const remove = useRemoveListMembers(list.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = (members.data?.pages ?? []).flatMap((page) => page.items.map((item) => ({ contact: item.contact, at: item.addedAt })));

  const addContact = (contactId: string, name: string) =>
    add.mutate([contactId], {
      onSuccess: ({ added }) =>
        notifications.show({ color: 'green', message: added > 0 ? `${name} is on the list.` : `${name} was on the list already.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not add the contact', message: errorMessage(error) }),
    });
  const removeSelected = () =>
    remove.mutate([...selected], {
      onSuccess: ({ removed }) => {
        notifications.show({ color: 'green', message: `Removed ${contactCount(removed)} from the list.` });
        setSelected(new Set());
      },
      onError: (error) => notifications.show({ color: 'red', title: 'Could not remove', message: errorMessage(error) }),
    });

  return (
    <Stack gap="sm" component="section" aria-label="Members">
      <Group justify="space-between" align="flex-end">
        <Box w={360}>
          <RecordPicker
            kind="contact"
            label="Add a contact"
            placeholder="Search contacts by name or email"
            value={null}
            clearOnSelect
            exclude={rows.map((row) => row.contact.id)}
            onChange={(id, name) => id && addContact(id, name ?? 'The contact')}
          />
        </Box>
        {selected.size > 0 && (
          <Button color="red" variant="light" leftSection={<IconUserMinus size={16} />} loading={remove.isPending} onClick={removeSelected}>
            Remove {contactCount(selected.size)}
          </Button>
        )}
      </Group>
      {members.isPending ? (
        <LoadingBlock />
      ) : members.isError ? (
        <ErrorBlock error={members.error} />
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md" py={40} px="xl">
          <EmptyState
            icon={<IconUsers size={24} stroke={1.6} />}
            variant="light"
            color="gray"
            title="Nobody on this list yet"
            description="Add contacts one by one above, everyone who matches a condition, or a CSV file of email addresses."
            maw={480}
            mx="auto"
          />
        </Paper>
      ) : (
        <MembersTable
          label="List members"
          rows={rows}
          atLabel="Added"
          total={list.memberCount}
          selection={{ selected, onChange: setSelected }}
          hasMore={members.hasNextPage}
          loadingMore={members.isFetchingNextPage}
          onLoadMore={() => members.fetchNextPage()}
        />
      )}
    </Stack>
  );
}
