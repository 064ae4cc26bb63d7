import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Paper,
  Radio,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArchiveOff, IconInfoCircle, IconPencil, IconPlus, IconSearch, IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorMessage, fieldError, formError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { formatDate, formatDateTime } from '../app/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useMessagingSettings, useSaveMessagingSettings, useSaveTopic, useSubscriptionTopics, useSuppressions } from './api';
import { keyFromName, suppressionReason } from './format';
import { LiftSuppressionDialog, SuppressModal } from './SuppressModal';
import type { MarketingBasis, MessagingSettings, SubscriptionTopic } from './types';
import { SettingsSection } from '../components/SettingsSection';

/** How many suppressed addresses the table asks for at a time. */
const PAGE = 100;

/** /settings/consent — what marketing email requires, the preference centre's topics, and the suppression list. */
export function ConsentSettingsPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  return (
    <>
      <PageHeader
        title="Consent"
        description="What marketing email requires, the topics people can subscribe to, and the addresses no marketing email goes to. Transactional email is exempt."
      />
      <Stack gap={36}>
        {!isAdmin && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            You need the admin role to change what marketing email requires or the subscription topics.
          </Alert>
        )}
        <BasisSection editable={isAdmin} />
        <TopicsSection editable={isAdmin} />
        <SuppressionSection editable={me.workspace.role !== 'viewer'} />
      </Stack>
    </>
  );
}


// ── Marketing basis ──────────────────────────────────────────────────────────────────

function BasisSection({ editable }: { editable: boolean }) {
  const settings = useMessagingSettings();
  return (
    <SettingsSection
      id="basis-title"
      title="Marketing email"
      description="The rule every marketing send obeys: an address, not suppressed, no consent withdrawn, and the basis below."
    >
      {settings.isPending ? (
        <LoadingBlock />
      ) : settings.isError ? (
        <ErrorBlock error={settings.error} />
      ) : (
        <BasisForm key={JSON.stringify(settings.data)} saved={settings.data} editable={editable} />
      )}
    </SettingsSection>
  );
}

