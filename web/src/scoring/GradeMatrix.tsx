import { Badge, Box, Group, Stack, Table, Text, Title } from '@mantine/core';
import { ENGAGEMENT_LEVELS, FIT_GRADES, TIER_COLORS, TIER_LABELS, tierOf } from './format';
import type { ScoringSettings, Tier } from './types';

const TIER_RULES: Record<Tier, string> = {
  hot: 'fit A–B and engagement 1–2',
  warm: 'fit A–C and engagement 1–3',
  cold: 'everyone else',
};

function fitRange(settings: ScoringSettings, grade: (typeof FIT_GRADES)[number]): string {
  const { A, B, C } = settings.fitGrades;
  return { A: `${A}+`, B: `${B}–${A}`, C: `${C}–${B}`, D: `<${C}` }[grade];
}

function levelRange(settings: ScoringSettings, level: (typeof ENGAGEMENT_LEVELS)[number]): string {
  const levels = settings.engagementLevels;
  return { 1: `${levels[1]}+`, 2: `${levels[2]}–${levels[1]}`, 3: `${levels[3]}–${levels[2]}`, 4: `<${levels[3]}` }[level];
}

/**
 * How a grade is made: the fit grade (A best) by the engagement level (1 best), each cell
 * coloured by the tier it falls in, with the point ranges of the given thresholds.
 */
export function GradeMatrix({ settings }: { settings: ScoringSettings }) {
  return (
    <Stack gap="sm">
      <Title order={2} fz="md">
        How grades work
      </Title>
      <Text fz="sm" c="dimmed">
        Every contact gets a letter for fit (A best, D least) and a number for engagement (1 most, 4 least). Together they
        are the grade, from A1 to D4, and the grade decides the tier.
      </Text>
      <Text fz="xs" c="dimmed">
        Rows are fit grades, columns engagement levels; under each, the points it takes.
      </Text>
      <Table withTableBorder withColumnBorders aria-label="Grades and tiers" fz="sm" layout="fixed" ta="center">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="left" aria-label="Fit grade by engagement level" />
            {ENGAGEMENT_LEVELS.map((level) => (
              <Table.Th key={level} ta="center">
                <Text fz="sm" fw={700}>
                  {level}
                </Text>
                <Text fz={11} c="dimmed" fw={400}>
                  {levelRange(settings, level)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {FIT_GRADES.map((grade) => (
            <Table.Tr key={grade}>
              <Table.Th ta="left">
                <Text fz="sm" fw={700} span>
                  {grade}
                </Text>
                <Text fz={11} c="dimmed" fw={400} span ml={6}>
                  {fitRange(settings, grade)}
                </Text>
              </Table.Th>
              {ENGAGEMENT_LEVELS.map((level) => {
                const tier = tierOf(grade, level);
                return (
                  <Table.Td
                    key={level}
                    bg={`${TIER_COLORS[tier]}.${tier === 'cold' ? 0 : 1}`}
                    c={`${TIER_COLORS[tier]}.${tier === 'warm' ? 9 : 8}`}
                    fw={700}
                    title={`${grade}${level}: ${TIER_LABELS[tier]}`}
                  >
                    {grade}
                    {level}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4}>
        {(['hot', 'warm', 'cold'] as const).map((tier) => (
          <Group key={tier} gap="xs" wrap="nowrap">
            <Box w={56}>
              <Badge size="sm" color={TIER_COLORS[tier]} variant={tier === 'cold' ? 'light' : 'filled'} radius="sm" fullWidth>
                {TIER_LABELS[tier]}
              </Badge>
            </Box>
            <Text fz="sm">{TIER_RULES[tier]}</Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
