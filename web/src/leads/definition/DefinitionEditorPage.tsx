import { Alert, Anchor, Box, Button, Grid, Group, NumberInput, Paper, Select, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError, errorMessage, isApiError } from '../../api/client';
import { LoadingBlock, ErrorBlock } from '../../components/QueryState';
import { RecordBreadcrumbs, RecordNotFound } from '../../crm/shared/RecordLayout';
import { usePreview } from '../../segments/api';
import { DefinitionBuilder } from '../../segments/builder/DefinitionBuilder';
import { PreviewPanel } from '../../segments/builder/PreviewPanel';
import type { Condition } from '../../segments/types';
import { useCreateDefinition, useDefinitions, useSalesTeams, useUpdateDefinition } from '../api';
import type { LeadDefinition, SalesTeam } from '../types';
import { initialState, issuesAt, normalizeField, problems, toInput, type EditorState } from './draft';
import { RoutingRulesEditor } from './RoutingRulesEditor';

const NO_FALLBACK = '__none__';

/** /leads/definition/new (from the live version, or `?from=<id>`) and /leads/definition/:id/edit. */
export function DefinitionEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const definitions = useDefinitions();
  const teams = useSalesTeams();
  if (definitions.isPending || teams.isPending) return <LoadingBlock />;
  const failed = definitions.error ?? teams.error;
  if (failed) {
    return (
      <Box p="xl">
        <ErrorBlock error={failed} />
      </Box>
    );
  }
  const versions = definitions.data!;
  if (id) {
    const draft = versions.find((version) => version.id === id);
    if (!draft || draft.status !== 'draft') {
      return (
        <Box p="xl">
          {draft ? (
            <Alert color="orange" title={`Version ${draft.version} is ${draft.status}`}>
              Only a draft can change.{' '}
              <Anchor component={Link} to={`/leads/definition/new?from=${draft.id}`} fz="sm">
                Draft a new version from it
              </Anchor>
              .
            </Alert>
          ) : (
            <RecordNotFound error={new ApiError(404, 'No such version')} noun="version" listPath="/leads/definition" listLabel="Lead definition" />
          )}
        </Box>
      );
    }
    return <DefinitionForm key={draft.id} editing={draft} from={draft} teams={teams.data!} />;
  }
  const from = versions.find((version) => version.id === params.get('from')) ?? versions.find((version) => version.status === 'live');
  return <DefinitionForm from={from} teams={teams.data!} />;
}

interface DefinitionFormProps {
  /** The draft being edited; absent for a new one. */
  editing?: LeadDefinition;
  /** What the form starts from. */
  from: LeadDefinition | undefined;
  teams: SalesTeam[];
}

