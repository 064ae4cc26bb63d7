import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Chip,
  Divider,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { IconExternalLink, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMembers } from '../../api/queries';
import { lifecycleLabel } from '../../crm/shared/fields';
import { LIFECYCLE_STAGES } from '../../crm/types';
import { useTemplates } from '../../email/api';
import { useCatalog, useLists, useSegments } from '../../segments/api';
import { UNIT_LABELS } from '../../segments/labels';
import type { RelativeAmount, TimeUnit } from '../../segments/types';
import { useJourneys } from '../api';
import { TRIGGER_LABELS } from '../format';
import { exitsOf, type NodeConfig, type Trigger, type TriggerKind, type Weekday } from '../types';
import { ConditionDataProvider, ConditionField, EventTriggerEditor, ProblemList } from './ConditionInputs';
import type { StepNode } from './graphState';
import { exitLabel, kindOf } from './nodeCatalog';
import { summarize, type JourneyNames } from './summary';

interface StepPanelProps {
  node: StepNode;
  nodes: StepNode[];
  /** Where each exit of the step leads. */
  targets: Record<string, string | undefined>;
  journeyId: string;
  names: JourneyNames;
  problems: string[];
  readOnly: boolean;
  onChange: (config: NodeConfig) => void;
  onLabel: (label: string) => void;
  onConnect: (exit: string, target: string | null) => void;
  onDelete: () => void;
}

/** The selected step's settings, where each of its exits leads, and its problems. */
export function StepPanel({ node, nodes, targets, journeyId, names, problems, readOnly, onChange, onLabel, onConnect, onDelete }: StepPanelProps) {
  const { config } = node.data;
  const kind = kindOf(config.type);
  const exits = exitsOf(config);
  const others = nodes
    .filter((other) => other.id !== node.id && other.data.config.type !== 'trigger')
    .map((other) => ({ value: other.id, label: `${other.data.label || kindOf(other.data.config.type).label} · ${summarize(other.data.config, names)}` }));

  return (
    <Stack gap="md" p="md" role="region" aria-label="Step settings">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon size={36} radius="md" variant="light" color={kind.color}>
          <kind.icon size={20} stroke={1.8} />
        </ThemeIcon>
        <Box miw={0} style={{ flex: 1 }}>
          <Text fw={650} fz="md" lh={1.2}>
            {kind.label}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {node.id}
          </Text>
        </Box>
        {!readOnly && (
          <ActionIcon variant="subtle" color="red" aria-label="Delete step" onClick={onDelete}>
            <IconTrash size={18} />
          </ActionIcon>
        )}
      </Group>
      <ProblemList problems={problems} />
      <TextInput
        label="Step name"
        placeholder={kind.label}
        value={node.data.label ?? ''}
        onChange={(event) => onLabel(event.currentTarget.value)}
        disabled={readOnly}
      />
      <ConditionDataProvider>
        <ConfigInputs config={config} onChange={onChange} journeyId={journeyId} names={names} readOnly={readOnly} />
      </ConditionDataProvider>
      {exits.length > 0 && (
        <>
          <Divider label="Then" labelPosition="left" />
          <Stack gap="xs" role="group" aria-label="Exits">
            {exits.map((exit) => (
              <Select
                key={exit}
                label={exits.length === 1 && exit === 'next' ? 'Next step' : `${exitLabel(config, exit)} →`}
                aria-label={`${exitLabel(config, exit)} goes to`}
                placeholder={exit === 'holdout' ? 'Stays in the hold-out' : 'Ends the journey'}
                data={others}
                value={targets[exit] ?? null}
                onChange={(target) => onConnect(exit, target)}
                clearable
                searchable
                disabled={readOnly}
                comboboxProps={{ withinPortal: true }}
              />
            ))}
            <Text fz="xs" c="dimmed">
              Or drag from an exit handle on the canvas to the step it leads to.
            </Text>
          </Stack>
        </>
      )}
    </Stack>
  );
}

const UNIT_OPTIONS = (Object.keys(UNIT_LABELS) as TimeUnit[]).map((unit) => ({ value: unit, label: UNIT_LABELS[unit] }));

export function DurationInput({ label, value, onChange, disabled }: { label: string; value: RelativeAmount; onChange: (value: RelativeAmount) => void; disabled?: boolean }) {
  return (
    <Box>
      <Text fz="sm" fw={500} mb={4}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" role="group" aria-label={label}>
        <NumberInput
          aria-label="Amount"
          value={value.amount}
          min={1}
          onChange={(amount) => typeof amount === 'number' && onChange({ ...value, amount })}
          w={100}
          disabled={disabled}
        />
        <Select
          aria-label="Unit"
          data={UNIT_OPTIONS}
          value={value.unit}
          onChange={(unit) => unit && onChange({ ...value, unit: unit as TimeUnit })}
          allowDeselect={false}
          w={130}
          disabled={disabled}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
    </Box>
  );
}

