import { Button, Grid, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import { fieldError, formError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useSaveScoringSettings } from './api';
import { GradeMatrix } from './GradeMatrix';
import type { ScoringSettings } from './types';

const FIELDS = ['halfLifeDays', 'fitGrades', 'engagementLevels'];

type Draft = { halfLifeDays: number | string; fitGrades: Record<'A' | 'B' | 'C', number | string>; engagementLevels: Record<1 | 2 | 3, number | string> };

/** The draft as settings, when every number is filled in. */
function settingsOf(draft: Draft): ScoringSettings | null {
  const numbers = [draft.halfLifeDays, ...Object.values(draft.fitGrades), ...Object.values(draft.engagementLevels)];
  if (numbers.some((value) => typeof value !== 'number')) return null;
  return draft as ScoringSettings;
}

function problems(settings: ScoringSettings | null) {
  if (!settings) return { missing: 'Fill in every number' };
  const { fitGrades: fit, engagementLevels: levels } = settings;
  return {
    halfLifeDays: settings.halfLifeDays > 0 ? undefined : 'The half-life is more than 0 days',
    fitGrades: fit.A > fit.B && fit.B > fit.C ? undefined : 'Each grade needs more points than the next: A > B > C',
    engagementLevels: levels[1] > levels[2] && levels[2] > levels[3] ? undefined : 'Each level needs more points than the next: 1 > 2 > 3',
  };
}

/** The half-life of engagement and the thresholds of the grades, with what they mean beside them. */
export function SettingsPanel({ settings }: { settings: ScoringSettings }) {
  const [draft, setDraft] = useState<Draft>(settings);
  const save = useSaveScoringSettings();
  const current = settingsOf(draft);
  const found = problems(current);
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings);
  const errorOf = (field: 'halfLifeDays' | 'fitGrades' | 'engagementLevels') =>
    ('missing' in found ? undefined : found[field]) ?? fieldError(save.error, field);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!current || Object.values(found).some(Boolean)) return;
    save.mutate(current, { onSuccess: () => notifications.show({ color: 'green', message: 'Scoring settings saved. Everyone has been regraded.' }) });
  };
  const set = (next: Draft) => {
    setDraft(next);
    if (save.isError) save.reset();
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Paper withBorder radius="md" p="lg" component="form" onSubmit={submit} noValidate aria-label="Scoring settings">
          <Stack gap="lg">
            <FormErrorAlert message={formError(save.error, FIELDS) ?? ('missing' in found ? found.missing : undefined)} />
            <Section title="Engagement decay" help="Engagement fades so that old interest counts less than new: points halve every half-life, a step each day.">
              <NumberInput
                label="Half-life"
                value={draft.halfLifeDays}
                onChange={(halfLifeDays) => set({ ...draft, halfLifeDays })}
                min={1}
                max={3650}
                decimalScale={1}
                rightSection={<Text fz="xs" c="dimmed" pr="xs">days</Text>}
                rightSectionWidth={48}
                w={200}
                error={errorOf('halfLifeDays')}
              />
            </Section>
            <Section title="Fit grades" help="The least fit score for each grade; below C is D.">
              <Thresholds error={errorOf('fitGrades')}>
                {(['A', 'B', 'C'] as const).map((grade) => (
                  <NumberInput
                    key={grade}
                    label={`Grade ${grade} from`}
                    value={draft.fitGrades[grade]}
                    onChange={(value) => set({ ...draft, fitGrades: { ...draft.fitGrades, [grade]: value } })}
                    error={Boolean(errorOf('fitGrades'))}
                  />
                ))}
              </Thresholds>
            </Section>
            <Section title="Engagement levels" help="The least engagement score for each level; below 3 is 4.">
              <Thresholds error={errorOf('engagementLevels')}>
                {([1, 2, 3] as const).map((level) => (
                  <NumberInput
                    key={level}
                    label={`Level ${level} from`}
                    value={draft.engagementLevels[level]}
                    onChange={(value) => set({ ...draft, engagementLevels: { ...draft.engagementLevels, [level]: value } })}
                    error={Boolean(errorOf('engagementLevels'))}
                  />
                ))}
              </Thresholds>
            </Section>
            <Group justify="flex-end" gap="sm">
              <Button variant="default" disabled={!dirty} onClick={() => set(settings)}>
                Discard changes
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save settings
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Paper withBorder radius="md" p="lg" bg="gray.0">
          <GradeMatrix settings={current && !Object.values(found).some(Boolean) ? current : settings} />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function Section({ title, help, children }: { title: string; help: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Title order={2} fz="md">
        {title}
      </Title>
      <Text fz="sm" c="dimmed">
        {help}
      </Text>
      {children}
    </Stack>
  );
}

function Thresholds({ error, children }: { error: string | undefined; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <SimpleGrid cols={3} maw={420} spacing="sm">
        {children}
      </SimpleGrid>
      {error && (
        <Text fz="xs" c="red.7" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