function DefinitionForm({ editing, from, teams }: DefinitionFormProps) {
  const navigate = useNavigate();
  const [state, setState] = useState<EditorState>(() => initialState(from));
  const [checked, setChecked] = useState(false);
  const create = useCreateDefinition();
  const update = useUpdateDefinition(editing?.id ?? '');
  const save = editing ? update : create;

  const change = (patch: Partial<EditorState>) => {
    setState((current) => ({ ...current, ...patch }));
    if (save.isError) save.reset();
  };

  const local = checked ? problems(state) : {};
  const serverField = isApiError(save.error, 400) ? normalizeField(save.error.field) : undefined;
  const errorOf = (field: string) => local[field] ?? (serverField === field ? errorMessage(save.error) : undefined);
  const placed = serverField !== undefined && /^(criteria|slaHours|routing\.(rules|fallbackTeamId))/.test(serverField);

  // Who meets the thresholds and conditions today, counted live as they change.
  const criteria = useMemo<Condition>(() => {
    const input = toInput(state);
    return {
      type: 'and',
      conditions: [
        { type: 'field', field: 'fitScore', operator: 'gte', value: Number(state.fitMin) || 0 },
        { type: 'field', field: 'engagementScore', operator: 'gte', value: Number(state.engagementMin) || 0 },
        ...(input.criteria.conditions ? [input.criteria.conditions] : []),
      ],
    };
  }, [state]);
  const preview = usePreview({ version: 1, match: criteria });

  const submit = () => {
    setChecked(true);
    if (Object.keys(problems(state)).length > 0) return;
    save.mutate(toInput(state), {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          title: editing ? `Draft v${saved.version} saved` : `Draft v${saved.version} created`,
          message: 'Marketing and sales can now approve it.',
        });
        void navigate(`/leads/definition?version=${saved.id}`);
      },
    });
  };

  const title = editing ? `Edit draft v${editing.version}` : 'New draft';

  return (
    // No <form>: Enter in a condition row must not save the draft.
    <Box p="xl">
      <RecordBreadcrumbs parent="Lead definition" to="/leads/definition" current={title} />
      <Group justify="space-between" align="flex-start" mb="lg">
        <Stack gap={4}>
          <Title order={1} fz={24}>
            {title}
          </Title>
          <Text fz="sm" c="dimmed">
            {from && !editing ? `Starts from version ${from.version}. ` : ''}A new version goes live once a marketer and a sales user have approved it.
          </Text>
        </Stack>
        <Group gap="sm">
          <Button variant="default" component={Link} to={editing ? `/leads/definition?version=${editing.id}` : '/leads/definition'}>
            Cancel
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            Save draft
          </Button>
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {editing && editing.approvals.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
                Saving withdraws the approvals this draft has ({editing.approvals.map((approval) => approval.name).join(', ')}): each side approves what it read.
              </Alert>
            )}
            {save.error && !placed && <SaveError error={save.error} />}
            {checked && Object.keys(local).length > 0 && (
              <Alert color="red" role="alert">
                Fix the highlighted fields to save the draft.
              </Alert>
            )}
            {placed && serverField?.includes('condition') && (
              <Alert color="red" role="alert">
                Fix the highlighted condition to save the draft.
              </Alert>
            )}

            <Section title="Who becomes an MQL" description="A contact qualifies once both scores reach these values and, when you add them, the conditions hold.">
              <Group grow align="flex-start">
                <NumberInput
                  label="Least fit score"
                  value={state.fitMin}
                  onChange={(fitMin) => change({ fitMin })}
                  error={errorOf('criteria.fitMin') ?? errorOf('criteria')}
                  min={-100000}
                  max={100000}
                />
                <NumberInput
                  label="Least engagement score"
                  value={state.engagementMin}
                  onChange={(engagementMin) => change({ engagementMin })}
                  error={errorOf('criteria.engagementMin')}
                  min={-100000}
                  max={100000}
                />
              </Group>
              <Switch
                mt="md"
                label="Also require conditions"
                description="Such as the sales territory, a job level or a company size."
                checked={state.requireConditions}
                onChange={(event) => change({ requireConditions: event.currentTarget.checked })}
              />
              {state.requireConditions && (
                <Paper withBorder radius="md" p="sm" mt="sm" role="group" aria-label="Required conditions">
                  <DefinitionBuilder draft={state.conditions} onChange={(conditions) => change({ conditions })} issues={issuesAt(save.error, 'criteria.conditions')} />
                </Paper>
              )}
            </Section>

            <Section title="Sales SLA" description="How long the owner has to accept or reject a new lead. They are reminded at 75% of the time; the team lead hears of a breach.">
              <NumberInput
                label="Hours to answer"
                value={state.slaHours}
                onChange={(slaHours) => change({ slaHours })}
                error={errorOf('slaHours')}
                min={1}
                max={720}
                allowDecimal={false}
                w={200}
              />
            </Section>

            <Section title="Routing" description="Who gets a new lead. Within a team, leads go round-robin to members who are not away and below their capacity.">
              {teams.length === 0 && (
                <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="sm">
                  No sales teams yet: leads would wait unassigned.{' '}
                  <Anchor component={Link} to="/leads/teams" fz="sm">
                    Set up a team
                  </Anchor>{' '}
                  first.
                </Alert>
              )}
              <Stack gap="md">
                <Switch
                  label="Account owner first"
                  description="A contact whose company has an owner goes to that owner before any rule."
                  checked={state.accountOwnerFirst}
                  onChange={(event) => change({ accountOwnerFirst: event.currentTarget.checked })}
                />
                <RoutingRulesEditor
                  rules={state.rules}
                  onChange={(rules) => change({ rules })}
                  teams={teams}
                  errors={Object.fromEntries(state.rules.flatMap((_, index) => [`routing.rules[${index}].name`, `routing.rules[${index}].teamId`].map((field) => [field, errorOf(field)])))}
                  issuesOf={(index) => issuesAt(save.error, `routing.rules[${index}].condition`)}
                />
                <Select
                  label="Fallback team"
                  description={state.rules.length ? 'Gets the leads no rule matches.' : 'Gets every lead.'}
                  data={[{ value: NO_FALLBACK, label: 'No fallback: the lead waits unassigned' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
                  value={state.fallbackTeamId ?? NO_FALLBACK}
                  onChange={(value) => change({ fallbackTeamId: value === NO_FALLBACK ? null : value })}
                  error={errorOf('routing.fallbackTeamId')}
                  allowDeselect={false}
                  w={360}
                />
              </Stack>
            </Section>

            <Section title="Notes" description="What changed and why, for the people who approve it.">
              <Textarea
                aria-label="Notes"
                placeholder="e.g. Sales asked for fewer, warmer leads from the Nordics."
                value={state.notes}
                onChange={(event) => change({ notes: event.currentTarget.value })}
                autosize
                minRows={2}
                maxRows={8}
                maxLength={5000}
              />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="xs" style={{ position: 'sticky', top: 76 }}>
            <PreviewPanel preview={preview} />
            <Text fz="xs" c="dimmed" px={4}>
              Contacts who meet these criteria now, whatever their stage. Save the draft to backtest it against the live version.
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
    </Box>
  );
}

function SaveError({ error }: { error: unknown }) {
  if (isApiError(error, 409) && error.field === 'approvers') {
    return (
      <Alert color="orange" role="alert" title="Invite the approvers first" icon={<IconAlertTriangle size={18} />}>
        {errorMessage(error)}.{' '}
        <Anchor component={Link} to="/settings/users" fz="sm">
          Invite users
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" title="Could not save the draft">
      {errorMessage(error)}
    </Alert>
  );
}

function Section({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="md" id={id}>
        {title}
      </Title>
      <Text fz="sm" c="dimmed" mb="md">
        {description}
      </Text>
      {children}
    </Paper>
  );
}
