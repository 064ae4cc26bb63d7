import {
  Alert,
  Anchor,
  Box,
  Button,
  DataList,
  Group,
  Input,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconCalendarEvent, IconClockHour9, IconSend, IconWorld } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorMessage, isApiError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { formatRelative } from '../../app/format';
import { LoadingBlock } from '../../components/QueryState';
import { FormErrorAlert } from '../../crm/shared/FormErrorAlert';
import { RecordBreadcrumbs } from '../../crm/shared/RecordLayout';
import { useLists, useSegments } from '../../segments/api';
import { emailKeys, usePreview, useSendingDomains, useTemplates } from '../api';
import { KindBadge } from '../EmailBits';
import type { PickedContact } from '../PreviewAsPicker';
import { PreviewPane } from '../PreviewPane';
import type { EmailTemplate } from '../types';
import { useCreateBroadcast } from './api';
import { AUDIENCE_LABELS, AudienceIcon } from './BroadcastBits';
import {
  browserTimeZone,
  durationInWords,
  formatUtcDay,
  formatWhen,
  hourLabel,
  localDateValue,
  localHourSpan,
  localInputValue,
  scheduleInWords,
  throttleInWords,
} from './format';
import type { AudienceKind, BroadcastInput, BroadcastSchedule } from './types';

interface Draft {
  name: string;
  templateId: string | null;
  audienceKind: AudienceKind;
  audienceId: string | null;
  schedule: BroadcastSchedule;
  /** `at`: a datetime-local value, the browser's time. */
  at: string;
  /** `local_hour`: the calendar day, YYYY-MM-DD. */
  day: string;
  hour: number;
  throttled: boolean;
  perMinute: number | string;
}

/** The inputs the server may name in a 4xx. */
type Field = 'name' | 'templateId' | 'audience.id' | 'sendAt' | 'localHour' | 'perMinute';
/** The step that holds each input. */
const STEP_OF: Record<Field, number> = { name: 0, templateId: 0, 'audience.id': 1, sendAt: 2, localHour: 2, perMinute: 2 };
/** Where the server's `field` shows: schema errors may name the object or its other member. */
const SHOWN_AT: Record<string, Field> = {
  name: 'name',
  templateId: 'templateId',
  audience: 'audience.id',
  'audience.id': 'audience.id',
  'audience.kind': 'audience.id',
  schedule: 'sendAt',
  sendAt: 'sendAt',
  localHour: 'localHour',
  perMinute: 'perMinute',
};
const STEPS = [
  { label: 'Message', description: 'Name and template' },
  { label: 'Audience', description: 'A segment or list' },
  { label: 'Schedule', description: 'When, and how fast' },
  { label: 'Review', description: 'Check and schedule' },
] as const;

const SCHEDULES: { value: BroadcastSchedule; label: string; description: string; icon: ReactNode }[] = [
  { value: 'now', label: 'Send now', description: 'Starts as soon as you schedule it.', icon: <IconSend size={18} stroke={1.6} /> },
  { value: 'at', label: 'At a date and time', description: 'Everyone at the same moment, in your time zone.', icon: <IconCalendarEvent size={18} stroke={1.6} /> },
  { value: 'local_hour', label: 'At a local hour', description: "The same hour on each contact's own clock.", icon: <IconWorld size={18} stroke={1.6} /> },
];

const HOURS = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), label: hourLabel(hour) }));

/** The input a refusal belongs to (the field the server names). */
function serverField(error: unknown): Field | undefined {
  if (!isApiError(error) || error.status >= 500 || !error.field) return undefined;
  return SHOWN_AT[error.field];
}

function serverMessage(error: unknown): string {
  return errorMessage(error);
}

function toInput(draft: Draft): BroadcastInput {
  return {
    name: draft.name.trim(),
    templateId: draft.templateId ?? '',
    audience: { kind: draft.audienceKind, id: draft.audienceId ?? '' },
    schedule: draft.schedule,
    // A local-hour broadcast's day is the UTC date of sendAt: midnight UTC of the chosen day.
    sendAt: draft.schedule === 'at' ? new Date(draft.at).toISOString() : draft.schedule === 'local_hour' ? `${draft.day}T00:00:00.000Z` : null,
    localHour: draft.schedule === 'local_hour' ? draft.hour : null,
    perMinute: draft.throttled && typeof draft.perMinute === 'number' ? draft.perMinute : null,
  };
}

