import { Anchor, Button, Checkbox, Group, Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import type { MemberContact } from './types';

export interface MemberRow {
  contact: MemberContact;
  /** When the contact entered the segment or was added to the list. */
  at: string;
}

interface MembersTableProps {
  label: string;
  rows: MemberRow[];
  /** "Entered" or "Added". */
  atLabel: string;
  /** Rows may be ticked (a list's members, to remove them). */
  selection?: { selected: ReadonlySet<string>; onChange: (selected: Set<string>) => void };
  /** An action at the end of each row ("Why?"). */
  action?: (contact: MemberContact) => ReactNode;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  total: number;
}

/** Members of a segment or list, newest first, with "Load more" at the bottom. */
export function MembersTable({ label, rows, atLabel, selection, action, hasMore, loadingMore, onLoadMore, total }: MembersTableProps) {
  const allSelected = selection !== undefined && rows.length > 0 && rows.every((row) => selection.selected.has(row.contact.id));
  const toggle = (id: string, on: boolean) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (on) next.add(id);
    else next.delete(id);
    selection.onChange(next);
  };

  return (
    <>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing={8} horizontalSpacing="md" highlightOnHover aria-label={label} miw={680}>
          <Table.Thead>
            <Table.Tr>
              {selection && (
                <Table.Th w={40}>
                  <Checkbox
                    size="xs"
                    aria-label="Select all shown"
                    checked={allSelected}
                    indeterminate={!allSelected && rows.some((row) => selection.selected.has(row.contact.id))}
                    onChange={(event) => selection.onChange(event.currentTarget.checked ? new Set(rows.map((row) => row.contact.id)) : new Set())}
                  />
                </Table.Th>
              )}
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Company</Table.Th>
              <Table.Th w={140}>{atLabel}</Table.Th>
              {action && <Table.Th w={80} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ contact, at }) => (
              <Table.Tr key={contact.id} bg={selection?.selected.has(contact.id) ? 'indigo.0' : undefined}>
                {selection && (
                  <Table.Td>
                    <Checkbox
                      size="xs"
                      aria-label={`Select ${contact.name}`}
                      checked={selection.selected.has(contact.id)}
                      onChange={(event) => toggle(contact.id, event.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td maw={240}>
                  <Anchor component={Link} to={`/contacts/${contact.id}`} fz="sm" fw={500} display="block" truncate>
                    {contact.name}
                  </Anchor>
                </Table.Td>
                <Table.Td maw={260}>
                  <Text fz="sm" c={contact.email ? undefined : 'dimmed'} truncate title={contact.email ?? undefined}>
                    {contact.email ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td maw={200}>
                  <Text fz="sm" c={contact.companyName ? undefined : 'dimmed'} truncate>
                    {contact.companyName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  <span title={formatDateTime(at)}>{formatRelative(at)}</span>
                </Table.Td>
                {action && <Table.Td ta="right">{action(contact)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="space-between" mt="sm">
        <Text fz="sm" c="dimmed">
          {rows.length.toLocaleString()} of {Math.max(total, rows.length).toLocaleString()} shown
        </Text>
        {hasMore && (
          <Button variant="default" size="xs" onClick={onLoadMore} loading={loadingMore}>
            Load more
          </Button>
        )}
      </Group>
    </>
  );
}