const TRIGGER_OPTIONS = (Object.keys(TRIGGER_LABELS) as TriggerKind[]).map((kind) => ({ value: kind, label: TRIGGER_LABELS[kind] }));
const STAGE_OPTIONS = LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: lifecycleLabel(stage) }));
const WEEKDAY_OPTIONS: { value: Weekday; label: string }[] = [
  { value: 1, label: 'Mon' }, { value: 2, label: 'Tue' }, { value: 3, label: 'Wed' }, { value: 4, label: 'Thu' },
  { value: 5, label: 'Fri' }, { value: 6, label: 'Sat' }, { value: 7, label: 'Sun' },
];

function triggerOfKind(kind: TriggerKind): Trigger {
  switch (kind) {
    case 'segment_entered':
    case 'segment_exited': return { kind, segmentId: '' };
    case 'event': return { kind, condition: { type: 'form' } };
    case 'stage_changed': return { kind, to: '' };
    case 'score_crossed': return { kind, score: 'engagement', threshold: 50 };
    case 'date_field': return { kind, field: '', offsetDays: 0, hour: 9 };
    case 'manual': return { kind };
  }
}

function Note({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" c="dimmed">
      {children}
    </Text>
  );
}

interface ConfigInputsProps {
  config: NodeConfig;
  onChange: (config: NodeConfig) => void;
  journeyId: string;
  names: JourneyNames;
  readOnly: boolean;
}

