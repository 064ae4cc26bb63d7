import { Anchor, Badge, Box, Button, EmptyState, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconInbox } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { submissionsCsvUrl, useSubmissions } from './api';
import { pagePath } from './format';
import type { Form } from './types';

function answerText(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

/** Who sent the form, what they answered, from which page and source. */
export function SubmissionsPanel({ form }: { form: Form }) {
  const submissions = useSubmissions(form.id);
  const labels = new Map(form.fields.map((field) => [field.key, field.label]));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          Newest first. Each submission created or updated the contact it names.
        </Text>
        <Button component="a" href={submissionsCsvUrl(form.id)} download variant="default" leftSection={<IconDownload size={16} />}>
          Download CSV
        </Button>
      </Group>
      {submissions.isPending ? (
        <LoadingBlock />
      ) : submissions.isError ? (
        <ErrorBlock error={submissions.error} />
      ) : submissions.data.length === 0 ? (
        <Paper withBorder radius="lg" py={48} px="xl">
          <EmptyState
            icon={<IconInbox size={28} stroke={1.6} />}
            variant="light"
            title="No submissions yet"
            description="Embed the form on your website; each submission shows here with the contact it created or updated."
            maw={480}
            mx="auto"
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Submissions" miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Answers</Table.Th>
                <Table.Th>Page</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th w={140}>Submitted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {submissions.data.map((submission) => (
                <Table.Tr key={submission.id} style={{ verticalAlign: 'top' }}>
                  <Table.Td maw={240}>
                    <Anchor component={Link} to={`/contacts/${submission.contactId}`} fz="sm" fw={600} truncate display="block">
                      {submission.contactName || submission.contactEmail || 'Contact'}
                    </Anchor>
                    {submission.contactName && submission.contactEmail && (
                      <Text fz="xs" c="dimmed" truncate>
                        {submission.contactEmail}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 10, rowGap: 2 }}>
                      {Object.entries(submission.answers).map(([key, value]) => (
                        <Box key={key} style={{ display: 'contents' }}>
                          <Text component="dt" fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {labels.get(key) ?? key}
                          </Text>
                          <Text component="dd" m={0} fz="xs" style={{ overflowWrap: 'anywhere' }}>
                            {answerText(value)}
                          </Text>
                        </Box>
                      ))}
                    </Box>
                  </Table.Td>
                  <Table.Td maw={260}>
                    {submission.pageUrl ? (
                      <Tooltip label={submission.pageUrl} openDelay={400}>
                        <Anchor href={submission.pageUrl} target="_blank" rel="noreferrer" fz="xs" truncate display="block" style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
                          {pagePath(submission.pageUrl)}
                        </Anchor>
                      </Tooltip>
                    ) : (
                      <Text fz="xs" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {submission.source ? (
                      <Badge variant="light" color="grape" radius="sm" tt="none">
                        {submission.source}
                      </Badge>
                    ) : (
                      <Text fz="xs" c="dimmed">
                        Direct
                      </Text>
                    )}
                    {submission.utm.utm_campaign && (
                      <Text fz="xs" c="dimmed" mt={4}>
                        {submission.utm.utm_campaign}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    <span title={formatDateTime(submission.submittedAt)}>{formatRelative(submission.submittedAt)}</span>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
