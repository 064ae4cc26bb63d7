import { ActionIcon, Alert, Anchor, Avatar, Box, Button, Grid, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconDots, IconExternalLink, IconPencil, IconPlus, IconTrash, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { formatDate, initials } from '../../app/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { NewContactModal } from '../contacts/NewContactModal';
import { ActivityComposer } from '../shared/ActivityComposer';
import { formatCustomValue } from '../shared/fields';
import { OwnerName } from '../shared/OwnerSelect';
import { contactName, useCustomFields } from '../shared/queries';
import { CompletenessRing, LifecycleBadge, TagList } from '../shared/RecordBits';
import { PropertyList, RecordBreadcrumbs, RecordDeals, RecordNotFound, SectionCard } from '../shared/RecordLayout';
import { useDeleteRecord, useRecord, useRecordList, type RecordDetail } from '../shared/records';
import { TaskList } from '../shared/TaskList';
import { Timeline } from '../shared/Timeline';
import type { CustomField } from '../types';
import { EditCompanyDrawer } from './CompanyModals';

export function CompanyPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const company = useRecord('companies', id);
  const customFields = useCustomFields('company');

  if (company.isPending) return <LoadingBlock />;
  if (company.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={company.error} noun="company" listPath="/companies" listLabel="Back to companies" />
      </Box>
    );
  }
  if (company.data.id !== id) return <Navigate to={`/companies/${company.data.id}`} replace state={{ mergedFrom: id }} />;
  const mergedFrom = (location.state as { mergedFrom?: string } | null)?.mergedFrom;
  return <CompanyView company={company.data} customFields={customFields.data ?? []} mergedFrom={mergedFrom} />;
}

const dash = <Text span c="dimmed" fz="sm">—</Text>;

function CompanyView({ company, customFields, mergedFrom }: { company: RecordDetail<'companies'>; customFields: CustomField[]; mergedFrom?: string }) {
  const navigate = useNavigate();
  const [editing, editDrawer] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteRecord('companies');

  const confirmDelete = () =>
    remove.mutate(company.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${company.name} was deleted.` });
        navigate('/companies', { replace: true });
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not delete the company', message: errorMessage(error) });
        setDeleting(false);
      },
    });

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Companies" to="/companies" current={company.name} />
      {mergedFrom && (
        <Alert color="orange" variant="light" icon={<IconArrowsJoin size={18} />} mb="md">
          The company you opened was merged into this one; its contacts and history are here now.
        </Alert>
      )}
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="lg">
        <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Avatar size={56} radius="md" color="indigo" variant="light">
            {initials(company.name, company.domain ?? '')}
          </Avatar>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
              {company.name}
            </Title>
            <Text fz="sm" c="dimmed">
              {[company.industry, company.country, company.employeeCount !== null ? `${company.employeeCount.toLocaleString()} employees` : null]
                .filter(Boolean)
                .join(' · ') || 'No industry or size yet'}
            </Text>
            <Group gap="md">
              {company.domain && (
                <Group gap={4} wrap="nowrap">
                  <IconWorld size={14} color="var(--mantine-color-gray-6)" />
                  <Anchor href={`https://${company.domain}`} target="_blank" rel="noreferrer" fz="sm">
                    {company.domain}
                    <IconExternalLink size={12} style={{ marginLeft: 3, verticalAlign: -1 }} />
                  </Anchor>
                </Group>
              )}
              <Text fz="sm" c="dimmed">
                Owner: <OwnerName userId={company.ownerId} />
              </Text>
            </Group>
          </Stack>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <CompletenessRing completeness={company.completeness} customFields={customFields} />
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={editDrawer.open}>
            Edit
          </Button>
          <Menu position="bottom-end" shadow="md">
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label="More actions">
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={() => setDeleting(true)}>
                Delete company
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <Stack gap="lg">
            <SectionCard
              title="About"
              actions={
                <Button variant="subtle" size="compact-xs" onClick={editDrawer.open}>
                  Edit
                </Button>
              }
            >
              <PropertyList
                items={[
                  { label: 'Domain', value: company.domain ?? dash },
                  { label: 'Industry', value: company.industry ?? dash },
                  { label: 'Employees', value: company.employeeCount?.toLocaleString() ?? dash },
                  { label: 'Revenue band', value: company.revenueBand ?? dash },
                  { label: 'Country', value: company.country ?? dash },
                  { label: 'Owner', value: <OwnerName userId={company.ownerId} /> },
                  { label: 'Tags', value: <TagList tags={company.tags} max={6} /> },
                  { label: 'Created', value: formatDate(company.createdAt) },
                ]}
              />
            </SectionCard>
            {customFields.length > 0 && (
              <SectionCard title="Custom fields">
                <PropertyList
                  items={customFields.map((field) => ({
                    label: field.label,
                    value: company.custom[field.key] === undefined ? dash : formatCustomValue(company.custom[field.key], field),
                  }))}
                />
              </SectionCard>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8, xl: 6 }}>
          <Stack gap="lg">
            <CompanyContacts companyId={company.id} />
            <SectionCard title="Activity">
              <Stack gap="md">
                <ActivityComposer companyId={company.id} />
                <Timeline url={`/api/v1/companies/${company.id}/timeline`} showContact />
              </Stack>
            </SectionCard>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, xl: 3 }}>
          <Stack gap="lg">
            <SectionCard title="Tasks">
              <TaskList companyId={company.id} />
            </SectionCard>
            <RecordDeals subject={{ companyId: company.id }} />
          </Stack>
        </Grid.Col>
      </Grid>

      <EditCompanyDrawer opened={editing} onClose={editDrawer.close} company={company} />
      <ConfirmDialog
        opened={deleting}
        title="Delete company"
        confirmLabel="Delete company"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(false)}
      >
        Delete {company.name}? Its contacts stay, without a company. This cannot be undone.
      </ConfirmDialog>
    </Box>
  );
}