/** What the person must fix before leaving a step (the server checks again). */
function problems(draft: Draft, step: number): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (step === 0) {
    if (!draft.name.trim()) found.name = 'Give the broadcast a name';
    if (!draft.templateId) found.templateId = 'Choose the template to send';
  }
  if (step === 1 && !draft.audienceId) found['audience.id'] = `Choose a ${draft.audienceKind}`;
  if (step === 2) {
    if (draft.schedule === 'at') {
      const at = new Date(draft.at);
      if (!draft.at || Number.isNaN(at.getTime())) found.sendAt = 'Choose a date and time';
      else if (at.getTime() <= Date.now()) found.sendAt = 'That time has passed; choose a later one';
    }
    if (draft.schedule === 'local_hour') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.day)) found.sendAt = 'Choose a day';
      else if (localHourSpan(`${draft.day}T00:00:00Z`, draft.hour).last.getTime() <= Date.now()) found.sendAt = `${hourLabel(draft.hour)} on that day has passed everywhere`;
    }
    if (draft.throttled && (typeof draft.perMinute !== 'number' || draft.perMinute < 1)) found.perMinute = 'At least 1 message a minute';
  }
  return found;
}

/** /email/broadcasts/new (?template=… picks the template): four steps, then POST /broadcasts. */
export function NewBroadcastPage() {
  const me = useCurrentMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const templates = useTemplates();
  const segments = useSegments();
  const lists = useLists();
  const create = useCreateBroadcast();
  const queryClient = useQueryClient();

  const [active, setActive] = useState(0);
  /** The furthest step reached: its header, and those before it, can be clicked. */
  const [reached, setReached] = useState(0);
  const [shown, setShown] = useState<Partial<Record<Field, string>>>({});
  const [contact, setContact] = useState<PickedContact | null>(null);
  const [draft, setDraft] = useState<Draft>(() => {
    const inAnHour = new Date(Date.now() + 3_600_000);
    inAnHour.setMinutes(0, 0, 0);
    return {
      name: '',
      templateId: params.get('template'),
      audienceKind: 'segment',
      audienceId: null,
      schedule: 'now',
      at: localInputValue(inAnHour),
      day: firstWholeDay(9),
      hour: 9,
      throttled: false,
      perMinute: 600,
    };
  });

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value, ...(key === 'audienceKind' && value !== current.audienceKind ? { audienceId: null } : {}) }));
    setShown({});
    // A refused schedule was about the broadcast as it was.
    if (create.isError) create.reset();
  };
  const error = (field: Field) => shown[field] ?? (serverField(create.error) === field ? serverMessage(create.error) : undefined);

  const template = templates.data?.find((candidate) => candidate.id === draft.templateId);
  // A template archived meanwhile (or a ?template= that does not exist) is no longer a choice.
  const templateGone = !!templates.data && draft.templateId !== null && !template;
  useEffect(() => {
    if (templateGone) setDraft((current) => ({ ...current, templateId: null }));
  }, [templateGone]);
  const audiences = draft.audienceKind === 'segment' ? segments : lists;
  const audience = audiences.data?.find((candidate) => candidate.id === draft.audienceId);
  const input = toInput(draft);

  const next = () => {
    const found = problems(draft, active);
    setShown(found);
    if (Object.keys(found).length === 0) {
      const step = Math.min(active + 1, STEPS.length - 1);
      setActive(step);
      setReached((furthest) => Math.max(furthest, step));
    }
  };

  /** A click on a step's header: back freely; forward only past steps that are complete. */
  const goTo = (target: number) => {
    if (target > reached) return;
    for (let step = 0; step < target; step++) {
      const found = problems(draft, step);
      if (Object.keys(found).length) {
        setShown(found);
        setActive(step);
        return;
      }
    }
    setShown({});
    setActive(target);
  };

  const submit = () => {
    // Each step was checked on the way; a time may have passed since.
    for (let step = 0; step < STEPS.length - 1; step++) {
      const found = problems(draft, step);
      if (Object.keys(found).length) {
        setShown(found);
        setActive(step);
        return;
      }
    }
    create.mutate(input, {
      onSuccess: (broadcast) => {
        notifications.show({
          color: 'green',
          message: broadcast.schedule === 'now' ? `${broadcast.name} is on its way.` : `${broadcast.name} is scheduled ${scheduleInWords(broadcast)}.`,
        });
        void navigate(`/email/broadcasts/${broadcast.id}`, { replace: true });
      },
      onError: (failure) => {
        const field = serverField(failure);
        if (field) setActive(STEP_OF[field]);
        // The template was archived meanwhile: the picker should no longer offer it.
        if (field === 'templateId') void queryClient.invalidateQueries({ queryKey: emailKeys.templates, exact: true });
      },
    });
  };

  if (me.workspace.role === 'viewer') {
    return (
      <Box px="xl" py="lg">
        <RecordBreadcrumbs parent="Broadcasts" to="/email?tab=broadcasts" current="New broadcast" />
        <Alert color="gray" title="Viewers cannot send email">
          Ask an admin or a marketer of the workspace to schedule broadcasts.
        </Alert>
      </Box>
    );
  }

  return (
    <Box px="xl" py="lg" maw={1320}>
      <RecordBreadcrumbs parent="Broadcasts" to="/email?tab=broadcasts" current="New broadcast" />
      <Title order={1} fz={24}>
        {draft.name.trim() || 'New broadcast'}
      </Title>
      <Text fz="sm" c="dimmed" mt={4} mb="lg" maw={720}>
        A template to everyone in a segment or list. Marketing email goes only to the members whose consent allows it; every message and its outcome lands in the ledger.
      </Text>
      <Stepper active={active} onStepClick={goTo} size="sm" mb="xl" maw={980}>
        {STEPS.map((step, index) => (
          <Stepper.Step key={step.label} label={step.label} description={step.description} allowStepSelect={index <= reached} />
        ))}
      </Stepper>

      {templates.isPending ? (
        <LoadingBlock />
      ) : (
        <Stack gap="md">
          {active === 0 && <MessageStep draft={draft} change={change} error={error} templates={templates.data ?? []} template={template} />}
          {active === 1 && (
            <Paper withBorder radius="md" p="lg" maw={760} component="section" aria-label="Audience">
              <Stack gap="md">
                <Input.Wrapper label="Send to" labelElement="div" id="audience-kind">
                  <SegmentedControl
                    display="flex"
                    maw={320}
                    mt={4}
                    aria-labelledby="audience-kind-label"
                    value={draft.audienceKind}
                    onChange={(value) => change('audienceKind', value as AudienceKind)}
                    data={(['segment', 'list'] as const).map((kind) => ({
                      value: kind,
                      label: (
                        <Group gap={6} justify="center" wrap="nowrap">
                          <AudienceIcon kind={kind} size={15} />
                          <span>{AUDIENCE_LABELS[kind]}</span>
                        </Group>
                      ),
                    }))}
                  />
                </Input.Wrapper>
                <Select
                  label={AUDIENCE_LABELS[draft.audienceKind]}
                  placeholder={audiences.isPending ? 'Loading…' : `Choose a ${draft.audienceKind}`}
                  data={(audiences.data ?? []).map((option) => ({ value: option.id, label: option.name }))}
                  value={draft.audienceId}
                  onChange={(value) => change('audienceId', value)}
                  searchable
                  nothingFoundMessage={`No ${draft.audienceKind}s match`}
                  error={error('audience.id')}
                  renderOption={({ option }) => {
                    const count = audiences.data?.find((candidate) => candidate.id === option.value)?.memberCount ?? 0;
                    return (
                      <Group justify="space-between" wrap="nowrap" w="100%" gap="md">
                        <Text fz="sm" truncate>
                          {option.label}
                        </Text>
                        <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                          {members(count)}
                        </Text>
                      </Group>
                    );
                  }}
                  data-autofocus
                />
                {audience ? (
                  <Paper bg="gray.0" radius="md" p="sm" aria-label="Audience size" role="group">
                    <Text fz="sm">
                      <Text span fw={700} fz="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {audience.memberCount.toLocaleString()}
                      </Text>{' '}
                      {audience.memberCount === 1 ? 'member' : 'members'} now
                    </Text>
                    <Text fz="xs" c="dimmed" mt={2}>
                      The {draft.audienceKind} is read when the broadcast starts: whoever is a member then gets it. Members without an email address are left out.
                    </Text>
                  </Paper>
                ) : (
                  audiences.data?.length === 0 && (
                    <Text fz="sm" c="dimmed">
                      No {draft.audienceKind}s yet.{' '}
                      <Anchor component={Link} to={draft.audienceKind === 'segment' ? '/segments/new' : '/lists'} fz="sm">
                        {draft.audienceKind === 'segment' ? 'Build a segment' : 'Make a list'}
                      </Anchor>
                    </Text>
                  )
                )}
              </Stack>
            </Paper>
          )}
          {active === 2 && <ScheduleStep draft={draft} change={change} error={error} memberCount={audience?.memberCount ?? null} />}
          {active === 3 && (
            <>
              <FormErrorAlert message={create.error && !serverField(create.error) ? errorMessage(create.error) : undefined} />
              <Review draft={draft} input={input} template={template} audienceName={audience?.name} memberCount={audience?.memberCount ?? null} onEdit={setActive} contact={contact} onContactChange={setContact} />
            </>
          )}

          <Group justify="space-between" maw={active === 3 ? undefined : 760} mt="xs">
            {active === 0 ? (
              <Button component={Link} to="/email?tab=broadcasts" variant="default">
                Cancel
              </Button>
            ) : (
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setActive((step) => step - 1)}>
                Back
              </Button>
            )}
            {active < STEPS.length - 1 ? (
              <Button rightSection={<IconArrowRight size={16} />} onClick={next}>
                Next: {STEPS[active + 1]!.label}
              </Button>
            ) : (
              <Button leftSection={<IconSend size={16} />} onClick={submit} loading={create.isPending}>
                Schedule broadcast
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Box>
  );
}

/** The first day on which `hour` has not yet arrived anywhere: tomorrow, or the day after late in the day. */
function firstWholeDay(hour: number): string {
  for (let days = 1; ; days++) {
    const day = localDateValue(days);
    if (localHourSpan(`${day}T00:00:00Z`, hour).first.getTime() > Date.now()) return day;
  }
}

const members = (count: number) => `${count.toLocaleString()} ${count === 1 ? 'member' : 'members'}`;

interface StepProps {
  draft: Draft;
  change: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  error: (field: Field) => string | undefined;
}

function MessageStep({ draft, change, error, templates, template }: StepProps & { templates: EmailTemplate[]; template: EmailTemplate | undefined }) {
  // Marketing templates first: broadcasts are newsletters and announcements.
  const data = (['marketing', 'transactional'] as const)
    .map((kind) => ({
      group: kind === 'marketing' ? 'Marketing' : 'Transactional',
      items: templates.filter((candidate) => candidate.kind === kind).map((candidate) => ({ value: candidate.id, label: candidate.name })),
    }))
    .filter((group) => group.items.length > 0);

  return (
    <Paper withBorder radius="md" p="lg" maw={760} component="section" aria-label="Message">
      <Stack gap="md">
        <TextInput
          label="Name"
          description="For you and your team; recipients see the template's subject."
          placeholder="e.g. March newsletter"
          value={draft.name}
          onChange={(event) => change('name', event.currentTarget.value)}
          error={error('name')}
          maxLength={200}
          data-autofocus
        />
        <Select
          label="Template"
          placeholder={templates.length ? 'Choose a template' : 'No templates yet'}
          data={data}
          value={draft.templateId}
          onChange={(value) => change('templateId', value)}
          searchable
          nothingFoundMessage="No templates match"
          error={error('templateId')}
          renderOption={({ option }) => {
            const candidate = templates.find((item) => item.id === option.value);
            return (
              <Box miw={0}>
                <Text fz="sm" truncate>
                  {option.label}
                </Text>
                {candidate && (
                  <Text fz="xs" c="dimmed" truncate>
                    {candidate.subject}
                  </Text>
                )}
              </Box>
            );
          }}
        />
        {templates.length === 0 && (
          <Text fz="sm" c="dimmed">
            A broadcast sends a template.{' '}
            <Anchor component={Link} to="/email/templates/new" fz="sm">
              Write one first
            </Anchor>
            .
          </Text>
        )}
        {template && (
          <Paper bg="gray.0" radius="md" p="sm" role="group" aria-label="Chosen template">
            <Group gap="xs" wrap="nowrap" justify="space-between">
              <Group gap="xs" wrap="nowrap" miw={0}>
                <KindBadge kind={template.kind} size="xs" />
                <Text fz="xs" c="dimmed" truncate>
                  Version {template.version} · saved {formatRelative(template.updatedAt)}
                </Text>
              </Group>
              <Anchor component={Link} to={`/email/templates/${template.id}`} target="_blank" fz="xs" style={{ whiteSpace: 'nowrap' }}>
                Open template
              </Anchor>
            </Group>
            <Group gap={8} wrap="nowrap" mt={6} align="baseline">
              <Text fz="xs" c="dimmed" w={64} style={{ flexShrink: 0 }}>
                Subject
              </Text>
              <Text fz="sm" fw={600} ff="monospace" truncate title={template.subject}>
                {template.subject}
              </Text>
            </Group>
            {template.preheader && (
              <Group gap={8} wrap="nowrap" mt={2} align="baseline">
                <Text fz="xs" c="dimmed" w={64} style={{ flexShrink: 0 }}>
                  Preheader
                </Text>
                <Text fz="xs" c="dimmed" truncate>
                  {template.preheader}
                </Text>
              </Group>
            )}
          </Paper>
        )}
        {template?.kind === 'transactional' && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="A transactional template skips consent">
            Every member with an address gets it, including those who never agreed to marketing email or unsubscribed. Use a marketing template for newsletters and announcements.
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function ScheduleStep({ draft, change, error, memberCount }: StepProps & { memberCount: number | null }) {
  const zone = browserTimeZone();
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(draft.day);
  const span = validDay ? localHourSpan(`${draft.day}T00:00:00Z`, draft.hour) : null;
  const now = Date.now();
  const partlyPassed = span && span.first.getTime() < now && span.last.getTime() > now;

  return (
    <Stack gap="md" maw={760}>
      <Paper withBorder radius="md" p="lg" component="section" aria-label="Schedule">
        <Radio.Group label="When" value={draft.schedule} onChange={(value) => change('schedule', value as BroadcastSchedule)}>
          <SimpleGrid cols={3} spacing="sm" mt={6}>
            {SCHEDULES.map((option) => (
              <Radio.Card key={option.value} value={option.value} radius="md" p="sm" aria-label={option.label}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Radio.Indicator mt={2} />
                  <Box miw={0}>
                    <Group gap={6} wrap="nowrap">
                      <Text component="span" c="dimmed" display="flex">
                        {option.icon}
                      </Text>
                      <Text fz="sm" fw={600}>
                        {option.label}
                      </Text>
                    </Group>
                    <Text fz="xs" c="dimmed" mt={2}>
                      {option.description}
                    </Text>
                  </Box>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>

        {draft.schedule === 'now' && (
          <Text fz="sm" c="dimmed" mt="md">
            Sending starts the moment you schedule the broadcast. The audience is read then.
          </Text>
        )}
        {draft.schedule === 'at' && (
          <TextInput
            mt="md"
            maw={300}
            label="Date and time"
            description={`Your time (${zone})`}
            type="datetime-local"
            value={draft.at}
            onChange={(event) => change('at', event.currentTarget.value)}
            error={error('sendAt')}
          />
        )}
        {draft.schedule === 'local_hour' && (
          <>
            <Group gap="md" mt="md" align="flex-start">
              <TextInput label="Day" description="On each contact's calendar" type="date" w={200} value={draft.day} onChange={(event) => change('day', event.currentTarget.value)} error={error('sendAt')} />
              <Select
                label="Hour"
                description="On each contact's clock"
                w={200}
                data={HOURS}
                value={String(draft.hour)}
                onChange={(value) => value !== null && change('hour', Number(value))}
                allowDeselect={false}
                error={error('localHour')}
                leftSection={<IconClockHour9 size={16} stroke={1.6} />}
              />
            </Group>
            <Alert color="blue" variant="light" icon={<IconWorld size={18} />} title="How local hours work" mt="md" aria-label="How local hours work">
              <Stack gap={6} fz="sm">
                <Text fz="sm">
                  Each contact gets the email at {hourLabel(draft.hour)}
                  {validDay ? ` on ${formatUtcDay(`${draft.day}T00:00:00Z`)}` : ''} in their own time zone, as set on their contact record; contacts without a time zone get it at {hourLabel(draft.hour)} UTC.
                </Text>
                {span && (
                  <Text fz="sm">
                    So sending starts when {hourLabel(draft.hour)} first arrives, in UTC+14 ({formatWhen(span.first)} your time), and goes on for about a day, until{' '}
                    {hourLabel(draft.hour)} arrives in UTC−12 ({formatWhen(span.last)} your time). The audience is read when sending starts.
                  </Text>
                )}
              </Stack>
            </Alert>
            {partlyPassed && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mt="sm">
                {hourLabel(draft.hour)} on that day has already passed in some time zones: contacts there get the email as soon as sending starts.
              </Alert>
            )}
          </>
        )}
      </Paper>

      <Paper withBorder radius="md" p="lg" component="section" aria-label="Throttle">
        <Switch
          label="Limit the sending rate"
          description="Spreads the messages out, to spare your SMTP relay and your website when many people click at once."
          checked={draft.throttled}
          onChange={(event) => change('throttled', event.currentTarget.checked)}
        />
        {draft.throttled && (
          <Group gap="md" mt="md" align="flex-end">
            <NumberInput
              label="Messages per minute"
              w={200}
              min={1}
              max={1_000_000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              value={draft.perMinute}
              onChange={(value) => change('perMinute', value)}
              error={error('perMinute')}
            />
            {memberCount !== null && typeof draft.perMinute === 'number' && draft.perMinute > 0 && (
              <Text fz="sm" c="dimmed" pb={8}>
                {members(memberCount)}: {durationInWords(memberCount, draft.perMinute)} at this rate
              </Text>
            )}
          </Group>
        )}
        {draft.throttled && (
          <Text fz="xs" c="dimmed" mt={6}>
            Messages are handed to the sender in batches of up to 200, spaced so that the average stays at this rate.
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

interface ReviewProps {
  draft: Draft;
  input: BroadcastInput;
  template: EmailTemplate | undefined;
  audienceName: string | undefined;
  memberCount: number | null;
  onEdit: (step: number) => void;
  contact: PickedContact | null;
  onContactChange: (contact: PickedContact | null) => void;
}

function Review({ draft, input, template, audienceName, memberCount, onEdit, contact, onContactChange }: ReviewProps) {
  const previewInput = useMemo(
    () => ({ subject: template?.subject ?? '', preheader: template?.preheader ?? null, mjml: template?.mjml ?? '', ...(contact ? { contactId: contact.id } : {}) }),
    [template, contact],
  );
  const preview = usePreview(previewInput);
  const domains = useSendingDomains();
  const span = input.schedule === 'local_hour' && input.sendAt ? localHourSpan(input.sendAt, draft.hour) : null;
  const throttle = throttleInWords(input.perMinute);
  const edit = (step: number) => (
    <Anchor component="button" type="button" fz="xs" onClick={() => onEdit(step)} aria-label={`Change ${STEPS[step]!.label.toLowerCase()}`}>
      Change
    </Anchor>
  );

  return (
    <Box style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 620px)', gap: 'var(--mantine-spacing-lg)', alignItems: 'start' }}>
      <Paper withBorder radius="md" p="lg" component="section" aria-label="Summary">
        <Title order={2} fz="md" mb="sm">
          Summary
        </Title>
        <DataList withDivider labelWidth={110} gap="sm">
          <SummaryItem label="Name" action={edit(0)}>
            <Text fz="sm" fw={600}>
              {input.name}
            </Text>
          </SummaryItem>
          <SummaryItem label="Template" action={edit(0)}>
            <Group gap={6} wrap="nowrap">
              <Text fz="sm">{template?.name}</Text>
              {template && <KindBadge kind={template.kind} size="xs" />}
            </Group>
            {template && (
              <Text fz="xs" c="dimmed">
                Subject: {template.subject}
              </Text>
            )}
          </SummaryItem>
          <SummaryItem label="Audience" action={edit(1)}>
            <Group gap={6} wrap="nowrap">
              <Text component="span" c="dimmed" display="flex" title={AUDIENCE_LABELS[input.audience.kind]}>
                <AudienceIcon kind={input.audience.kind} />
              </Text>
              <Text fz="sm">{audienceName}</Text>
            </Group>
            <Text fz="xs" c="dimmed">
              {AUDIENCE_LABELS[input.audience.kind]}
              {memberCount !== null && ` · ${members(memberCount)} now; read again when sending starts`}
            </Text>
          </SummaryItem>
          <SummaryItem label="Schedule" action={edit(2)}>
            <Text fz="sm">{input.schedule === 'now' ? 'Now' : scheduleInWords({ schedule: input.schedule, sendAt: input.sendAt, localHour: input.localHour })}</Text>
            {input.schedule === 'at' && (
              <Text fz="xs" c="dimmed">
                Your time ({browserTimeZone()})
              </Text>
            )}
            {span && (
              <Text fz="xs" c="dimmed">
                From {formatWhen(span.first.getTime() > Date.now() ? span.first : new Date())} to about {formatWhen(span.last)} your time
              </Text>
            )}
          </SummaryItem>
          <SummaryItem label="Throttle" action={edit(2)}>
            <Text fz="sm" c={throttle ? undefined : 'dimmed'}>
              {throttle ?? 'None: as fast as the sender goes'}
            </Text>
            {throttle && memberCount !== null && input.perMinute && (
              <Text fz="xs" c="dimmed">
                {durationInWords(memberCount, input.perMinute)} for {members(memberCount)}
              </Text>
            )}
          </SummaryItem>
        </DataList>
        {domains.data && !domains.data.some((domain) => domain.isDefault) && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mt="md" p="xs">
            <Text fz="sm">
              The workspace has no sending domain yet: every message would fail.{' '}
              <Anchor component={Link} to="/settings/email" fz="sm">
                Add one in Settings
              </Anchor>
            </Text>
          </Alert>
        )}
        <Text fz="xs" c="dimmed" mt="md">
          {template?.kind === 'transactional'
            ? 'Transactional: every member with an email address gets it, consent or not.'
            : 'Only members whose consent allows marketing email get it; the others are recorded as skipped, with the reason. Suppressed addresses and people unsubscribed from the topic are skipped too.'}
        </Text>
      </Paper>
      <PreviewPane
        rendered={preview.data}
        preheader={template?.preheader ?? null}
        updating={preview.isFetching}
        stale={preview.isError}
        contact={contact}
        onContactChange={onContactChange}
        height={560}
      />
    </Box>
  );
}

function SummaryItem({ label, action, children }: { label: string; action: ReactNode; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>
        <Text fz="sm" c="dimmed">
          {label}
        </Text>
      </DataList.ItemLabel>
      <DataList.ItemValue style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Box miw={0} role="group" aria-label={label}>
            {children}
          </Box>
          {action}
        </Group>
      </DataList.ItemValue>
    </DataList.Item>
  );
}
