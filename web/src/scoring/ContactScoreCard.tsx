import { Box, Divider, Group, Text } from '@mantine/core';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useContactScore } from './api';
import { formatScore } from './format';
import { GradeBadge, TierBadge } from './ScoreBits';
import { ScoreWhy } from './ScoreWhy';

/** A contact's grade and tier, its fit and engagement, and why: the rules matched and the points earned. */
export function ContactScoreCard({ contactId }: { contactId: string }) {
  const score = useContactScore(contactId);
  if (score.isError) return <ErrorBlock error={score.error} />;
  const data = score.data;

  return (
    <SectionCard title="Score" actions={data && <TierBadge tier={data.tier} />}>
      {!data ? (
        <LoadingBlock />
      ) : (
        <>
          <Group gap="md" wrap="nowrap" align="center">
            <GradeBadge grade={data.grade} tier={data.tier} />
            {/* The grade already says the fit grade and the engagement level: the points are enough here. */}
            <Box style={{ display: 'grid', gridTemplateColumns: '1fr auto', columnGap: 12, rowGap: 2, alignItems: 'baseline', flex: 1 }}>
              <ScoreLine label="Fit" name="Fit score" value={formatScore(data.fit)} title={`Fit grade ${data.fitGrade}`} />
              <ScoreLine
                label="Engagement"
                name="Engagement score"
                value={formatScore(data.engagement)}
                title={`Engagement level ${data.engagementLevel}`}
              />
            </Box>
          </Group>
          <Divider my="md" />
          <ScoreWhy score={data} />
          <Text fz="xs" c="dimmed" mt="sm">
            Engagement halves every {formatScore(data.halfLifeDays)} {data.halfLifeDays === 1 ? 'day' : 'days'}.
          </Text>
        </>
      )}
    </SectionCard>
  );
}

/** "Fit  20": one row of the grid beside the grade. */
function ScoreLine({ label, name, value, title }: { label: string; name: string; value: string; title: string }) {
  return (
    <>
      <Text fz="sm" c="dimmed" title={title}>
        {label}
      </Text>
      <Text fz={20} fw={700} lh={1.3} ta="right" aria-label={name} title={title} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </>
  );
}
