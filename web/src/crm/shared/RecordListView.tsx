import { Box, Button, Center, EmptyState, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconFilterOff, type Icon } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { BulkActionBar, plural } from './BulkActionBar';
import { ColumnChooser, RecordTable, useStoredColumns, type Column } from './RecordTable';
import { useRecordList, type RecordOf, type RecordResource } from './records';

interface RecordListViewProps<R extends RecordResource> {
  resource: R;
  noun: string;
  icon: Icon;
  /** localStorage key of the chosen columns. */
  columnsKey: string;
  columns: Column<RecordOf<R>>[];
  /** The API's list filters and sort. */
  params: URLSearchParams;
  sort: string;
  onSort: (sort: string) => void;
  filters: ReactNode;
  hasFilters: boolean;
  onClearFilters: () => void;
  /** What an empty workspace is invited to do (e.g. a "New contact" button). */
  emptyActions: ReactNode;
  emptyDescription: string;
  rowName: (row: RecordOf<R>) => string;
}

/** Filters, column chooser, bulk actions, a sortable table and "Load more": the shape of every record list. */
export function RecordListView<R extends RecordResource>(props: RecordListViewProps<R>) {
  const { resource, noun, columns, params, sort, onSort, filters, hasFilters, onClearFilters, rowName } = props;
  const list = useRecordList(resource, params);
  const [visible, setVisible] = useStoredColumns(props.columnsKey, columns as Column<unknown>[]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const key = params.toString();
  // A new filter shows other rows; a selection of rows no longer shown would surprise.
  useEffect(() => setSelected(new Set()), [key]);

  const shownColumns = useMemo(
    () => columns.filter((column) => column.fixed || visible.includes(column.id)),
    [columns, visible],
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const selectedIds = rows.filter((row) => selected.has(row.id)).map((row) => row.id);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="nowrap">
        <Group gap="sm" align="flex-end" style={{ flex: 1, minWidth: 0 }}>
          {filters}
          {hasFilters && (
            <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={onClearFilters}>
              Clear filters
            </Button>
          )}
        </Group>
        <Box style={{ flexShrink: 0 }}>
          <ColumnChooser columns={columns} visible={visible} onChange={setVisible} />
        </Box>
      </Group>

      {selectedIds.length > 0 && (
        <BulkActionBar resource={resource} ids={selectedIds} noun={noun} onDone={() => setSelected(new Set())} />
      )}

      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorBlock error={list.error} />
      ) : rows.length === 0 ? (
        <Paper withBorder radius="md" py={48} px="xl">
          {hasFilters ? (
            <EmptyState
              icon={<IconFilterOff size={26} stroke={1.6} />}
              variant="light"
              color="gray"
              title={`No ${plural(noun)} match these filters`}
              description="Change or clear the filters to see more."
              maw={460}
              mx="auto"
            >
              <Center mt="md">
                <Button variant="default" size="xs" onClick={onClearFilters}>
                  Clear filters
                </Button>
              </Center>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<props.icon size={28} stroke={1.6} />}
              variant="light"
              title={`No ${plural(noun)} yet`}
              description={props.emptyDescription}
              maw={480}
              mx="auto"
            >
              <Group justify="center" mt="md" gap="sm">
                {props.emptyActions}
              </Group>
            </EmptyState>
          )}
        </Paper>
      ) : (
        <>
          <Paper withBorder radius="md" style={{ overflow: 'hidden', opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            <RecordTable
              label={plural(noun).replace(/^./, (c) => c.toUpperCase())}
              columns={shownColumns}
              rows={rows}
              sort={sort}
              onSort={onSort}
              selected={selected}
              onSelectedChange={setSelected}
              rowName={rowName}
            />
          </Paper>
          <Group justify="space-between">
            <Text fz="sm" c="dimmed">
              {rows.length} {rows.length === 1 ? noun : plural(noun)} shown{list.hasNextPage ? ', more to load' : ''}
              {list.isFetching && !list.isFetchingNextPage && <Loader size={12} ml={8} />}
            </Text>
            {list.hasNextPage && (
              <Button variant="default" size="xs" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
