import { Anchor, Button, EmptyState, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChartBar, IconPlus, IconTemplate } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useSubscriptionTopics } from '../consent/api';
import { useTemplates } from './api';
import { KindBadge } from './EmailBits';

/** The workspace's templates, most recently changed first. */
export function TemplatesPanel({ writable }: { writable: boolean }) {
  const templates = useTemplates();
  const topics = useSubscriptionTopics();
  if (templates.isPending) return <LoadingBlock />;
  if (templates.isError) return <ErrorBlock error={templates.error} />;

  if (templates.data.length === 0) {
    return (
      <Paper withBorder radius="lg" py={56} px="xl">
        <EmptyState
          variant="light"
          icon={<IconTemplate size={28} stroke={1.6} />}
          title="No templates yet"
          description="A template is an email's layout in MJML, with merge fields that fill in each recipient's name, company and links."
          maw={500}
          mx="auto"
        >
          {writable && (
            <Group justify="center" mt="md">
              <Button component={Link} to="/email/templates/new" leftSection={<IconPlus size={16} />}>
                New template
              </Button>
            </Group>
          )}
        </EmptyState>
      </Paper>
    );
  }

  const topicName = (key: string) => topics.data?.find((topic) => topic.key === key)?.name ?? key;
  return (
    <Paper withBorder radius="md">
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Templates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={130}>Kind</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th w={180}>Topic</Table.Th>
            <Table.Th w={140}>Updated</Table.Th>
            <Table.Th w={90} ta="right">
              Version
            </Table.Th>
            <Table.Th w={110}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {templates.data.map((template) => (
            <Table.Tr key={template.id}>
              <Table.Td>
                <Anchor component={Link} to={`/email/templates/${template.id}`} fz="sm" fw={600}>
                  {template.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <KindBadge kind={template.kind} />
              </Table.Td>
              <Table.Td>
                <Text fz="sm" truncate maw={420} title={template.subject}>
                  {template.subject}
                </Text>
              </Table.Td>
              <Table.Td>
                {template.topicKey ? (
                  <Text fz="sm">{topicName(template.topicKey)}</Text>
                ) : (
                  <Text fz="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text fz="sm" c="dimmed" title={formatDateTime(template.updatedAt)}>
                  {formatRelative(template.updatedAt)}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  v{template.version}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button
                  component={Link}
                  to={`/email/templates/${template.id}/report`}
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconChartBar size={15} />}
                >
                  Report
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
