import { ActionIcon, Alert, Badge, Box, Button, Code, Group, Input, Modal, Paper, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPencil, IconPlus, IconTrash, IconWorldWww } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, fieldError, formError } from '../api/client';
import { useCurrentMe } from '../api/queries';
import { formatDate, formatDateTime, formatRelative } from '../app/format';
import { CodeBlock } from '../components/CodeBlock';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { keyFromName } from '../consent/format';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useAddDomain, useRemoveDomain, useSaveSnippet, useSendingDomains, useSnippets } from './api';
import { CodeEditor } from './CodeEditor';
import type { DnsRecord, SendingDomain, Snippet } from './types';
import { SettingsSection } from '../components/SettingsSection';
import { SendLimitsSection } from './SendLimitsSection';

/** /settings/email — the domains email is sent from, with the DNS records to publish, and the snippets templates share. */
export function EmailSettingsPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  return (
    <>
      <PageHeader
        title="Email"
        description="The domains your email is sent from, each signed with its own DKIM key, the limits automated sends obey, and the pieces of MJML your templates share."
      />
      <Stack gap={36}>
        {!isAdmin && (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
            You need the admin role to add or remove sending domains.
          </Alert>
        )}
        <DomainsSection editable={isAdmin} />
        <SendLimitsSection editable={isAdmin} />
        <SnippetsSection editable={me.workspace.role !== 'viewer'} />
      </Stack>
    </>
  );
}


// ── Sending domains ──────────────────────────────────────────────────────────────────

