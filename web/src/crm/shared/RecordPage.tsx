import { ActionIcon, Alert, Box, Button, Grid, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsJoin, IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingBlock } from '../../components/QueryState';
import type { Completeness, CustomField } from '../types';
import { ActivityComposer } from './ActivityComposer';
import { formatCustomValue } from './fields';
import { useCustomFields, type RecordSubject } from './queries';
import { CompletenessRing } from './RecordBits';
import { PropertyList, RecordDeals, RecordNotFound, SectionCard } from './RecordLayout';
import { useDeleteRecord, useRecord, type RecordDetail, type RecordResource } from './records';
import { TaskList } from './TaskList';
import { Timeline } from './Timeline';

/** The dimmed dash of a field with no value. */
export const emptyValue = (
  <Text span c="dimmed" fz="sm">
    —
  </Text>
);

interface RecordPageLoaderProps<R extends RecordResource> {
  resource: R;
  /** Singular, lower case; also the custom fields' object type. */
  noun: 'contact' | 'company';
  children: (record: RecordDetail<R>, customFields: CustomField[], mergedFrom: string | undefined) => ReactNode;
}

/** Loads the record of the route's `:id`: loading, not found, and a merged-away id sent on to its survivor. */
export function RecordPageLoader<R extends RecordResource>({ resource, noun, children }: RecordPageLoaderProps<R>) {
  const { id = '' } = useParams();
  const location = useLocation();
  const record = useRecord(resource, id);
  const customFields = useCustomFields(noun);

  if (record.isPending) return <LoadingBlock />;
  if (record.isError) {
    return (
      <Box p="xl">
        <RecordNotFound error={record.error} noun={noun} listPath={`/${resource}`} listLabel={`Back to ${resource}`} />
      </Box>
    );
  }
  // A merged-away id answers with the survivor: show the survivor at its own address.
  if (record.data.id !== id) return <Navigate to={`/${resource}/${record.data.id}`} replace state={{ mergedFrom: id }} />;

  const mergedFrom = (location.state as { mergedFrom?: string } | null)?.mergedFrom;
  return children(record.data, customFields.data ?? [], mergedFrom);
}

/** Tells that the record opened was merged into this one. */
export function MergedRecordAlert({ children }: { children: ReactNode }) {
  return (
    <Alert color="orange" variant="light" icon={<IconArrowsJoin size={18} />} mb="md">
      {children}
    </Alert>
  );
}

interface RecordHeaderActionsProps {
  completeness: Completeness;
  customFields: CustomField[];
  onEdit: () => void;
  onDelete: () => void;
  deleteLabel: string;
  /** More items for the "More actions" menu. */
  menuItems?: ReactNode;
}

/** A record page's top-right corner: completeness, Edit, and a "More actions" menu with Delete. */
export function RecordHeaderActions({ completeness, customFields, onEdit, onDelete, deleteLabel, menuItems }: RecordHeaderActionsProps) {
  return (
    <Group gap="sm" wrap="nowrap">
      <CompletenessRing completeness={completeness} customFields={customFields} />
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
        Edit
      </Button>
      <DeleteMenu label="More actions" deleteLabel={deleteLabel} onDelete={onDelete} items={menuItems} />
    </Group>
  );
}

interface DeleteMenuProps {
  /** The menu button's accessible name. */
  label: string;
  deleteLabel: string;
  onDelete: () => void;
  iconSize?: number;
  /** Menu items shown above the delete item. */
  items?: ReactNode;
}

/** A record's "…" menu: the record's other actions, then delete. */
export function DeleteMenu({ label, deleteLabel, onDelete, iconSize = 16, items }: DeleteMenuProps) {
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <ActionIcon variant="default" size="lg" aria-label={label}>
          <IconDots size={iconSize} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {items}
        {items && <Menu.Divider />}
        <Menu.Item color="red" leftSection={<IconTrash size={15} />} onClick={onDelete}>
          {deleteLabel}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The "About" card: the record's standard fields, with an Edit shortcut. */
export function AboutCard({ onEdit, items }: { onEdit: () => void; items: { label: string; value: ReactNode }[] }) {
  return (
    <SectionCard
      title="About"
      actions={
        <Button variant="subtle" size="compact-xs" onClick={onEdit}>
          Edit
        </Button>
      }
    >
      <PropertyList items={items} />
    </SectionCard>
  );
}

/** The record's custom field values; nothing when the workspace has no custom fields. */
export function CustomFieldsCard({ fields, values }: { fields: CustomField[]; values: Record<string, unknown> }) {
  if (fields.length === 0) return null;
  return (
    <SectionCard title="Custom fields">
      <PropertyList
        items={fields.map((field) => ({
          label: field.label,
          value: values[field.key] === undefined ? emptyValue : formatCustomValue(values[field.key], field),
        }))}
      />
    </SectionCard>
  );
}

interface DeleteRecordDialogProps<R extends RecordResource> {
  resource: R;
  noun: string;
  id: string;
  /** The record's name, for the notification. */
  name: string;
  opened: boolean;
  onClose: () => void;
  children: ReactNode;
}

/** Confirms and deletes a record, then goes back to its list. */
export function DeleteRecordDialog<R extends RecordResource>({ resource, noun, id, name, opened, onClose, children }: DeleteRecordDialogProps<R>) {
  const navigate = useNavigate();
  const remove = useDeleteRecord(resource);

  const confirmDelete = () =>
    remove.mutate(id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${name} was deleted.` });
        navigate(`/${resource}`, { replace: true });
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: `Could not delete the ${noun}`, message: errorMessage(error) });
        onClose();
      },
    });

  return (
    <ConfirmDialog
      opened={opened}
      title={`Delete ${noun}`}
      confirmLabel={`Delete ${noun}`}
      loading={remove.isPending}
      onConfirm={confirmDelete}
      onCancel={onClose}
    >
      {children}
    </ConfirmDialog>
  );
}

/** The top of a record page: avatar, name and key facts on the left, actions on the right. */
export function RecordPageHeader({ avatar, children, actions }: { avatar: ReactNode; children: ReactNode; actions: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap" mb="lg">
      <Group gap="md" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
        {avatar}
        <Stack gap={4} style={{ minWidth: 0 }}>
          {children}
        </Stack>
      </Group>
      {actions}
    </Group>
  );
}

/** The Activity card: log something, and the record's timeline below. */
export function ActivityCard({ subject, timelineUrl, showContact }: { subject: RecordSubject; timelineUrl: string; showContact?: boolean }) {
  return (
    <SectionCard title="Activity">
      <Stack gap="md">
        <ActivityComposer {...subject} />
        <Timeline url={timelineUrl} showContact={showContact} />
      </Stack>
    </SectionCard>
  );
}

interface RecordColumnsProps {
  /** The left column: About and custom fields. */
  profile: ReactNode;
  /** The wide middle column. */
  main: ReactNode;
  /** Whose tasks and deals fill the right column. */
  subject: RecordSubject;
}

/** The three columns of a contact or company page; the right one holds its tasks and deals. */
export function RecordColumns({ profile, main, subject }: RecordColumnsProps) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
        <Stack gap="lg">{profile}</Stack>
      </Grid.Col>

      <Grid.Col span={{ base: 12, md: 8, xl: 6 }}>{main}</Grid.Col>

      <Grid.Col span={{ base: 12, xl: 3 }}>
        <Stack gap="lg">
          <SectionCard title="Tasks">
            <TaskList {...subject} />
          </SectionCard>
          <RecordDeals subject={subject} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
