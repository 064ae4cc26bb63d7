import { Anchor, Avatar, Box, Group, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMail, IconPhone } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate, initials } from '../../app/format';
import { ContactConsentCard } from '../../consent/ContactConsentCard';
import { ContactEmailsCard } from '../../email/ContactEmailsCard';
import { ErasePersonDialog } from '../../privacy/ErasePersonDialog';
import { PrivacyMenuItems } from '../../privacy/PrivacyMenuItems';
import { ContactTrackingCard } from '../../events/ContactTrackingCard';
import { SourceCard } from '../../events/SourceCard';
import { TrackedTraitsCard } from '../../events/TrackedTraitsCard';
import { ContactJourneysCard } from '../../journeys/ContactJourneysCard';
import { ContactLifecycleCard } from '../../leads/ContactLifecycleCard';
import { ContactScoreCard } from '../../scoring/ContactScoreCard';
import { ContactSegmentsCard } from '../../segments/ContactSegmentsCard';
import { OwnerName } from '../shared/OwnerSelect';
import { contactName } from '../shared/queries';
import { CompanyLink, LifecycleBadge, TagList } from '../shared/RecordBits';
import { RecordBreadcrumbs } from '../shared/RecordLayout';
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
import { type RecordDetail } from '../shared/records';
import type { CustomField } from '../types';
import { EditContactDrawer } from './EditContactDrawer';

export function ContactPage() {
  return (
    <RecordPageLoader resource="contacts" noun="contact">
      {(contact, customFields, mergedFrom) => <ContactView contact={contact} customFields={customFields} mergedFrom={mergedFrom} />}
    </RecordPageLoader>
  );
}

function ContactView({ contact, customFields, mergedFrom }: { contact: RecordDetail<'contacts'>; customFields: CustomField[]; mergedFrom?: string }) {
  const [editing, editDrawer] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const [erasing, setErasing] = useState(false);
  const name = contactName(contact);

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Contacts" to="/contacts" current={name} />
      {mergedFrom && <MergedRecordAlert>The contact you opened was merged into this one; its history is here now.</MergedRecordAlert>}
      <RecordPageHeader
        avatar={
          <Avatar size={56} radius="xl" color="indigo" variant="light">
            {initials([contact.firstName, contact.lastName].filter(Boolean).join(' '), contact.email ?? '?')}
          </Avatar>
        }
        actions={
          <RecordHeaderActions
            completeness={contact.completeness}
            customFields={customFields}
            onEdit={editDrawer.open}
            onDelete={() => setDeleting(true)}
            deleteLabel="Delete contact"
            menuItems={<PrivacyMenuItems contactId={contact.id} onErase={() => setErasing(true)} />}
          />
        }
      >
        <Group gap="sm" wrap="nowrap">
          <Title order={1} fz={24} style={{ overflowWrap: 'anywhere' }}>
            {name}
          </Title>
          <LifecycleBadge stage={contact.lifecycleStage} size="md" />
        </Group>
        {(contact.jobTitle || contact.companyId) && (
          <Text fz="sm" c="dimmed">
            {contact.jobTitle}
            {contact.jobTitle && contact.companyId && ' at '}
            {contact.companyId && <CompanyLink id={contact.companyId} />}
          </Text>
        )}
        <Group gap="md" fz="sm">
          {contact.email && (
            <Group gap={4} wrap="nowrap">
              <IconMail size={14} color="var(--mantine-color-gray-6)" />
              <Anchor href={`mailto:${contact.email}`} fz="sm">
                {contact.email}
              </Anchor>
            </Group>
          )}
          {contact.phone && (
            <Group gap={4} wrap="nowrap">
              <IconPhone size={14} color="var(--mantine-color-gray-6)" />
              <Anchor href={`tel:${contact.phone}`} fz="sm">
                {contact.phone}
              </Anchor>
            </Group>
          )}
          <Text fz="sm" c="dimmed">
            Owner: <OwnerName userId={contact.ownerId} />
          </Text>
        </Group>
      </RecordPageHeader>

      <RecordColumns
        profile={
          <>
            <AboutCard
              onEdit={editDrawer.open}
              items={[
                { label: 'Email', value: contact.email ? <Text fz="sm" truncate title={contact.email}>{contact.email}</Text> : emptyValue },
                { label: 'Phone', value: contact.phone ?? emptyValue },
                { label: 'Job title', value: contact.jobTitle ?? emptyValue },
                { label: 'Company', value: <CompanyLink id={contact.companyId} /> },
                { label: 'Lifecycle stage', value: <LifecycleBadge stage={contact.lifecycleStage} /> },
                { label: 'Owner', value: <OwnerName userId={contact.ownerId} /> },
                { label: 'Location', value: [contact.city, contact.country].filter(Boolean).join(', ') || emptyValue },
                { label: 'Time zone', value: contact.timezone ?? emptyValue },
                { label: 'Persona', value: contact.persona ?? emptyValue },
                { label: 'Seniority', value: contact.seniority ?? emptyValue },
                { label: 'Source', value: contact.source ?? emptyValue },
                { label: 'Tags', value: <TagList tags={contact.tags} max={6} /> },
                { label: 'Created', value: formatDate(contact.createdAt) },
              ]}
            />
            <ContactLifecycleCard contactId={contact.id} />
            <ContactConsentCard contactId={contact.id} contactName={name} email={contact.email} />
            <ContactEmailsCard contactId={contact.id} />
            <ContactJourneysCard contactId={contact.id} />
            <SourceCard profile={contact} noun="contact" />
            <ContactTrackingCard contactId={contact.id} />
            <ContactScoreCard contactId={contact.id} />
            <ContactSegmentsCard contactId={contact.id} contactName={name} />
            <CustomFieldsCard fields={customFields} values={contact.custom} />
            <TrackedTraitsCard traits={contact.traits} />
          </>
        }
        main={
          <ActivityCard subject={{ contactId: contact.id, companyId: contact.companyId }} timelineUrl={`/api/v1/contacts/${contact.id}/timeline`} />
        }
        subject={{ contactId: contact.id }}
      />

      <EditContactDrawer opened={editing} onClose={editDrawer.close} contact={contact} />
      <ErasePersonDialog contactId={contact.id} name={name} confirmWith={contact.email ?? contact.id} opened={erasing} onClose={() => setErasing(false)} />
      <DeleteRecordDialog resource="contacts" noun="contact" id={contact.id} name={name} opened={deleting} onClose={() => setDeleting(false)}>
        Delete {name}? The profile and its timeline are removed for everyone. This cannot be undone.
      </DeleteRecordDialog>
    </Box>
  );
}
