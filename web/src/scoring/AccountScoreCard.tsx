import { Group, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useCompanyScore } from './api';
import { formatScore, TIER_COLORS, TIER_LABELS } from './format';
import { ScoreStat } from './ScoreStat';
import type { Tier } from './types';

const TIERS: Tier[] = ['hot', 'warm', 'cold'];

/** An account's score from its people: their best fit, their engagement together, and how many are hot, warm and cold. */
export function AccountScoreCard({ companyId }: { companyId: string }) {
  const score = useCompanyScore(companyId);
  if (score.isError) return <ErrorBlock error={score.error} />;
  const data = score.data;

  return (
    <SectionCard title="Account score">
      {!data ? (
        <LoadingBlock />
      ) : data.contacts === 0 ? (
        <Text fz="sm" c="dimmed">
          No contacts to score yet.
        </Text>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={3} spacing="xs">
            <ScoreStat label="Contacts" name="Scored contacts" value={data.contacts.toLocaleString()} />
            <ScoreStat label="Best fit" name="Best fit" value={formatScore(data.bestFit)} />
            <ScoreStat label="Engagement" name="Account engagement" value={formatScore(data.engagement)} />
          </SimpleGrid>
          <Stack gap={6}>
            <Progress.Root size="md" radius="xl" aria-hidden>
              {TIERS.filter((tier) => data.tiers[tier] > 0).map((tier) => (
                <Tooltip key={tier} label={`${data.tiers[tier]} ${TIER_LABELS[tier].toLowerCase()}`}>
                  <Progress.Section value={(data.tiers[tier] / data.contacts) * 100} color={tier === 'cold' ? 'blue.3' : TIER_COLORS[tier]} />
                </Tooltip>
              ))}
            </Progress.Root>
            <Group gap="md" aria-label="Contacts by tier" role="list">
              {TIERS.map((tier) => (
                <Group key={tier} gap={6} wrap="nowrap" role="listitem">
                  <span
                    style={{
                      width: 8,
                      height: 8,
                      borderRadius: 4,
                      background: `var(--mantine-color-${TIER_COLORS[tier]}-${tier === 'cold' ? 3 : 6})`,
                    }}
                  />
                  <Text fz="sm">
                    <Text span fw={600}>
                      {data.tiers[tier]}
                    </Text>{' '}
                    {TIER_LABELS[tier].toLowerCase()}
                  </Text>
                </Group>
              ))}
            </Group>
          </Stack>
        </Stack>
      )}
    </SectionCard>
  );
}
