import { Box, Divider, Group, NumberInput, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { formatDateTime } from '../../app/format';
import type { JourneyRules, JourneyVersionInfo } from '../types';
import { ConditionField, ProblemList } from './ConditionInputs';
import type { JourneyNames } from './summary';

interface SettingsPanelProps {
  rules: JourneyRules;
  onChange: (rules: JourneyRules) => void;
  description: string;
  onDescription: (description: string) => void;
  versions: JourneyVersionInfo[];
  liveVersion: number | null;
  names: JourneyNames;
  /** Problems about the rules rather than a step. */
  problems: { field: string | null; message: string }[];
  readOnly: boolean;
}

/** Who may enter and how often, when an enrolment ends early, and the versions published. */
export function SettingsPanel({ rules, onChange, description, onDescription, versions, liveVersion, names, problems, readOnly }: SettingsPanelProps) {
  const about = (field: string) => problems.filter((problem) => problem.field?.startsWith(`rules.${field}`)).map((problem) => problem.message);
  const other = problems.filter((problem) => !['reentry', 'goal', 'exitWhen', 'maxInFlight'].some((field) => problem.field?.startsWith(`rules.${field}`)));
  return (
    <Stack gap="md" p="md" role="region" aria-label="Journey settings">
      <ProblemList problems={other.map((problem) => problem.message)} />
      <Textarea
        label="Description"
        placeholder="Who this journey is for and what it should achieve"
        value={description}
        onChange={(event) => onDescription(event.currentTarget.value)}
        autosize
        minRows={2}
        disabled={readOnly}
      />
      <Divider label="Entry" labelPosition="left" />
      <Radio.Group
        label="Re-entry"
        description="Whether a contact who went through the journey may enter it again"
        value={rules.reentry.mode}
        onChange={(mode) =>
          onChange({ ...rules, reentry: mode === 'after' ? { mode: 'after', days: rules.reentry.mode === 'after' ? rules.reentry.days : 90 } : { mode: mode as 'never' | 'always' } })
        }
        error={about('reentry')[0]}
      >
        <Stack gap={8} mt={8}>
          <Radio value="never" label="Never: once per contact" disabled={readOnly} />
          <Group gap="xs" wrap="nowrap">
            <Radio value="after" label="After" disabled={readOnly} />
            <NumberInput
              aria-label="Days before re-entry"
              size="xs"
              w={80}
              min={1}
              value={rules.reentry.mode === 'after' ? rules.reentry.days : 90}
              disabled={readOnly || rules.reentry.mode !== 'after'}
              onChange={(days) => typeof days === 'number' && onChange({ ...rules, reentry: { mode: 'after', days } })}
            />
            <Text fz="sm">days since the last enrolment ended</Text>
          </Group>
          <Radio value="always" label="Always, once the last enrolment has ended" disabled={readOnly} />
        </Stack>
      </Radio.Group>
      <NumberInput
        label="Max in flight"
        description="Entries are refused while this many contacts are in the journey; empty for no limit"
        placeholder="No limit"
        min={1}
        value={rules.maxInFlight ?? ''}
        onChange={(value) => onChange({ ...rules, maxInFlight: typeof value === 'number' ? value : null })}
        error={about('maxInFlight')[0]}
        disabled={readOnly}
      />
      <Divider label="Goal and exit" labelPosition="left" />
      <ConditionField
        label="Goal"
        description="Reaching it ends the enrolment as converted, wherever the contact is."
        value={rules.goal}
        onChange={(goal) => onChange({ ...rules, goal })}
        names={names}
        optional
        problems={about('goal')}
        disabled={readOnly}
      />
      <ConditionField
        label="Exit condition"
        description="Reaching it ends the enrolment as exited: unsubscribed, became a customer, left a segment…"
        value={rules.exitWhen}
        onChange={(exitWhen) => onChange({ ...rules, exitWhen })}
        names={names}
        optional
        problems={about('exitWhen')}
        disabled={readOnly}
      />
      <Divider label="Versions" labelPosition="left" />
      {versions.length === 0 ? (
        <Text fz="sm" c="dimmed">
          Not launched yet. Launching publishes the draft as version 1.
        </Text>
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Versions">
          {[...versions].reverse().map((version) => (
            <Group key={version.version} component="li" justify="space-between" py={4} wrap="nowrap">
              <Title order={4} fz="sm" fw={600}>
                Version {version.version}
                {version.version === liveVersion && (
                  <Text span fz="xs" c="teal.7" fw={700} ml={6}>
                    LIVE
                  </Text>
                )}
              </Title>
              <Text fz="xs" c="dimmed">
                {formatDateTime(version.publishedAt)}
              </Text>
            </Group>
          ))}
        </Box>
      )}
    </Stack>
  );
}
