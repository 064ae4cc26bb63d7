import { Alert, Badge, Box, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconHourglass, IconScale, IconTrendingDown, IconTrophy } from '@tabler/icons-react';
import { useState } from 'react';
import { ResultsFrame, ResultStat } from '../components/ResultsFrame';
import { NUMBER } from '../components/table';
import { usePageResults } from './api';
import { variantColor } from './editor/VariantsEditor';
import { formatConfidence, formatLift, formatRate, pText, testVerdict, type VerdictTone, variantVerdict } from './format';
import type { LandingPage } from './types';

const TONES: Record<VerdictTone, { color: string; icon: typeof IconTrophy }> = {
  win: { color: 'teal', icon: IconTrophy },
  loss: { color: 'orange', icon: IconTrendingDown },
  neutral: { color: 'gray', icon: IconScale },
  waiting: { color: 'blue', icon: IconHourglass },
};

/** The A/B test: each variant's visitors and conversions against the control's, and what they mean. */
export function ResultsPanel({ page }: { page: LandingPage }) {
  const [days, setDays] = useState(90);
  const results = usePageResults(page.id, days);
  return (
    <ResultsFrame
      intro="A visitor is a person shown the page, counted once; a conversion is a form sent or, on a variant without a form, a button clicked. The rate is conversions per visitor."
      days={days}
      onDaysChange={setDays}
      query={results}
    >
      {(data) => (
        <>
          <Verdict tone={testVerdict(data).tone} text={testVerdict(data).text} />
          <Paper withBorder radius="md" p="lg" role="region" aria-label="Totals">
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <ResultStat label="Visitors" value={data.visitors.toLocaleString()} />
              <ResultStat label="Views" value={data.views.toLocaleString()} />
              <ResultStat label="Conversions" value={data.conversions.toLocaleString()} />
              <ResultStat label="Conversion rate" value={formatRate(data.rate)} accent />
            </SimpleGrid>
          </Paper>
          <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Results by variant" miw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Variant</Table.Th>
                  <Table.Th style={NUMBER}>Visitors</Table.Th>
                  <Table.Th style={NUMBER}>Views</Table.Th>
                  <Table.Th style={NUMBER}>Conversions</Table.Th>
                  <Table.Th w={150} style={{ whiteSpace: 'nowrap' }}>Conversion rate</Table.Th>
                  <Table.Th style={NUMBER}>Lift vs control</Table.Th>
                  <Table.Th style={NUMBER}>
                    <Tooltip label="1 − p of a chi-square test against the control; 95% is the usual bar" withArrow multiline w={240}>
                      <span style={{ textDecoration: 'underline dotted' }}>Confidence</span>
                    </Tooltip>
                  </Table.Th>
                  <Table.Th>Verdict</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.variants.map((variant, index) => {
                  const control = data.variants[0]!;
                  const verdict = index === 0 ? null : variantVerdict(variant, control);
                  return (
                    <Table.Tr key={variant.key} aria-label={`Variant ${variant.key}`}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Badge radius="sm" variant="light" color={variantColor(index)}>
                            {variant.key}
                          </Badge>
                          <Stack gap={0} style={{ minWidth: 0 }}>
                            <Group gap={6} wrap="nowrap">
                              <Text fz="sm" fw={500} truncate maw={200}>
                                {variant.name}
                              </Text>
                              {index === 0 && (
                                <Badge radius="sm" variant="outline" color="gray" size="xs">
                                  Control
                                </Badge>
                              )}
                            </Group>
                            <Text fz="xs" c="dimmed">
                              {variant.weight}% of new visitors
                            </Text>
                          </Stack>
                        </Group>
                      </Table.Td>
                      <Table.Td style={NUMBER} fz="sm">
                        {variant.visitors.toLocaleString()}
                      </Table.Td>
                      <Table.Td style={NUMBER} fz="sm">
                        {variant.views.toLocaleString()}
                      </Table.Td>
                      <Table.Td style={NUMBER} fz="sm" fw={500}>
                        {variant.conversions.toLocaleString()}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={8} wrap="nowrap">
                          <Progress value={Math.min(variant.rate ?? 0, 100)} size="sm" w={60} color={variantColor(index)} aria-hidden />
                          <Text fz="sm" fw={600}>
                            {formatRate(variant.rate)}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td style={NUMBER} fz="sm" fw={500} c={variant.lift === null ? 'dimmed' : variant.lift > 0 ? 'teal.7' : variant.lift < 0 ? 'red.7' : undefined}>
                        {index === 0 ? <Text span fz="xs" c="dimmed">baseline</Text> : formatLift(variant.lift)}
                      </Table.Td>
                      <Table.Td style={NUMBER} fz="sm">
                        {variant.pValue === null ? (
                          <Text span fz="sm" c="dimmed">
                            —
                          </Text>
                        ) : (
                          <Stack gap={0} align="flex-end">
                            <Text fz="sm" fw={500}>
                              {formatConfidence(variant.pValue)}
                            </Text>
                            <Text fz="xs" c="dimmed">
                              {pText(variant.pValue)}
                            </Text>
                          </Stack>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {verdict ? (
                          <Text fz="sm" fw={500} c={`${TONES[verdict.tone].color}.7`} style={{ whiteSpace: 'nowrap' }}>
                            {verdict.text}
                          </Text>
                        ) : (
                          <Text fz="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Paper>
          <Text fz="xs" c="dimmed">
            A difference counts as real when its p-value is below 0.05 (95% confidence). With few visitors even a large lift can be chance: wait for a few hundred visitors per variant before you pick a winner.
          </Text>
        </>
      )}
    </ResultsFrame>
  );
}

function Verdict({ tone, text }: { tone: VerdictTone; text: string }) {
  const { color, icon: Icon } = TONES[tone];
  const title = { win: 'We have a winner', loss: 'The control is ahead', waiting: 'No winner yet', neutral: 'No A/B test' }[tone];
  return (
    <Box component="section" aria-label="Verdict">
      <Alert color={color} icon={<Icon size={20} />} title={<Title order={2} fz="sm">{title}</Title>}>
        <Text fz="sm">{text}</Text>
      </Alert>
    </Box>
  );
}

