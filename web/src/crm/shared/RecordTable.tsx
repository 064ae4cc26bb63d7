import { Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconColumns3 } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface Column<T> {
  id: string;
  label: string;
  /** The API sort key (e.g. `last_name`, `custom.tier`); absent when the column cannot be sorted. */
  sort?: string;
  render: (row: T) => ReactNode;
  width?: number;
  /** Longer values end in an ellipsis (240 px unless set). */
  maxWidth?: number;
  /** Shown until the person chooses otherwise. */
  defaultVisible?: boolean;
  /** Always shown (the record's name). */
  fixed?: boolean;
}

/** The chosen column ids, remembered in this browser. */
export function useStoredColumns(storageKey: string, columns: Column<unknown>[] | Column<never>[]) {
  const defaults = (columns as Column<unknown>[]).filter((column) => column.fixed || column.defaultVisible).map((column) => column.id);
  return useLocalStorage<string[]>({ key: storageKey, defaultValue: defaults, getInitialValueInEffect: false });
}

interface ColumnChooserProps<T> {
  columns: Column<T>[];
  visible: string[];
  onChange: (visible: string[]) => void;
}

export function ColumnChooser<T>({ columns, visible, onChange }: ColumnChooserProps<T>) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...visible, id] : visible.filter((v) => v !== id));
  const reset = () => onChange(columns.filter((c) => c.fixed || c.defaultVisible).map((c) => c.id));
  const standard = columns.filter((c) => !c.id.startsWith('custom.'));
  const custom = columns.filter((c) => c.id.startsWith('custom.'));
  const item = (column: Column<T>) => (
    <Checkbox
      key={column.id}
      size="xs"
      label={column.label}
      checked={column.fixed || visible.includes(column.id)}
      disabled={column.fixed}
      onChange={(event) => toggle(column.id, event.currentTarget.checked)}
    />
  );
  return (
    <Popover width={240} position="bottom-end" shadow="md" withArrow>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns3 size={15} />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <ScrollArea.Autosize mah={380} type="auto">
          <Stack gap={6} role="group" aria-label="Visible columns">
            {standard.map(item)}
            {custom.length > 0 && (
              <>
                <Divider label="Custom fields" labelPosition="left" my={2} />
                {custom.map(item)}
              </>
            )}
          </Stack>
        </ScrollArea.Autosize>
        <Button variant="subtle" size="compact-xs" mt="sm" onClick={reset}>
          Reset to default
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}

interface RecordTableProps<T extends { id: string }> {
  label: string;
  columns: Column<T>[];
  rows: T[];
  sort: string;
  onSort: (sort: string) => void;
  selected: Set<string>;
  onSelectedChange: (selected: Set<string>) => void;
  rowName: (row: T) => string;
}

/** A dense, sortable table of records with a checkbox per row for bulk actions. */
export function RecordTable<T extends { id: string }>({ label, columns, rows, sort, onSort, selected, onSelectedChange, rowName }: RecordTableProps<T>) {
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const someSelected = rows.some((row) => selected.has(row.id));
  const toggleAll = () => onSelectedChange(allSelected ? new Set() : new Set(rows.map((row) => row.id)));
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelectedChange(next);
  };
  const descending = sort.startsWith('-');
  const sortKey = descending ? sort.slice(1) : sort;

  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table aria-label={label} verticalSpacing={7} horizontalSpacing={10} highlightOnHover fz="sm" stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                size="xs"
                aria-label="Select all rows"
                checked={allSelected}
                indeterminate={someSelected && !allSelected}
                onChange={toggleAll}
              />
            </Table.Th>
            {columns.map((column) => {
              const active = column.sort !== undefined && column.sort === sortKey;
              return (
                <Table.Th
                  key={column.id}
                  w={column.width}
                  aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {column.sort ? (
                    <UnstyledButton
                      onClick={() => onSort(active && !descending ? `-${column.sort}` : column.sort!)}
                      aria-label={`Sort by ${column.label}`}
                    >
                      <Group gap={4} wrap="nowrap">
                        <Text fz="sm" fw={700} c={active ? 'indigo.7' : undefined}>
                          {column.label}
                        </Text>
                        {active ? (
                          descending ? <IconArrowDown size={13} /> : <IconArrowUp size={13} />
                        ) : (
                          <IconArrowsSort size={13} color="var(--mantine-color-gray-5)" />
                        )}
                      </Group>
                    </UnstyledButton>
                  ) : (
                    column.label
                  )}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} bg={selected.has(row.id) ? 'var(--mantine-color-indigo-0)' : undefined}>
              <Table.Td>
                <Checkbox size="xs" aria-label={`Select ${rowName(row)}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
              </Table.Td>
              {columns.map((column) => (
                <Table.Td key={column.id} style={{ whiteSpace: 'nowrap', maxWidth: column.maxWidth ?? 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {column.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