function BasisForm({ saved, editable }: { saved: MessagingSettings; editable: boolean }) {
  const save = useSaveMessagingSettings();
  const [basis, setBasis] = useState<MarketingBasis>(saved.marketingBasis);
  const [doubleOptIn, setDoubleOptIn] = useState(saved.doubleOptIn);
  const dirty = basis !== saved.marketingBasis || doubleOptIn !== saved.doubleOptIn;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ marketingBasis: basis, doubleOptIn }, { onSuccess: () => notifications.show({ color: 'green', message: 'Consent settings saved.' }) });
  };

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} aria-label="Marketing email settings" noValidate>
      <Stack gap="md">
        <FormErrorAlert message={formError(save.error, ['marketingBasis', 'doubleOptIn'])} />
        <Radio.Group
          label="Marketing email needs"
          value={basis}
          onChange={(value) => setBasis(value as MarketingBasis)}
          error={fieldError(save.error, 'marketingBasis')}
        >
          <Stack gap="sm" mt={8}>
            <Radio
              value="consent"
              disabled={!editable}
              label="Opt-in consent only"
              description="A contact must have given consent. What GDPR asks for when you email consumers."
            />
            <Radio
              value="consent_or_legitimate_interest"
              disabled={!editable}
              label="Consent or legitimate interest"
              description="Contacts recorded with legitimate interest may be emailed too, until they object. Common for B2B."
            />
          </Stack>
        </Radio.Group>
        <Switch
          label="Double opt-in"
          description="Forms send a confirmation email; consent counts once the person confirms their address."
          checked={doubleOptIn}
          disabled={!editable}
          onChange={(event) => setDoubleOptIn(event.currentTarget.checked)}
          error={fieldError(save.error, 'doubleOptIn')}
        />
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              Save
            </Button>
            {dirty && (
              <Button
                variant="subtle"
                color="gray"
                onClick={() => {
                  setBasis(saved.marketingBasis);
                  setDoubleOptIn(saved.doubleOptIn);
                }}
              >
                Discard changes
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

// ── Subscription topics ──────────────────────────────────────────────────────────────

function TopicsSection({ editable }: { editable: boolean }) {
  const topics = useSubscriptionTopics();
  const save = useSaveTopic();
  const [editing, setEditing] = useState<SubscriptionTopic | 'new' | null>(null);
  const [archiving, setArchiving] = useState<SubscriptionTopic | null>(null);

  const setArchived = (topic: SubscriptionTopic, archived: boolean) =>
    save.mutate(
      { id: topic.id, body: { archived } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${topic.name} was ${archived ? 'archived' : 'restored'}.` });
          setArchiving(null);
        },
        onError: (error) => {
          notifications.show({ color: 'red', title: `Could not ${archived ? 'archive' : 'restore'} the topic`, message: errorMessage(error) });
          setArchiving(null);
        },
      },
    );

  return (
    <SettingsSection
      id="topics-title"
      title="Subscription topics"
      description="What people can subscribe to in the preference centre. Consent is recorded per topic; segments select on consent.topic.<key>."
      actions={
        editable && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} style={{ flexShrink: 0 }}>
            Add topic
          </Button>
        )
      }
    >
      {topics.isPending ? (
        <LoadingBlock />
      ) : topics.isError ? (
        <ErrorBlock error={topics.error} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Subscription topics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th w={110}>Status</Table.Th>
                {editable && <Table.Th w={90} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {topics.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={editable ? 5 : 4}>
                    <Text fz="sm" c="dimmed" ta="center" py="sm">
                      No topics yet. Add one for each kind of email people can choose, such as a newsletter or event invitations.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {topics.data.map((topic) => (
                <Table.Tr key={topic.id} c={topic.archived ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {topic.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{topic.key}</Code>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text fz="sm" c={topic.description ? undefined : 'dimmed'} lineClamp={2} title={topic.description ?? undefined}>
                      {topic.description ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {topic.archived ? (
                      <Badge size="sm" variant="light" color="gray" radius="sm" tt="none">
                        Archived
                      </Badge>
                    ) : (
                      <Badge size="sm" variant="light" color="green" radius="sm" tt="none">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Tooltip label="Rename" withArrow>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${topic.name}`} onClick={() => setEditing(topic)}>
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        {topic.archived ? (
                          <Tooltip label="Restore" withArrow>
                            <ActionIcon variant="subtle" color="gray" aria-label={`Restore ${topic.name}`} onClick={() => setArchived(topic, false)}>
                              <IconArchiveOff size={16} />
                            </ActionIcon>
                          </Tooltip>
                        ) : (
                          <Tooltip label="Archive" withArrow>
                            <ActionIcon variant="subtle" color="red" aria-label={`Archive ${topic.name}`} onClick={() => setArchiving(topic)}>
                              <IconArchive size={16} />
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <TopicModal topic={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={archiving !== null}
        title="Archive topic"
        confirmLabel="Archive topic"
        loading={save.isPending}
        onConfirm={() => archiving && setArchived(archiving, true)}
        onCancel={() => setArchiving(null)}
      >
        Archive {archiving?.name}? No new consent can be recorded for it; the consent already recorded is kept, and restoring the topic
        brings it back.
      </ConfirmDialog>
    </SettingsSection>
  );
}

const TOPIC_FIELDS = ['key', 'name', 'description'] as const;

function TopicModal({ topic, onClose }: { topic: SubscriptionTopic | null; onClose: () => void }) {
  const save = useSaveTopic();
  const [name, setName] = useState(topic?.name ?? '');
  const [key, setKey] = useState(topic?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [description, setDescription] = useState(topic?.description ?? '');
  const effectiveKey = topic ? topic.key : keyEdited ? key : keyFromName(name);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { name: name.trim(), description: description.trim() || null, ...(topic ? {} : { key: effectiveKey }) };
    save.mutate(
      { id: topic?.id, body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: topic ? `${saved.name} was saved.` : `${saved.name} was added.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={topic ? `Edit ${topic.name}` : 'New subscription topic'} size="md">
      <form onSubmit={submit} noValidate aria-label={topic ? 'Edit topic' : 'New topic'}>
        <Stack gap="sm">
          <FormErrorAlert message={formError(save.error, TOPIC_FIELDS)} />
          <TextInput
            label="Name"
            description="What people see in the preference centre"
            placeholder="e.g. Monthly newsletter"
            value={name}
            required
            data-autofocus
            maxLength={200}
            error={fieldError(save.error, 'name')}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <TextInput
            label="Key"
            description={
              topic ? 'The key cannot change: consent records and segments use it.' : 'Used by the API and segments as topic:<key>: lowercase letters, digits and _'
            }
            value={effectiveKey}
            disabled={!!topic}
            maxLength={50}
            error={fieldError(save.error, 'key')}
            onChange={(event) => {
              setKeyEdited(true);
              setKey(event.currentTarget.value);
            }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Textarea
            label="Description (optional)"
            placeholder="e.g. Our best articles, once a month"
            value={description}
            autosize
            minRows={2}
            maxRows={5}
            maxLength={1000}
            error={fieldError(save.error, 'description')}
            onChange={(event) => setDescription(event.currentTarget.value)}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || !effectiveKey}>
              {topic ? 'Save topic' : 'Add topic'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ── Suppression list ─────────────────────────────────────────────────────────────────

function SuppressionSection({ editable }: { editable: boolean }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const list = useSuppressions(debounced, PAGE);
  const [adding, setAdding] = useState(false);
  const [lifting, setLifting] = useState<string | null>(null);
  const items = list.data?.items ?? [];

  return (
    <SettingsSection
      id="suppressions-title"
      title="Suppression list"
      description="No marketing email goes to these addresses, whatever the consent: hard bounces, spam complaints, global unsubscribes and addresses added by hand."
      actions={
        editable && (
          <Button size="xs" variant="light" color="red" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} style={{ flexShrink: 0 }}>
            Suppress address
          </Button>
        )
      }
    >
      <Group justify="space-between" wrap="nowrap">
        <TextInput
          aria-label="Search suppressed addresses"
          placeholder="Search by address"
          leftSection={<IconSearch size={15} />}
          rightSection={
            search && (
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label="Clear search" onClick={() => setSearch('')}>
                <IconX size={14} />
              </ActionIcon>
            )
          }
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={320}
          size="sm"
        />
        {list.data && (
          <Text fz="sm" c="dimmed" aria-live="polite">
            {debounced
              ? `${items.length}${items.length === PAGE ? '+' : ''} matching · ${list.data.total} suppressed in all`
              : `${list.data.total} suppressed${list.data.total > items.length ? ` · newest ${items.length} shown` : ''}`}
          </Text>
        )}
      </Group>
      {list.isPending ? (
        <LoadingBlock />
      ) : list.isError ? (
        <ErrorBlock error={list.error} />
      ) : (
        <Paper withBorder radius="md" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Suppressed addresses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th w={150}>Reason</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th w={130}>Since</Table.Th>
                {editable && <Table.Th w={60} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={editable ? 5 : 4}>
                    <Text fz="sm" c="dimmed" ta="center" py="sm">
                      {debounced ? `No suppressed address matches “${debounced}”.` : 'No address is suppressed.'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((item) => {
                const reason = suppressionReason(item.reason);
                return (
                  <Table.Tr key={item.email}>
                    <Table.Td>
                      <Text fz="sm" style={{ overflowWrap: 'anywhere' }}>
                        {item.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" radius="sm" tt="none" color={reason.color}>
                        {reason.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text fz="sm" c={item.note ? undefined : 'dimmed'} lineClamp={2} title={item.note ?? undefined}>
                        {item.note ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text fz="sm" c="dimmed" title={formatDateTime(item.createdAt)}>
                        {formatDate(item.createdAt)}
                      </Text>
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Tooltip label="Lift suppression" withArrow>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Lift suppression of ${item.email}`} onClick={() => setLifting(item.email)}>
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <SuppressModal opened={adding} onClose={() => setAdding(false)} />
      <LiftSuppressionDialog email={lifting} onClose={() => setLifting(null)} />
    </SettingsSection>
  );
}
