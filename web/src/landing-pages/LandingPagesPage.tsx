import { Anchor, Box, Button, EmptyState, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { IconExternalLink, IconLayoutBoard, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { NUMBER } from '../components/table';
import { usePages } from './api';
import { formatRate } from './format';
import { PageStatusBadge } from './StatusBadge';
import type { PageSummary } from './types';

/** /landing-pages: every page with its address, variants, visitors and conversion rate. */
export function LandingPagesPage() {
  const pages = usePages();
  const writable = useCurrentMe().workspace.role !== 'viewer';
  return (
    <Box p="xl">
      <PageHeader
        title="Landing pages"
        description="Pages hosted by Tandem at their own address, built from blocks around one of your forms. Test versions of a page against each other and keep the one that converts."
        actions={
          writable && (
            <Button component={Link} to="/landing-pages/new" leftSection={<IconPlus size={16} />}>
              New landing page
            </Button>
          )
        }
      />
      {pages.isPending ? (
        <LoadingBlock />
      ) : pages.isError ? (
        <ErrorBlock error={pages.error} />
      ) : pages.data.length === 0 ? (
        <NoPagesYet writable={writable} />
      ) : (
        <PagesTable pages={pages.data} />
      )}
    </Box>
  );
}

/** `/p/spring-guide`, from the full public address. */
function addressPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function PagesTable({ pages }: { pages: PageSummary[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Landing pages" miw={940}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th style={NUMBER}>Variants</Table.Th>
            <Table.Th style={NUMBER}>Visitors</Table.Th>
            <Table.Th style={NUMBER}>Conversions</Table.Th>
            <Table.Th w={150} style={{ whiteSpace: 'nowrap' }}>Conversion rate</Table.Th>
            <Table.Th w={110}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pages.map((page) => (
            <Table.Tr key={page.id}>
              <Table.Td maw={320}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/landing-pages/${page.id}`} fz="sm" fw={600} truncate>
                    {page.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed" truncate>
                    {page.title}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td maw={240}>
                {page.status === 'published' ? (
                  <Anchor href={page.url} target="_blank" rel="noreferrer" fz="sm" ff="monospace" aria-label={`Open ${addressPath(page.url)}`} title={page.url} display="block">
                    <Group gap={4} wrap="nowrap">
                      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{addressPath(page.url)}</span>
                      <IconExternalLink size={13} style={{ flexShrink: 0 }} />
                    </Group>
                  </Anchor>
                ) : (
                  <Text fz="sm" ff="monospace" c="dimmed" truncate title="Not public until it is published">
                    {addressPath(page.url)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <PageStatusBadge status={page.status} />
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm">
                {page.variants.length === 1 ? '1' : `${page.variants.length} (A/B)`}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm">
                {page.visitors.toLocaleString()}
              </Table.Td>
              <Table.Td style={NUMBER} fz="sm" fw={500}>
                {page.conversions.toLocaleString()}
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Progress value={Math.min(page.rate ?? 0, 100)} size="sm" w={56} aria-hidden />
                  <Text fz="sm" fw={500}>
                    {formatRate(page.rate)}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                <span title={formatDateTime(page.updatedAt)}>{formatRelative(page.updatedAt)}</span>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function NoPagesYet({ writable }: { writable: boolean }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconLayoutBoard size={28} stroke={1.6} />}
        variant="light"
        title="No landing pages yet"
        description="Build a page from a hero, text, images, testimonials and one of your forms, publish it at its own address, and A/B test its headline."
        maw={520}
        mx="auto"
      >
        {writable && (
          <Box ta="center" mt="md">
            <Button component={Link} to="/landing-pages/new" size="xs" leftSection={<IconPlus size={14} />}>
              New landing page
            </Button>
          </Box>
        )}
      </EmptyState>
    </Paper>
  );
}
