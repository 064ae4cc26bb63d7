import { Anchor, Badge, Box, Breadcrumbs, Button, EmptyState, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconFileUnknown, IconTargetArrow } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { formatDate } from '../../app/format';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import type { Deal } from '../types';
import { useRecordDeals, type RecordSubject } from './queries';

/** A titled card of a record page (About, Tasks, Deals…). */
export function SectionCard({ title, actions, children, count }: { title: string; actions?: ReactNode; children: ReactNode; count?: number }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} fz="md" id={id}>
          {title}
          {count !== undefined && (
            <Text span c="dimmed" fz="sm" fw={500} ml={6}>
              {count}
            </Text>
          )}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}

/** Label and value rows of a profile. */
export function PropertyList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'minmax(96px, 38%) 1fr', rowGap: 8, columnGap: 12 }}>
      {items.map((item) => (
        <Box key={item.label} style={{ display: 'contents' }}>
          <Text component="dt" fz="sm" c="dimmed">
            {item.label}
          </Text>
          <Box component="dd" m={0} fz="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {item.value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

export function RecordBreadcrumbs({ parent, to, current }: { parent: string; to: string; current: string }) {
  return (
    <Breadcrumbs fz="sm" mb="sm" separatorMargin={6}>
      <Anchor component={Link} to={to} fz="sm">
        {parent}
      </Anchor>
      <Text fz="sm" c="dimmed" truncate maw={420}>
        {current}
      </Text>
    </Breadcrumbs>
  );
}

/** A record that does not exist (deleted, or a wrong link) gets a way back instead of an error. */
export function RecordNotFound({ error, noun, listPath, listLabel }: { error: unknown; noun: string; listPath: string; listLabel: string }) {
  if (!isApiError(error, 404)) return <ErrorBlock error={error} />;
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconFileUnknown size={28} stroke={1.6} />}
        variant="light"
        color="gray"
        title={`This ${noun} does not exist`}
        description={`It may have been deleted, or the link is wrong.`}
        maw={460}
        mx="auto"
      >
        <Group justify="center" mt="md">
          <Button component={Link} to={listPath} variant="default" size="xs">
            {listLabel}
          </Button>
        </Group>
      </EmptyState>
    </Paper>
  );
}

const STATUS_COLORS: Record<Deal['status'], string> = { open: 'blue', won: 'green', lost: 'red' };

export function formatAmount(amount: number | null, currency: string): string {
  if (amount === null) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** The deals of a contact or company, each linking to its deal page. */
export function RecordDeals({ subject }: { subject: RecordSubject }) {
  const deals = useRecordDeals(subject);
  return (
    <SectionCard title="Deals" count={deals.data?.length}>
      {deals.isPending ? (
        <Text fz="sm" c="dimmed">
          Loading…
        </Text>
      ) : deals.isError ? (
        <ErrorBlock error={deals.error} />
      ) : deals.data.length === 0 ? (
        <Group gap={8} wrap="nowrap">
          <IconTargetArrow size={16} color="var(--mantine-color-gray-5)" />
          <Text fz="sm" c="dimmed">
            No deals yet.
          </Text>
        </Group>
      ) : (
        <Table fz="sm" verticalSpacing={6} horizontalSpacing={4} aria-label="Deals">
          <Table.Tbody>
            {deals.data.map((deal) => (
              <Table.Tr key={deal.id}>
                <Table.Td style={{ maxWidth: 0, width: '100%' }}>
                  <Anchor component={Link} to={`/deals/${deal.id}`} fz="sm" fw={500} display="block" truncate>
                    {deal.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed">
                    {deal.status === 'open'
                      ? deal.expectedCloseDate
                        ? `Closes ${formatDate(deal.expectedCloseDate)}`
                        : 'No close date'
                      : `Closed ${formatDate(deal.closedAt)}`}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Text fz="sm">{formatAmount(deal.amount, deal.currency)}</Text>
                  <Badge size="xs" variant="light" color={STATUS_COLORS[deal.status]}>
                    {deal.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </SectionCard>
  );
}

/** A record page's record once it has loaded: a spinner meanwhile, "not found" (or the error) when it cannot be. */
export function LoadedRecord<T>({ query, noun, listPath, listLabel, children }: {
  query: UseQueryResult<T>; noun: string; listPath: string; listLabel: string; children: (record: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingBlock />;
  if (query.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={query.error} noun={noun} listPath={listPath} listLabel={listLabel} />
      </Box>
    );
  }
  return children(query.data);
}
