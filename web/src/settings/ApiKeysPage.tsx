import { ActionIcon, Badge, Button, Code, CopyButton, EmptyState, Group, Paper, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, isApiError } from '../api/client';
import { useApiKeys, useCurrentMe, useRevokeApiKey } from '../api/queries';
import type { ApiKey } from '../api/types';
import { formatDate, formatDateTime, formatRelative, ROLE_LABELS, shortenKey } from '../app/format';
import { AdminRequired } from '../components/AdminRequired';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { CreateApiKeyModal } from './CreateApiKeyModal';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

const DESCRIPTION =
  'Secret keys let your servers and integrations call the Tandem API; write keys let your website send events.';

export function ApiKeysPage() {
  const me = useCurrentMe();
  const apiKeys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, createModal] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (isApiError(apiKeys.error, 403)) {
    return (
      <>
        <PageHeader title="API keys" description={DESCRIPTION} />
        <AdminRequired what="API keys" />
      </>
    );
  }

  const canManage = me.workspace.role === 'admin' && apiKeys.isSuccess;
  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `The key “${revoking.name}” was revoked.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not revoke the key', message: errorMessage(error) }),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <>
      <PageHeader
        title="API keys"
        description={DESCRIPTION}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              Create API key
            </Button>
          )
        }
      />
      {apiKeys.isPending ? (
        <LoadingBlock />
      ) : apiKeys.isError ? (
        <ErrorBlock error={apiKeys.error} />
      ) : apiKeys.data.length === 0 ? (
        <Paper withBorder radius="lg" py={56} px="xl">
          <EmptyState
            icon={<IconKey size={28} stroke={1.6} />}
            variant="light"
            title="No API keys yet"
            description="Create a secret key to call the API from your own systems, or a write key for your website's tracking snippet."
            maw={480}
            mx="auto"
          />
        </Paper>
      ) : (
        <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
          <Table verticalSpacing="sm" horizontalSpacing="sm" aria-label="API keys" miw={820}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th style={NOWRAP}>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th w={80} aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {apiKeys.data.map((key) => (
                <Table.Tr key={key.id} data-testid={`api-key-${key.name}`} c={key.revokedAt ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Text fz="sm" fw={500}>
                      {key.name}
                    </Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Badge variant="light" color={key.kind === 'secret' ? 'grape' : 'cyan'}>
                      {key.kind === 'secret' ? 'Secret' : 'Write'}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <KeyCell apiKey={key} />
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Text fz="sm">{key.kind === 'write' ? '—' : (ROLE_LABELS[key.role ?? 'viewer'] ?? key.role)}</Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Text fz="sm" c="dimmed" title={formatDateTime(key.createdAt)}>
                      {formatDate(key.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    <Text fz="sm" c="dimmed" title={key.lastUsedAt ? formatDateTime(key.lastUsedAt) : undefined}>
                      {key.lastUsedAt ? formatRelative(key.lastUsedAt) : 'Never'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="outline" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
                        Revoked
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={NOWRAP}>
                    {canManage && !key.revokedAt && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke ${key.name}`}
                        onClick={() => setRevoking(key)}
                      >
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {canManage && <CreateApiKeyModal opened={creating} onClose={createModal.close} />}
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke key"
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        Revoke “{revoking?.name}”? Every request that uses it is refused from now on. This cannot be undone.
      </ConfirmDialog>
    </>
  );
}

/** Secret keys show only their prefix; a write key is public, so it can be copied again. */
function KeyCell({ apiKey }: { apiKey: ApiKey }) {
  if (apiKey.kind !== 'write' || !apiKey.publicKey) return <Code>{shortenKey(apiKey.prefix)}</Code>;
  const publicKey = apiKey.publicKey;
  return (
    <Group gap={4} wrap="nowrap">
      <Code title={publicKey}>{shortenKey(publicKey)}</Code>
      <CopyButton value={publicKey} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy write key'} withArrow>
            <ActionIcon size="sm" variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy write key of ${apiKey.name}`}>
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