function CompanyContacts({ companyId }: { companyId: string }) {
  const [adding, addModal] = useDisclosure(false);
  const contacts = useRecordList('contacts', new URLSearchParams({ companyId, sort: 'last_name' }), 25);
  const rows = contacts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <SectionCard
      title="Contacts"
      count={contacts.data ? (contacts.hasNextPage ? undefined : rows.length) : undefined}
      actions={
        <Button variant="default" size="xs" leftSection={<IconPlus size={14} />} onClick={addModal.open}>
          Add contact
        </Button>
      }
    >
      {contacts.isPending ? (
        <LoadingBlock />
      ) : contacts.isError ? (
        <ErrorBlock error={contacts.error} />
      ) : rows.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No contacts at this company yet. Contacts whose email is at its domain join it automatically.
        </Text>
      ) : (
        <>
          <Table fz="sm" verticalSpacing={6} horizontalSpacing="xs" aria-label="Contacts at this company" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Job title</Table.Th>
                <Table.Th w={110}>Stage</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td style={{ maxWidth: 260 }}>
                    <Anchor component={Link} to={`/contacts/${contact.id}`} fz="sm" fw={500} display="block" truncate>
                      {contactName(contact)}
                    </Anchor>
                    {contact.email && (
                      <Text fz="xs" c="dimmed" truncate title={contact.email}>
                        {contact.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ maxWidth: 200 }}>
                    <Text fz="sm" truncate title={contact.jobTitle ?? undefined}>
                      {contact.jobTitle ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <LifecycleBadge stage={contact.lifecycleStage} size="xs" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {contacts.hasNextPage && (
            <Group justify="center" mt="sm">
              <Button variant="default" size="xs" onClick={() => contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
                Load more
              </Button>
            </Group>
          )}
        </>
      )}
      <NewContactModal opened={adding} onClose={addModal.close} companyId={companyId} />
    </SectionCard>
  );
}
