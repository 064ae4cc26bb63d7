import { ActionIcon, Alert, Anchor, Avatar, Box, Button, Grid, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconDots, IconMail, IconPencil, IconPhone, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { formatDate, initials } from '../../app/format';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingBlock } from '../../components/QueryState';
import { ActivityComposer } from '../shared/ActivityComposer';
import { formatCustomValue } from '../shared/fields';
import { OwnerName } from '../shared/OwnerSelect';
import { contactName, useCustomFields } from '../shared/queries';
import { CompanyLink, CompletenessRing, LifecycleBadge, TagList } from '../shared/RecordBits';
import { PropertyList, RecordBreadcrumbs, RecordDeals, RecordNotFound, SectionCard } from '../shared/RecordLayout';
import { useDeleteRecord, useRecord, type RecordDetail } from '../shared/records';
import { TaskList } from '../shared/TaskList';
import { Timeline } from '../shared/Timeline';
import type { CustomField } from '../types';
import { EditContactDrawer } from './EditContactDrawer';

export function ContactPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const contact = useRecord('contacts', id);
  const customFields = useCustomFields('contact');

  if (contact.isPending) return <LoadingBlock />;
  if (contact.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={contact.error} noun="contact" listPath="/contacts" listLabel="Back to contacts" />
      </Box>
    );
  }
  // A merged-away id answers with the survivor: show the survivor at its own address.
  if (contact.data.id !== id) return <Navigate to={`/contacts/${contact.data.id}`} replace state={{ mergedFrom: id }} />;

  const mergedFrom = (location.state as { mergedFrom?: string } | null)?.mergedFrom;
  return <ContactView contact={contact.data} customFields={customFields.data ?? []} mergedFrom={mergedFrom} />;
}

function ContactView({ contact, customFields, mergedFrom }: { contact: RecordDetail<'contacts'>; customFields: CustomField[]; mergedFrom?: string }) {
  const navigate = useNavigate();
  const [editing, editDrawer] = useDisclosure(false);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteRecord('contacts');
  const name = contactName(contact);

  const confirmDelete = () =>
    remove.mutate(contact.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${name} was deleted.` });
        navigate('/contacts', { replace: true });
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not delete the contact', message: errorMessage(error) });
        setDeleting(false);
      },
    });

  return (
    <Box p="xl">
      <RecordBreadcrumbs parent="Contacts" to="/contacts" current={name} />
      {mergedFrom && (
        <Alert color="orange" variant="light" icon={<IconArrowsJoin size={18} />} mb="md">
          The contact you opened was merged into this one; its history is here now.
        </Alert>
      )}
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="lg">
        <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Avatar size={56} radius="xl" color="indigo" variant="light">
            {initials([contact.firstName, contact.lastName].filter(Boolean).join(' '), contact.email ?? '?')}
          </Avatar>
          <Stack gap={4} style={{ minWidth: 0 }}>
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
          </Stack>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <CompletenessRing completeness={contact.completeness} customFields={customFields} />
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
                Delete contact
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
                  { label: 'Email', value: contact.email ? <Text fz="sm" truncate title={contact.email}>{contact.email}</Text> : <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Phone', value: contact.phone ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Job title', value: contact.jobTitle ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Company', value: <CompanyLink id={contact.companyId} /> },
                  { label: 'Lifecycle stage', value: <LifecycleBadge stage={contact.lifecycleStage} /> },
                  { label: 'Owner', value: <OwnerName userId={contact.ownerId} /> },
                  { label: 'Location', value: [contact.city, contact.country].filter(Boolean).join(', ') || <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Time zone', value: contact.timezone ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Persona', value: contact.persona ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Seniority', value: contact.seniority ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Source', value: contact.source ?? <Text span c="dimmed" fz="sm">—</Text> },
                  { label: 'Tags', value: <TagList tags={contact.tags} max={6} /> },
                  { label: 'Created', value: formatDate(contact.createdAt) },
                ]}
              />
            </SectionCard>
            {customFields.length > 0 && (
              <SectionCard title="Custom fields">
                <PropertyList
                  items={customFields.map((field) => ({
                    label: field.label,
                    value:
                      contact.custom[field.key] === undefined ? (
                        <Text span c="dimmed" fz="sm">—</Text>
                      ) : (
                        formatCustomValue(contact.custom[field.key], field)
                      ),
                  }))}
                />
              </SectionCard>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8, xl: 6 }}>
          <SectionCard title="Activity">
            <Stack gap="md">
              <ActivityComposer contactId={contact.id} companyId={contact.companyId} />
              <Timeline url={`/api/v1/contacts/${contact.id}/timeline`} />
            </Stack>
          </SectionCard>
        </Grid.Col>

        <Grid.Col span={{ base: 12, xl: 3 }}>
          <Stack gap="lg">
            <SectionCard title="Tasks">
              <TaskList contactId={contact.id} />
            </SectionCard>
            <RecordDeals subject={{ contactId: contact.id }} />
          </Stack>
        </Grid.Col>
      </Grid>

      <EditContactDrawer opened={editing} onClose={editDrawer.close} contact={contact} />
      <ConfirmDialog
        opened={deleting}
        title="Delete contact"
        confirmLabel="Delete contact"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(false)}
      >
        Delete {name}? The profile and its timeline are removed for everyone. This cannot be undone.
      </ConfirmDialog>
    </Box>
  );
}
