import { Anchor, Avatar, Box, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconExternalLink, IconPlus, IconWorld } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, initials } from '../../app/format';
import { SourceCard } from '../../events/SourceCard';
import { TrackedTraitsCard } from '../../events/TrackedTraitsCard';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { AccountScoreCard } from '../../scoring/AccountScoreCard';
import { NewContactModal } from '../contacts/NewContactModal';
import { OwnerName } from '../shared/OwnerSelect';
import { contactName } from '../shared/queries';
import { LifecycleBadge, TagList } from '../shared/RecordBits';
import { RecordBreadcrumbs, SectionCard } from '../shared/RecordLayout';
import {
  AboutCard,
  ActivityCard,
  CustomFieldsCard,
  DeleteRecordDialog,
  emptyValue,
  MergedRecordAlert,
  RecordColumns,
  RecordHeaderActions,
  RecordPageHeader,
  RecordPageLoader,
} from '../shared/RecordPage';
import { useRecordList, type RecordDetail } from '../shared/records';
import type { CustomField } from '../types';
import { EditCompanyDrawer } from './CompanyModals';

export function CompanyPage() {
  return (
    <RecordPageLoader resource="companies" noun="company">
      {(company, customFields, mergedFrom) => <CompanyView company={company} customFields={customFields} mergedFrom={mergedFrom} />}
    </RecordPageLoader>
  );
}

function CompanyView({ company, customFields, mergedFrom }: { company: RecordDetail<'companies'>; customFields: CustomField[]; mergedFrom?: string }) {
  const [editing, editDrawer] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Companies" to="/companies" current={company.name} />
      {mergedFrom && <MergedRecordAlert>The company you opened was merged into this one; its contacts and history are here now.</MergedRecordAlert>}
      <RecordPageHeader
        avatar={
          <Avatar size={56} radius="md" color="indigo" variant="light">
            {initials(company.name, company.domain ?? '')}
          </Avatar>
        }
        actions={
          <RecordHeaderActions
            completeness={company.completeness}
            customFields={customFields}
            onEdit={editDrawer.open}
            onDelete={() => setDeleting(true)}
            deleteLabel="Delete company"
          />
        }
      >
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
      </RecordPageHeader>

      <RecordColumns
        profile={
          <>
            <AboutCard
              onEdit={editDrawer.open}
              items={[
                { label: 'Domain', value: company.domain ?? emptyValue },
                { label: 'Industry', value: company.industry ?? emptyValue },
                { label: 'Employees', value: company.employeeCount?.toLocaleString() ?? emptyValue },
                { label: 'Revenue band', value: company.revenueBand ?? emptyValue },
                { label: 'Country', value: company.country ?? emptyValue },
                { label: 'Owner', value: <OwnerName userId={company.ownerId} /> },
                { label: 'Tags', value: <TagList tags={company.tags} max={6} /> },
                { label: 'Created', value: formatDate(company.createdAt) },
              ]}
            />
            <AccountScoreCard companyId={company.id} />
            <SourceCard profile={company} noun="company" />
            <CustomFieldsCard fields={customFields} values={company.custom} />
            <TrackedTraitsCard traits={company.traits} />
          </>
        }
        main={
          <Stack gap="lg">
            <CompanyContacts companyId={company.id} />
            <ActivityCard subject={{ companyId: company.id }} timelineUrl={`/api/v1/companies/${company.id}/timeline`} showContact />
          </Stack>
        }
        subject={{ companyId: company.id }}
      />

      <EditCompanyDrawer opened={editing} onClose={editDrawer.close} company={company} />
      <DeleteRecordDialog resource="companies" noun="company" id={company.id} name={company.name} opened={deleting} onClose={() => setDeleting(false)}>
        Delete {company.name}? Its contacts stay, without a company. This cannot be undone.
      </DeleteRecordDialog>
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