function DomainsSection({ editable }: { editable: boolean }) {
  const domains = useSendingDomains();
  const remove = useRemoveDomain();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<SendingDomain | null>(null);

  const confirmRemove = () =>
    removing &&
    remove.mutate(removing.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${removing.domain} was removed.` });
        setRemoving(null);
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not remove the domain', message: errorMessage(error) });
        setRemoving(null);
      },
    });

  return (
    <SettingsSection
      id="domains-title"
      title="Sending domains"
      description="Email goes out from the default domain, signed with its DKIM key. Publish the DNS records below at your DNS provider so receivers trust it."
      actions={
        editable && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} style={{ flexShrink: 0 }}>
            Add domain
          </Button>
        )
      }
    >
      {domains.isPending ? (
        <LoadingBlock />
      ) : domains.isError ? (
        <ErrorBlock error={domains.error} />
      ) : domains.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Group gap="sm" wrap="nowrap">
            <IconWorldWww size={22} color="var(--mantine-color-gray-5)" style={{ flexShrink: 0 }} />
            <Text fz="sm" c="dimmed">
              No sending domain yet. Nothing can be sent until you add one: use a subdomain of yours, such as mail.example.com.
            </Text>
          </Group>
        </Paper>
      ) : (
        <Stack gap="md">
          {domains.data.map((domain) => (
            <DomainCard key={domain.id} domain={domain} onRemove={editable ? () => setRemoving(domain) : undefined} />
          ))}
        </Stack>
      )}
      <AddDomainModal opened={adding} onClose={() => setAdding(false)} first={domains.data?.length === 0} />
      <ConfirmDialog
        opened={removing !== null}
        title="Remove sending domain"
        confirmLabel="Remove domain"
        loading={remove.isPending}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        Remove {removing?.domain}? Its DKIM key is deleted: adding the domain again makes a new key, and the DNS record must be published again.
        {removing?.isDefault && ' It is the default domain: nothing is sent until another domain is the default.'}
      </ConfirmDialog>
    </SettingsSection>
  );
}

function DomainCard({ domain, onRemove }: { domain: SendingDomain; onRemove?: () => void }) {
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-label={domain.domain}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Box miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={650} fz="md" style={{ overflowWrap: 'anywhere' }}>
              {domain.domain}
            </Text>
            {domain.isDefault && (
              <Badge size="sm" variant="light" color="indigo" radius="sm" tt="none">
                Default
              </Badge>
            )}
          </Group>
          <Text fz="sm" c="dimmed" mt={2}>
            From {domain.fromName ? `${domain.fromName} <${domain.fromEmail}>` : domain.fromEmail} · DKIM selector <Code fz={12}>{domain.selector}</Code> · added{' '}
            <span title={formatDateTime(domain.createdAt)}>{formatDate(domain.createdAt)}</span>
          </Text>
        </Box>
        {onRemove && (
          <Tooltip label="Remove domain" withArrow>
            <ActionIcon variant="subtle" color="red" aria-label={`Remove ${domain.domain}`} onClick={onRemove}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed" mb={6}>
        DNS records to publish
      </Text>
      <Stack gap="sm" role="list" aria-label={`DNS records for ${domain.domain}`}>
        {domain.dns.map((record) => (
          <DnsRecordRow key={`${record.type}:${record.name}`} record={record} />
        ))}
      </Stack>
    </Paper>
  );
}

/** "DKIM: receivers check…" → the kind and the explanation. */
function splitPurpose(purpose: string): { kind: string; explanation: string } {
  const colon = purpose.indexOf(':');
  if (colon <= 0 || colon >= 12) return { kind: '', explanation: purpose };
  const explanation = purpose.slice(colon + 1).trim();
  return { kind: purpose.slice(0, colon), explanation: explanation.charAt(0).toUpperCase() + explanation.slice(1) };
}

function DnsRecordRow({ record }: { record: DnsRecord }) {
  const { kind, explanation } = splitPurpose(record.purpose);
  const label = kind || record.name;
  return (
    <Box role="listitem" aria-label={`${label} record`} p="sm" style={{ border: '1px solid var(--mantine-color-gray-2)', borderRadius: 'var(--mantine-radius-md)' }}>
      <Group gap="xs" mb={6} wrap="nowrap">
        {kind && (
          <Badge size="sm" variant="filled" color="dark" radius="sm" tt="none">
            {kind}
          </Badge>
        )}
        <Badge size="sm" variant="outline" color="gray" radius="sm" tt="none">
          {record.type}
        </Badge>
        <Text fz="xs" c="dimmed">
          {explanation}
        </Text>
      </Group>
      <Box style={{ display: 'grid', gridTemplateColumns: '56px minmax(0, 1fr)', columnGap: 10, rowGap: 6, alignItems: 'start' }}>
        <Text fz="xs" c="dimmed" pt={8}>
          Name
        </Text>
        <CodeBlock code={record.name} label={`${label} record name`} copyLabel={`Copy ${label} name`} />
        <Text fz="xs" c="dimmed" pt={8}>
          Value
        </Text>
        <CodeBlock code={record.value} label={`${label} record value`} copyLabel={`Copy ${label} value`} />
      </Box>
    </Box>
  );
}

const DOMAIN_FIELDS = ['domain', 'fromEmail', 'fromName', 'isDefault'] as const;

function AddDomainModal({ opened, onClose, first }: { opened: boolean; onClose: () => void; first: boolean }) {
  const add = useAddDomain();
  const [domain, setDomain] = useState('');
  const [fromEmail, setFromEmail] = useState('');
  const [fromEmailEdited, setFromEmailEdited] = useState(false);
  const [fromName, setFromName] = useState('');
  const [isDefault, setIsDefault] = useState(true);

  useEffect(() => {
    if (!opened) return;
    setDomain('');
    setFromEmail('');
    setFromEmailEdited(false);
    setFromName('');
    setIsDefault(true);
    add.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const cleanDomain = domain.trim().toLowerCase();
  const effectiveFrom = fromEmailEdited ? fromEmail : cleanDomain ? `hello@${cleanDomain}` : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { domain: cleanDomain, fromEmail: effectiveFrom.trim(), fromName: fromName.trim() || null, isDefault: first || isDefault },
      {
        onSuccess: (added) => {
          notifications.show({ color: 'green', message: `${added.domain} was added. Publish its DNS records next.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add sending domain" size="md">
      <form onSubmit={submit} noValidate aria-label="Add sending domain">
        <Stack gap="sm">
          <FormErrorAlert message={formError(add.error, DOMAIN_FIELDS)} />
          <TextInput
            label="Domain"
            description="A domain or subdomain you control; a subdomain keeps marketing email apart from your own mail"
            placeholder="mail.example.com"
            value={domain}
            onChange={(event) => setDomain(event.currentTarget.value)}
            error={fieldError(add.error, 'domain')}
            maxLength={253}
            data-autofocus
          />
          <TextInput
            label="From address"
            description="The address recipients see; it must be at the domain"
            placeholder="hello@mail.example.com"
            value={effectiveFrom}
            onChange={(event) => {
              setFromEmailEdited(true);
              setFromEmail(event.currentTarget.value);
            }}
            error={fieldError(add.error, 'fromEmail')}
            maxLength={320}
          />
          <TextInput
            label="From name (optional)"
            placeholder="e.g. Acme"
            value={fromName}
            onChange={(event) => setFromName(event.currentTarget.value)}
            error={fieldError(add.error, 'fromName')}
            maxLength={200}
          />
          <Switch
            label="Default domain"
            description={first ? 'The first domain is the default: email is sent from it.' : 'Email is sent from the default domain.'}
            checked={first || isDefault}
            disabled={first}
            onChange={(event) => setIsDefault(event.currentTarget.checked)}
            error={fieldError(add.error, 'isDefault')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending} disabled={!cleanDomain || !effectiveFrom.trim()}>
              Add domain
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ── Snippets ─────────────────────────────────────────────────────────────────────────

function SnippetsSection({ editable }: { editable: boolean }) {
  const snippets = useSnippets();
  const [editing, setEditing] = useState<Snippet | 'new' | null>(null);
  return (
    <SettingsSection
      id="snippets-title"
      title="Snippets"
      description={
        <>
          Pieces of MJML shared by templates, such as a header or a footer: place one with <Code fz={12} style={{ whiteSpace: 'nowrap' }}>{'{% snippet "key" %}'}</Code>. A change shows
          in every template that uses it.
        </>
      }
      actions={
        editable && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')} style={{ flexShrink: 0 }}>
            New snippet
          </Button>
        )
      }
    >
      {snippets.isPending ? (
        <LoadingBlock />
      ) : snippets.isError ? (
        <ErrorBlock error={snippets.error} />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Snippets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Placed with</Table.Th>
                <Table.Th w={140}>Updated</Table.Th>
                {editable && <Table.Th w={60} aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {snippets.data.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={editable ? 4 : 3}>
                    <Text fz="sm" c="dimmed" ta="center" py="sm">
                      No snippets yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {snippets.data.map((snippet) => (
                <Table.Tr key={snippet.key}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {snippet.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code fz={12}>{`{% snippet "${snippet.key}" %}`}</Code>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text fz="sm" c="dimmed" title={formatDateTime(snippet.updatedAt)}>
                      {formatRelative(snippet.updatedAt)}
                    </Text>
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Tooltip label="Edit" withArrow>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Edit ${snippet.name}`} onClick={() => setEditing(snippet)}>
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <SnippetModal snippet={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </SettingsSection>
  );
}

const SNIPPET_FIELDS = ['key', 'name', 'content'] as const;

function SnippetModal({ snippet, onClose }: { snippet: Snippet | null; onClose: () => void }) {
  const save = useSaveSnippet();
  const [name, setName] = useState(snippet?.name ?? '');
  const [key, setKey] = useState(snippet?.key ?? '');
  const [keyEdited, setKeyEdited] = useState(false);
  const [content, setContent] = useState(snippet?.content ?? '<mj-section>\n  <mj-column>\n    <mj-text>…</mj-text>\n  </mj-column>\n</mj-section>\n');
  // Snippet keys take - as well as _; a key made from the name uses -.
  const effectiveKey = snippet ? snippet.key : keyEdited ? key : keyFromName(name).replace(/_/g, '-');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { key: effectiveKey, name: name.trim(), content },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: snippet ? `${name.trim()} was saved.` : `${name.trim()} was added.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={snippet ? `Edit ${snippet.name}` : 'New snippet'} size="xl">
      <form onSubmit={submit} noValidate aria-label={snippet ? 'Edit snippet' : 'New snippet'}>
        <Stack gap="sm">
          <FormErrorAlert message={formError(save.error, SNIPPET_FIELDS)} />
          <Group grow align="flex-start">
            <TextInput
              label="Name"
              description="What the team sees; templates use the key"
              placeholder="e.g. Footer"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldError(save.error, 'name')}
              maxLength={200}
              data-autofocus
            />
            <TextInput
              label="Key"
              description={snippet ? 'The key cannot change: templates place the snippet by it.' : 'Lowercase letters, digits, _ and -'}
              value={effectiveKey}
              disabled={!!snippet}
              onChange={(event) => {
                setKeyEdited(true);
                setKey(event.currentTarget.value);
              }}
              error={fieldError(save.error, 'key')}
              maxLength={50}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
          </Group>
          <Stack gap={4}>
            <Input.Label labelElement="div">Content</Input.Label>
            <Input.Description>
              MJML sections (or any MJML that fits where it is placed), with merge fields if you like. Placed with{' '}
              <Code fz={11} style={{ whiteSpace: 'nowrap' }}>{`{% snippet "${effectiveKey || 'key'}" %}`}</Code>.
            </Input.Description>
            <CodeEditor label="Content" value={content} onChange={setContent} height={300} />
            {fieldError(save.error, 'content') && <Input.Error>{fieldError(save.error, 'content')}</Input.Error>}
          </Stack>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim() || !effectiveKey}>
              {snippet ? 'Save snippet' : 'Add snippet'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