/** The inputs of one step type. */
function ConfigInputs({ config, onChange, journeyId, names, readOnly }: ConfigInputsProps) {
  const templates = useTemplates();
  const lists = useLists();
  const segments = useSegments();
  const members = useMembers();
  const journeys = useJourneys();
  const catalog = useCatalog();
  const disabled = readOnly;
  const select = { comboboxProps: { withinPortal: true }, searchable: true, disabled, allowDeselect: false } as const;
  const userOptions = (members.data ?? []).map((member) => ({ value: member.userId, label: member.name || member.email }));

  switch (config.type) {
    case 'trigger': {
      const trigger = config.trigger;
      const set = (next: Trigger) => onChange({ type: 'trigger', trigger: next });
      const contactDates = (catalog.data?.fields ?? []).filter((field) => field.type === 'date' && field.group.startsWith('Contact'));
      return (
        <Stack gap="sm">
          <Select label="Enrols a contact who" data={TRIGGER_OPTIONS} value={trigger.kind} onChange={(kind) => kind && kind !== trigger.kind && set(triggerOfKind(kind as TriggerKind))} {...select} searchable={false} />
          {(trigger.kind === 'segment_entered' || trigger.kind === 'segment_exited') && (
            <Select label="Segment" placeholder="Choose a segment" data={(segments.data ?? []).map((segment) => ({ value: segment.id, label: segment.name }))} value={trigger.segmentId || null} onChange={(segmentId) => segmentId && set({ ...trigger, segmentId })} {...select} />
          )}
          {trigger.kind === 'event' && <EventTriggerEditor label="Event" value={trigger.condition} onChange={(condition) => set({ kind: 'event', condition })} disabled={disabled} />}
          {trigger.kind === 'stage_changed' && (
            <>
              <Select label="Reaches stage" placeholder="Choose a stage" data={STAGE_OPTIONS} value={trigger.to || null} onChange={(to) => to && set({ ...trigger, to })} {...select} />
              <Select label="From stage" placeholder="Any stage" data={STAGE_OPTIONS} value={trigger.from ?? null} onChange={(from) => set({ ...trigger, from: from ?? null })} {...select} allowDeselect clearable />
            </>
          )}
          {trigger.kind === 'score_crossed' && (
            <Group grow>
              <Select label="Score" data={[{ value: 'engagement', label: 'Engagement' }, { value: 'fit', label: 'Fit' }]} value={trigger.score} onChange={(score) => score && set({ ...trigger, score: score as 'fit' | 'engagement' })} {...select} searchable={false} />
              <NumberInput label="Reaches" value={trigger.threshold} min={0} onChange={(threshold) => typeof threshold === 'number' && set({ ...trigger, threshold })} disabled={disabled} />
            </Group>
          )}
          {trigger.kind === 'date_field' && (
            <>
              <Select label="Date field" placeholder="Choose a date field" data={contactDates.map((field) => ({ value: field.key, label: field.label }))} value={trigger.field || null} onChange={(field) => field && set({ ...trigger, field })} {...select} />
              <Group grow>
                <NumberInput label="Days from the date" description="Negative is before" value={trigger.offsetDays} onChange={(offsetDays) => typeof offsetDays === 'number' && set({ ...trigger, offsetDays })} disabled={disabled} />
                <NumberInput label="Hour (UTC)" description="0–23" value={trigger.hour ?? 9} min={0} max={23} onChange={(hour) => typeof hour === 'number' && set({ ...trigger, hour })} disabled={disabled} />
              </Group>
            </>
          )}
          {trigger.kind === 'manual' && <Note>Contacts enter only when you enrol them here, through the API, or from another journey.</Note>}
          <Note>Any journey also takes contacts by hand and through the API.</Note>
        </Stack>
      );
    }
    case 'wait':
      return <DurationInput label="Wait for" value={config.duration} onChange={(duration) => onChange({ ...config, duration })} disabled={disabled} />;
    case 'wait_until': {
      const absolute = 'at' in config;
      return (
        <Stack gap="sm">
          <SegmentedControl
            fullWidth
            size="xs"
            data={[{ value: 'weekly', label: 'Weekday and hour' }, { value: 'at', label: 'A date and time' }]}
            value={absolute ? 'at' : 'weekly'}
            onChange={(mode) => onChange(mode === 'at' ? { type: 'wait_until', at: new Date(Date.now() + 7 * 86_400_000).toISOString() } : { type: 'wait_until', weekdays: [1, 2, 3, 4, 5], hour: 9 })}
            disabled={disabled}
          />
          {'at' in config ? (
            <TextInput
              type="datetime-local"
              label="Until"
              value={toLocalInput(config.at)}
              onChange={(event) => event.currentTarget.value && onChange({ type: 'wait_until', at: new Date(event.currentTarget.value).toISOString() })}
              disabled={disabled}
            />
          ) : (
            <>
              <Box>
                <Text fz="sm" fw={500} mb={4}>
                  On
                </Text>
                <Chip.Group
                  multiple
                  value={config.weekdays.map(String)}
                  onChange={(days) => onChange({ ...config, weekdays: days.map(Number).sort() as Weekday[] })}
                >
                  <Group gap={4}>
                    {WEEKDAY_OPTIONS.map((day) => (
                      <Chip key={day.value} value={String(day.value)} size="xs" disabled={disabled}>
                        {day.label}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Box>
              <Group grow>
                <NumberInput label="Hour" value={config.hour} min={0} max={23} onChange={(hour) => typeof hour === 'number' && onChange({ ...config, hour })} disabled={disabled} />
                <NumberInput label="Minute" value={config.minute ?? 0} min={0} max={59} onChange={(minute) => typeof minute === 'number' && onChange({ ...config, minute })} disabled={disabled} />
              </Group>
              <Note>In the contact's time zone; the workspace's when theirs is unknown.</Note>
            </>
          )}
        </Stack>
      );
    }
    case 'wait_event':
      return (
        <Stack gap="sm">
          <EventTriggerEditor label="Wait until the contact" value={config.condition} onChange={(condition) => onChange({ ...config, condition })} disabled={disabled} />
          <DurationInput label="At most" value={config.timeout} onChange={(timeout) => onChange({ ...config, timeout })} disabled={disabled} />
          <Note>Leaves by “Happened” when the event comes, by “Timed out” otherwise.</Note>
        </Stack>
      );
    case 'branch':
      return <ConditionField label="Condition" description="Contacts who match go down Yes, the others down No." value={config.condition} onChange={(condition) => onChange({ ...config, condition: condition ?? { type: 'and', conditions: [] } })} names={names} disabled={disabled} />;
    case 'split':
      return (
        <Stack gap="sm">
          <Note>Each contact takes the first path whose condition they match, else the Else path.</Note>
          {config.branches.map((branch, index) => (
            <Paper key={branch.key} withBorder p="sm" radius="md">
              <Stack gap="xs">
                <Group gap="xs" wrap="nowrap" align="flex-end">
                  <TextInput
                    label={`Path ${index + 1}`}
                    value={branch.label}
                    onChange={(event) => onChange({ ...config, branches: config.branches.map((other, i) => (i === index ? { ...other, label: event.currentTarget.value } : other)) })}
                    style={{ flex: 1 }}
                    disabled={disabled}
                  />
                  <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove path ${index + 1}`} disabled={disabled || config.branches.length <= 1} onClick={() => onChange({ ...config, branches: config.branches.filter((_, i) => i !== index) })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
                <ConditionField label="Condition" value={branch.condition} onChange={(condition) => onChange({ ...config, branches: config.branches.map((other, i) => (i === index ? { ...other, condition: condition ?? { type: 'and', conditions: [] } } : other)) })} names={names} disabled={disabled} />
              </Stack>
            </Paper>
          ))}
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={disabled} onClick={() => onChange({ ...config, branches: [...config.branches, { key: nextKey(config.branches.map((branch) => branch.key)), label: `Path ${config.branches.length + 1}`, condition: { type: 'and', conditions: [] } }] })}>
            Add path
          </Button>
        </Stack>
      );
    case 'random': {
      const holdout = 100 - config.arms.reduce((sum, arm) => sum + arm.percent, 0);
      return (
        <Stack gap="sm">
          {config.arms.map((arm, index) => (
            <Group key={arm.key} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={index === 0 ? 'Arm' : undefined} aria-label={`Arm ${index + 1} name`} value={arm.label} onChange={(event) => onChange({ ...config, arms: config.arms.map((other, i) => (i === index ? { ...other, label: event.currentTarget.value } : other)) })} style={{ flex: 1 }} disabled={disabled} />
              <NumberInput label={index === 0 ? 'Percent' : undefined} aria-label={`Arm ${index + 1} percent`} value={arm.percent} min={0} max={100} suffix="%" w={90} onChange={(percent) => typeof percent === 'number' && onChange({ ...config, arms: config.arms.map((other, i) => (i === index ? { ...other, percent } : other)) })} disabled={disabled} />
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove arm ${index + 1}`} disabled={disabled || config.arms.length <= 1} onClick={() => onChange({ ...config, arms: config.arms.filter((_, i) => i !== index) })}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} disabled={disabled} onClick={() => onChange({ ...config, arms: [...config.arms, { key: nextKey(config.arms.map((arm) => arm.key)), label: `Variant ${String.fromCharCode(65 + config.arms.length)}`, percent: 0 }] })}>
            Add arm
          </Button>
          <Text fz="sm" c={holdout < 0 ? 'red.7' : 'dimmed'}>
            {holdout < 0 ? `The arms add up to ${100 - holdout}%: at most 100%.` : `Hold-out: ${holdout}% of contacts, compared with the arms on the goal.`}
          </Text>
        </Stack>
      );
    }
    case 'send_email': {
      const options = (templates.data ?? []).map((template) => ({ value: template.id, label: template.name }));
      const chosen = templates.data?.find((template) => template.id === config.templateId);
      return (
        <Stack gap={6}>
          <Select label="Template" placeholder={options.length === 0 ? 'No templates yet' : 'Choose a template'} data={options} value={config.templateId || null} onChange={(templateId) => templateId && onChange({ ...config, templateId })} {...select} />
          {chosen && (
            <Group gap={6}>
              <Text fz="xs" c="dimmed">
                {chosen.kind === 'marketing' ? 'Marketing: sent only with consent' : 'Transactional'} · “{chosen.subject}”
              </Text>
              <Anchor component={Link} to={`/email/templates/${chosen.id}`} fz="xs" target="_blank">
                <Group gap={2}>
                  Open <IconExternalLink size={12} />
                </Group>
              </Anchor>
            </Group>
          )}
        </Stack>
      );
    }
    case 'update_field': {
      const fields = (catalog.data?.fields ?? []).filter((field) => field.group === 'Contact' || field.group === 'Contact custom fields');
      const field = fields.find((candidate) => candidate.key === config.field);
      return (
        <Stack gap="sm">
          <Select label="Field" placeholder="Choose a field" data={fields.map((candidate) => ({ value: candidate.key, label: candidate.label }))} value={config.field || null} onChange={(key) => key && onChange({ ...config, field: key, value: '' })} {...select} />
          {field?.type === 'number' ? (
            <NumberInput label="Value" value={typeof config.value === 'number' ? config.value : ''} onChange={(value) => onChange({ ...config, value: typeof value === 'number' ? value : null })} disabled={disabled} />
          ) : field?.options && field.options.length > 0 ? (
            <Select label="Value" data={field.options} value={typeof config.value === 'string' ? config.value : null} onChange={(value) => onChange({ ...config, value })} {...select} />
          ) : field?.type === 'boolean' ? (
            <SegmentedControl data={[{ value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]} value={String(config.value === true)} onChange={(value) => onChange({ ...config, value: value === 'true' })} disabled={disabled} />
          ) : (
            <TextInput label="Value" type={field?.type === 'date' ? 'date' : 'text'} value={typeof config.value === 'string' ? config.value : String(config.value ?? '')} onChange={(event) => onChange({ ...config, value: event.currentTarget.value })} disabled={disabled} />
          )}
        </Stack>
      );
    }
    case 'tag':
      return (
        <Stack gap="sm">
          <SegmentedControl fullWidth data={[{ value: 'add', label: 'Add tag' }, { value: 'remove', label: 'Remove tag' }]} value={config.action} onChange={(action) => onChange({ ...config, action: action as 'add' | 'remove' })} disabled={disabled} />
          <TextInput label="Tag" placeholder="nurtured" value={config.tag} onChange={(event) => onChange({ ...config, tag: event.currentTarget.value })} disabled={disabled} />
        </Stack>
      );
    case 'list':
      return (
        <Stack gap="sm">
          <SegmentedControl fullWidth data={[{ value: 'add', label: 'Add to list' }, { value: 'remove', label: 'Remove from list' }]} value={config.action} onChange={(action) => onChange({ ...config, action: action as 'add' | 'remove' })} disabled={disabled} />
          <Select label="List" placeholder="Choose a list" data={(lists.data ?? []).map((list) => ({ value: list.id, label: list.name }))} value={config.listId || null} onChange={(listId) => listId && onChange({ ...config, listId })} {...select} />
        </Stack>
      );
    case 'set_stage':
      return <Select label="Lifecycle stage" placeholder="Choose a stage" data={STAGE_OPTIONS} value={config.stage || null} onChange={(stage) => stage && onChange({ ...config, stage })} {...select} />;
    case 'add_score':
      return (
        <Stack gap="sm">
          <NumberInput label="Engagement points" description="Negative takes points away" value={config.points} onChange={(points) => typeof points === 'number' && onChange({ ...config, points })} disabled={disabled} />
          <TextInput label="Reason" placeholder="Finished onboarding" value={config.reason ?? ''} onChange={(event) => onChange({ ...config, reason: event.currentTarget.value || undefined })} disabled={disabled} />
        </Stack>
      );
    case 'assign_owner':
      return <Select label="Owner" placeholder="Choose a user" data={userOptions} value={config.userId || null} onChange={(userId) => userId && onChange({ ...config, userId })} {...select} />;
    case 'route_to_sales':
      return <Note>Makes the contact a lead and routes it to an owner by the lead routing rules, with its SLA.</Note>;
    case 'create_task':
      return (
        <Stack gap="sm">
          <TextInput label="Task" placeholder="Call about the trial" value={config.title} onChange={(event) => onChange({ ...config, title: event.currentTarget.value })} disabled={disabled} />
          <NumberInput label="Due in days" value={config.dueInDays ?? ''} min={0} onChange={(days) => onChange({ ...config, dueInDays: typeof days === 'number' ? days : undefined })} disabled={disabled} />
          <Note>Assigned to the contact's owner.</Note>
        </Stack>
      );
    case 'notify':
      return (
        <Stack gap="sm">
          <Select label="Notify" placeholder="The contact's owner" data={userOptions} value={config.userId} onChange={(userId) => onChange({ ...config, userId })} {...select} allowDeselect clearable />
          <Textarea label="Message" placeholder="{{ contact.firstName }} finished onboarding" value={config.message} onChange={(event) => onChange({ ...config, message: event.currentTarget.value })} autosize minRows={2} disabled={disabled} />
        </Stack>
      );
    case 'webhook':
      return (
        <Stack gap={6}>
          <TextInput label="URL" placeholder="https://example.com/hooks/tandem" value={config.url} onChange={(event) => onChange({ ...config, url: event.currentTarget.value })} disabled={disabled} />
          <Note>Receives a POST with the contact and the journey as JSON.</Note>
        </Stack>
      );
    case 'enrol':
      return (
        <Select
          label="Journey"
          placeholder="Choose a journey"
          data={(journeys.data ?? []).filter((journey) => journey.id !== journeyId && journey.status !== 'archived').map((journey) => ({ value: journey.id, label: journey.name }))}
          value={config.journeyId || null}
          onChange={(id) => id && onChange({ ...config, journeyId: id })}
          {...select}
        />
      );
    case 'exit':
      return <Note>Contacts who reach this step leave the journey as exited.</Note>;
  }
}

function nextKey(taken: string[]): string {
  for (let code = 97; ; code++) {
    const key = code <= 122 ? String.fromCharCode(code) : `p${code}`;
    if (!taken.includes(key)) return key;
  }
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
