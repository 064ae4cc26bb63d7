import { Badge, Box, Group, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconBolt, IconUserCheck } from '@tabler/icons-react';
import { formatDateTime, formatRelative } from '../app/format';
import { formatPoints, formatScore, TIER_COLORS, TIER_LABELS } from './format';
import type { Lead, LeadScore } from './types';

/** The score behind the hand-off: the grade, fit and engagement, and every rule that earned points. */
export function WhyThisLead({ lead, score }: { lead: Lead; score: LeadScore }) {
  return (
    <Stack gap="md">
      <ScoreSummary lead={lead} score={score} />
      <Ledger score={score} />
    </Stack>
  );
}

function ScoreSummary({ lead, score }: { lead: Lead; score: LeadScore }) {
  const color = TIER_COLORS[score.tier];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Score">
      <Group gap="lg" wrap="nowrap" align="center">
        <Box
          w={72}
          h={72}
          bg={`${color}.${score.tier === 'cold' ? 0 : 1}`}
          style={{
            borderRadius: 'var(--mantine-radius-md)',
            border: `1px solid var(--mantine-color-${color}-${score.tier === 'cold' ? 2 : 3})`,
            display: 'grid',
            placeItems: 'center',
            flexShrink: 0,
          }}
        >
          <Text fz={30} fw={800} lh={1} c={`${color}.8`} aria-label="Current grade">
            {score.grade}
          </Text>
        </Box>
        <SimpleGrid cols={3} spacing="lg" style={{ flex: 1 }}>
          <Figure label="Tier" value={TIER_LABELS[score.tier]} />
          <Figure label="Fit" value={formatScore(score.fit)} hint={`${score.fitGrade} grade · ${formatScore(lead.fit)} when qualified`} />
          <Figure
            label="Engagement"
            value={formatScore(score.engagement)}
            hint={`level ${score.engagementLevel} · ${formatScore(lead.engagement)} when qualified`}
          />
        </SimpleGrid>
      </Group>
      <Text fz="xs" c="dimmed" mt="sm">
        Qualified as {lead.grade} under lead definition v{lead.definitionVersion}. Engagement halves every {formatScore(score.halfLifeDays)} days.
      </Text>
    </Paper>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={22} fw={650} aria-label={label} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text fz="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

/** Every rule that gave or took points, newest first, with what the points are worth now. */
function Ledger({ score }: { score: LeadScore }) {
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="ledger-title" style={{ overflow: 'hidden' }}>
      <Group justify="space-between" px="md" pt="md" pb="xs">
        <Title order={3} fz="sm" id="ledger-title">
          Score ledger
        </Title>
        <Text fz="xs" c="dimmed">
          {score.ledger.length} {score.ledger.length === 1 ? 'entry' : 'entries'}
        </Text>
      </Group>
      {score.ledger.length === 0 ? (
        <Text fz="sm" c="dimmed" px="md" pb="md">
          No rule has given this contact points yet.
        </Text>
      ) : (
        <Table verticalSpacing={8} horizontalSpacing="md" fz="sm" aria-label="Score ledger">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Event</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                Points
              </Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                Worth now
              </Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                When
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {score.ledger.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {entry.kind === 'fit' ? (
                      <IconUserCheck size={14} color="var(--mantine-color-indigo-6)" aria-label="Fit rule" />
                    ) : (
                      <IconBolt size={14} color="var(--mantine-color-grape-6)" aria-label="Engagement rule" />
                    )}
                    <Text fz="sm" fw={500}>
                      {entry.rule}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td c={entry.event ? undefined : 'dimmed'} maw={220} style={{ overflowWrap: 'anywhere' }}>
                  {entry.event ?? (entry.kind === 'fit' ? 'Profile matched' : '—')}
                </Table.Td>
                <Table.Td ta="right">
                  <Text span fz="sm" fw={600} c={entry.points < 0 ? 'red.7' : 'teal.7'} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatPoints(entry.points)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatPoints(entry.worth, false)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  <Tooltip label={formatDateTime(entry.at)} withArrow>
                    <Text span fz="sm" c="dimmed">
                      {formatRelative(entry.at)}
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {score.fitRules.length > 0 && (
        <Group gap={6} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Text fz="xs" c="dimmed" fw={600}>
            Fit rules matched now:
          </Text>
          {score.fitRules.map((rule) => (
            <Badge key={rule.ruleId} variant="light" color="indigo" radius="sm" tt="none" size="sm">
              {rule.name} {formatPoints(rule.points)}
            </Badge>
          ))}
        </Group>
      )}
    </Paper>
  );
}
