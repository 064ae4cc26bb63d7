import { ActionIcon, Alert, Badge, Button, Code, Group, Paper, Stack, Switch, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useLifecycleSettings, useSaveLifecycleSettings } from '../api';
import { normalizeField } from '../definition/draft';
import type { LifecycleSettings } from '../types';

/** The stages the hand-off moves contacts through; they cannot be switched off. */
const REQUIRED_STAGES = ['lead', 'mql', 'sal', 'opportunity', 'customer'];
const OTHER = 'other';

/** "No budget this year" → "no_budget_this_year": a key the API accepts. */
function keyFromLabel(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50);
}

/** /settings/lifecycle — stage labels and which stages are used; the reasons a rep may give for rejecting a lead. */
export function LifecycleSettingsPage() {
  const settings = useLifecycleSettings();
  return (
    <>
      <PageHeader
        title="Lifecycle"
        description="The stages contacts move through from subscriber to customer, and the reasons sales gives when it rejects a lead."
      />
      {settings.isPending ? <LoadingBlock /> : settings.isError ? <ErrorBlock error={settings.error} /> : <SettingsForm key={JSON.stringify(settings.data)} saved={settings.data} />}
    </>
  );
}

function SettingsForm({ saved }: { saved: LifecycleSettings }) {
  const me = useCurrentMe();
  const editable = me.workspace.role === 'admin';
  const save = useSaveLifecycleSettings();
  const [stages, setStages] = useState(saved.stages);
  // "Other" is always last and always there: the form shows it apart.
  const [reasons, setReasons] = useState(saved.rejectReasons.filter((reason) => reason.key !== OTHER));
  const dirty = JSON.stringify({ stages, reasons }) !== JSON.stringify({ stages: saved.stages, reasons: saved.rejectReasons.filter((reason) => reason.key !== OTHER) });
  const field = isApiError(save.error, 400) ? normalizeField(save.error.field) : undefined;
  const errorAt = (path: string) => (field === path ? errorMessage(save.error) : undefined);

  const submit = () => {
    const rejectReasons = reasons.map((reason) => ({ key: reason.key || keyFromLabel(reason.label), label: reason.label.trim() }));
    save.mutate(
      { stages, rejectReasons: [...rejectReasons, { key: OTHER, label: 'Other' }] },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Lifecycle settings saved.' }),
      },
    );
  };

  return (
    <Stack gap="xl">
      {!editable && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          You need the admin role to change the lifecycle settings.
        </Alert>
      )}
      {save.error && !field && (
        <Alert color="red" role="alert">
          {errorMessage(save.error)}
        </Alert>
      )}

      <Stack gap="xs" component="section" aria-labelledby="stages-title">
        <Title order={2} fz="md" id="stages-title">
          Stages
        </Title>
        <Text fz="sm" c="dimmed">
          In funnel order. A stage switched off is hidden from pickers and reports; the stages of the hand-off always stay.
        </Text>
        <Paper withBorder radius="md">
          <Table verticalSpacing="xs" horizontalSpacing="md" aria-label="Stages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>#</Table.Th>
                <Table.Th w={160}>Key</Table.Th>
                <Table.Th>Label</Table.Th>
                <Table.Th w={120}>In use</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stages.map((stage, index) => {
                const required = REQUIRED_STAGES.includes(stage.key);
                return (
                  <Table.Tr key={stage.key}>
                    <Table.Td c="dimmed">{index + 1}</Table.Td>
                    <Table.Td>
                      <Code>{stage.key}</Code>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`Label of ${stage.key}`}
                        size="xs"
                        value={stage.label}
                        readOnly={!editable}
                        maxLength={100}
                        error={errorAt(`stages[${index}].label`)}
                        onChange={(event) => {
                          const label = event.currentTarget.value;
                          setStages((current) => current.map((candidate, i) => (i === index ? { ...candidate, label } : candidate)));
                        }}
                        maw={360}
                      />
                    </Table.Td>
                    <Table.Td>
                      {required ? (
                        <Tooltip label="Part of the hand-off: always in use" withArrow>
                          <Group gap={4} wrap="nowrap" aria-label={`${stage.label} always in use`} style={{ display: 'inline-flex' }}>
                            <IconLock size={14} color="var(--mantine-color-gray-6)" />
                            <Text fz="xs" c="dimmed">
                              Always
                            </Text>
                          </Group>
                        </Tooltip>
                      ) : (
                        <Switch
                          aria-label={`${stage.label} in use`}
                          checked={stage.enabled}
                          disabled={!editable}
                          onChange={(event) => {
                            const enabled = event.currentTarget.checked;
                            setStages((current) => current.map((candidate, i) => (i === index ? { ...candidate, enabled } : candidate)));
                          }}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="reasons-title">
        <Title order={2} fz="md" id="reasons-title">
          Rejection reasons
        </Title>
        <Text fz="sm" c="dimmed">
          What a rep chooses from when rejecting a lead. Marketing reads them to improve the lead definition.
        </Text>
        <Paper withBorder radius="md" p="md">
          <Stack gap="xs" role="list" aria-label="Rejection reasons">
            {reasons.map((reason, index) => (
              <Group key={index} gap="sm" wrap="nowrap" role="listitem" align="flex-start">
                <TextInput
                  aria-label={`Reason ${index + 1}`}
                  size="xs"
                  value={reason.label}
                  readOnly={!editable}
                  maxLength={100}
                  placeholder="e.g. No budget"
                  error={errorAt(`rejectReasons[${index}].label`) ?? errorAt(`rejectReasons[${index}].key`)}
                  onChange={(event) => {
                    const label = event.currentTarget.value;
                    setReasons((current) => current.map((candidate, i) => (i === index ? { ...candidate, label } : candidate)));
                  }}
                  w={320}
                />
                <Code mt={4} c="dimmed" w={140} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {reason.key || keyFromLabel(reason.label) || 'key'}
                </Code>
                {editable && (
                  <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${reason.label || 'reason'}`} onClick={() => setReasons((current) => current.filter((_, i) => i !== index))}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            <Group gap="sm" wrap="nowrap" role="listitem">
              <TextInput aria-label="Other" size="xs" value="Other" disabled w={320} />
              <Code c="dimmed" w={140}>
                other
              </Code>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                Always offered · needs a note
              </Badge>
            </Group>
          </Stack>
          {editable && (
            <Button mt="sm" variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setReasons((current) => [...current, { key: '', label: '' }])}>
              Add reason
            </Button>
          )}
        </Paper>
      </Stack>

      {editable && (
        <Group>
          <Button onClick={submit} loading={save.isPending} disabled={!dirty}>
            Save lifecycle settings
          </Button>
          {dirty && (
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setStages(saved.stages);
                setReasons(saved.rejectReasons.filter((reason) => reason.key !== OTHER));
              }}
            >
              Discard changes
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
