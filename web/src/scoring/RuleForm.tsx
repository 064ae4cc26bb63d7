import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fieldError, isApiError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useBuilder } from '../segments/builder/BuilderContext';
import { withoutPath } from '../segments/builder/DefinitionBuilder';
import { useCreateRule, useUpdateRule } from './api';
import { describeRule } from './describeRule';
import { EngagementConditionEditor, newEngagementCondition } from './EngagementConditionEditor';
import { FitConditionEditor } from './FitConditionEditor';
import { fitCondition, isEmptyFitDraft, newFitDraft, toFitDraft, type FitDraft } from './fitDraft';
import { CAP_PERIOD_LABELS, capText } from './format';
import { PointsText } from './ScoreBits';
import type { CapPeriod, EngagementCondition, Rule, RuleKind } from './types';

const PERIODS = (Object.keys(CAP_PERIOD_LABELS) as CapPeriod[]).map((period) => ({ value: period, label: CAP_PERIOD_LABELS[period] }));

/** Fields of the form the server may name; anything else goes in the alert at the top. */
const OWN_FIELDS = /^(name|points|cap|condition)([.[]|$)/;

interface RuleFormProps {
  kind: RuleKind;
  rule?: Rule;
  onDone: () => void;
}

/** Name, condition, points and (for engagement) the cap; checked here first, then by the server. */
export function RuleForm({ kind, rule, onDone }: RuleFormProps) {
  const { catalog } = useBuilder();
  const [name, setName] = useState(rule?.name ?? '');
  const [points, setPoints] = useState<string | number>(rule?.points ?? 10);
  const [capOn, setCapOn] = useState(rule?.cap != null);
  const [capPoints, setCapPoints] = useState<string | number>(rule?.cap?.points ?? 20);
  const [capPeriod, setCapPeriod] = useState<CapPeriod>(rule?.cap?.period ?? 'day');
  const [active, setActive] = useState(rule?.active ?? true);
  const [fit, setFit] = useState<FitDraft>(() => (rule && kind === 'fit' ? toFitDraft(rule.condition) : newFitDraft()));
  const [engagement, setEngagement] = useState<EngagementCondition>(() =>
    rule && kind === 'engagement' ? (rule.condition as EngagementCondition) : newEngagementCondition(),
  );
  const [checked, setChecked] = useState(false);
  const create = useCreateRule();
  const update = useUpdateRule();
  const save = rule ? update : create;

  // A refused save is about the form as it was: any change clears the server's word.
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    if (save.isError) save.reset();
  };

  const condition = kind === 'fit' ? fitCondition(fit) : engagement;
  const cap = kind === 'engagement' && capOn ? { points: Number(capPoints), period: capPeriod } : null;
  const local = {
    name: name.trim() ? undefined : 'Give the rule a name',
    points: Number.isInteger(points) && points !== 0 ? undefined : 'Points are a whole number other than 0; use a negative number for a penalty',
    cap:
      cap === null ? undefined
        : !Number.isInteger(cap.points) || cap.points < 1 ? 'The cap is a whole number of points'
          : cap.points < Math.abs(Number(points)) ? 'The cap must be at least the points of one event'
            : undefined,
    condition: kind === 'fit' && isEmptyFitDraft(fit) ? 'Choose a field to score on' : undefined,
  };
  const shown = <K extends keyof typeof local>(key: K) => (checked ? local[key] : undefined);

  const serverField = isApiError(save.error, 400) ? save.error.field : undefined;
  const conditionIssue =
    serverField?.startsWith('condition') ? { path: serverField, message: withoutPath(save.error) }
      : shown('condition') ? { path: 'condition', message: local.condition! } : null;
  const capError = shown('cap') ?? (serverField?.startsWith('cap') ? withoutPath(save.error) : undefined);
  const topError = save.error && !(serverField && OWN_FIELDS.test(serverField)) ? save.error.message : undefined;

  const submit = () => {
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    const body = { name: name.trim(), condition, points: Number(points), active, ...(kind === 'engagement' ? { cap } : {}) };
    const done = () => {
      notifications.show({ color: 'green', message: rule ? `Saved ${body.name}. Scores are being updated.` : `Added ${body.name}. Everyone is being scored with it.` });
      onDone();
    };
    if (rule) update.mutate({ id: rule.id, patch: body }, { onSuccess: done });
    else create.mutate({ kind, ...body }, { onSuccess: done });
  };

  return (
    // No <form>: Enter in a suggested path or a property must not save the rule.
    <Stack gap="md">
      <FormErrorAlert message={topError} />
      <TextInput
        label="Name"
        placeholder={kind === 'fit' ? 'VP title' : 'Pricing page'}
        value={name}
        onChange={(event) => changed(setName)(event.currentTarget.value)}
        error={shown('name') ?? fieldError(save.error, 'name')}
        data-autofocus
        required
      />

      <Stack gap={6}>
        <Title order={3} fz="sm" fw={600}>
          {kind === 'fit' ? 'Contacts who match' : 'Each time a contact'}
        </Title>
        <Text fz="xs" c="dimmed" mt={-4}>
          {kind === 'fit'
            ? 'Fields of the contact and its company. The points count while the contact matches.'
            : 'Every occurrence earns the points, up to the cap; they fade with the half-life.'}
        </Text>
        {kind === 'fit' ? (
          <FitConditionEditor draft={fit} onChange={changed(setFit)} issue={conditionIssue} />
        ) : (
          <EngagementConditionEditor condition={engagement} onChange={changed(setEngagement)} message={conditionIssue?.message} />
        )}
      </Stack>

      <Group align="flex-start" gap="lg">
        <NumberInput
          label="Points"
          description="Negative for a penalty"
          value={points}
          onChange={changed(setPoints)}
          allowDecimal={false}
          min={-1000}
          max={1000}
          w={180}
          error={shown('points') ?? fieldError(save.error, 'points')}
          required
        />
        {kind === 'engagement' && (
          <Stack gap={6}>
            <Switch label="Limit the points" description="A cap per period" checked={capOn} onChange={(event) => changed(setCapOn)(event.currentTarget.checked)} mt={4} />
            {capOn && (
              <Group gap={6} align="flex-start" wrap="nowrap">
                <NumberInput
                  size="sm"
                  aria-label="Cap points"
                  value={capPoints}
                  onChange={changed(setCapPoints)}
                  allowDecimal={false}
                  min={1}
                  w={110}
                  error={capError}
                  rightSection={<Text fz="xs" c="dimmed" pr={6}>pts</Text>}
                />
                <Select
                  aria-label="Cap period"
                  data={PERIODS}
                  value={capPeriod}
                  onChange={(next) => next && changed(setCapPeriod)(next as CapPeriod)}
                  allowDeselect={false}
                  w={130}
                  comboboxProps={{ withinPortal: true }}
                />
              </Group>
            )}
          </Stack>
        )}
      </Group>

      <Switch label="Active" description="An inactive rule keeps its settings but gives no points" checked={active} onChange={(event) => changed(setActive)(event.currentTarget.checked)} />

      <Paper bg="gray.0" radius="md" p="sm" aria-label="Rule summary" role="note">
        <Text fz="sm">
          <PointsText points={Number(points) || 0} />{' '}
          {kind === 'fit' ? 'while ' : 'each time: '}
          <Text span fz="sm" fw={500}>
            {local.condition ? 'no condition yet' : describeRule(condition, catalog)}
          </Text>
          {cap && !local.cap && (
            <Text span fz="sm" c="dimmed">
              {' '}· at most {capText(cap)}
            </Text>
          )}
        </Text>
      </Paper>

      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          {rule ? 'Save rule' : 'Add rule'}
        </Button>
      </Group>
    </Stack>
  );
}
