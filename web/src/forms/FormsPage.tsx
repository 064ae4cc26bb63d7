import { Anchor, Box, Button, EmptyState, Group, Paper, Progress, Stack, Table, Text } from '@mantine/core';
import { IconForms, IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDateTime, formatRelative } from '../app/format';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { NUMBER } from '../components/table';
import { useForms } from './api';
import { formatRate, rateOf } from './format';
import { FormStatusBadge } from './StatusBadge';
import type { FormSummary } from './types';

/** /forms: every form with its views, submissions and conversion rate. */
export function FormsPage() {
  const forms = useForms();
  const writable = useCurrentMe().workspace.role !== 'viewer';
  return (
    <Box p="xl">
      <PageHeader
        title="Forms"
        description="Forms on your website that turn anonymous visitors into contacts: each answer fills a contact, company or custom field, and each consent box is kept with its wording."
        actions={
          writable && (
            <Button component={Link} to="/forms/new" leftSection={<IconPlus size={16} />}>
              New form
            </Button>
          )
        }
      />
      {forms.isPending ? (
        <LoadingBlock />
      ) : forms.isError ? (
        <ErrorBlock error={forms.error} />
      ) : forms.data.length === 0 ? (
        <NoFormsYet writable={writable} />
      ) : (
        <FormsTable forms={forms.data} />
      )}
    </Box>
  );
}

function FormsTable({ forms }: { forms: FormSummary[] }) {
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Forms" miw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th style={NUMBER}>Views</Table.Th>
            <Table.Th style={NUMBER}>Submissions</Table.Th>
            <Table.Th w={200}>Conversion rate</Table.Th>
            <Table.Th w={150}>Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forms.map((form) => {
            const rate = rateOf(form.views, form.submissions);
            return (
              <Table.Tr key={form.id}>
                <Table.Td maw={420}>
                  <Stack gap={0}>
                    <Anchor component={Link} to={`/forms/${form.id}`} fz="sm" fw={600} truncate>
                      {form.name}
                    </Anchor>
                    <Text fz="xs" c="dimmed" truncate>
                      {form.fields.length} {form.fields.length === 1 ? 'field' : 'fields'}
                      {form.consents.length > 0 && ` · ${form.consents.length} consent ${form.consents.length === 1 ? 'box' : 'boxes'}`}
                      {form.progressive && ` · progressive (${form.progressive.maxFields} at a time)`}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <FormStatusBadge status={form.status} />
                </Table.Td>
                <Table.Td style={NUMBER} fz="sm">
                  {form.views.toLocaleString()}
                </Table.Td>
                <Table.Td style={NUMBER} fz="sm" fw={500}>
                  {form.submissions.toLocaleString()}
                </Table.Td>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Progress value={Math.min(rate ?? 0, 100)} size="sm" w={90} aria-hidden />
                    <Text fz="sm" fw={500}>
                      {formatRate(rate)}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  <span title={formatDateTime(form.updatedAt)}>{formatRelative(form.updatedAt)}</span>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function NoFormsYet({ writable }: { writable: boolean }) {
  return (
    <Paper withBorder radius="lg" py={56} px="xl">
      <EmptyState
        icon={<IconForms size={28} stroke={1.6} />}
        variant="light"
        title="No forms yet"
        description="Build a form, map its fields to contact properties, and embed it on any page of your website with one line of HTML."
        maw={520}
        mx="auto"
      >
        {writable && (
          <Box ta="center" mt="md">
            <Button component={Link} to="/forms/new" size="xs" leftSection={<IconPlus size={14} />}>
              New form
            </Button>
          </Box>
        )}
      </EmptyState>
    </Paper>
  );
}
