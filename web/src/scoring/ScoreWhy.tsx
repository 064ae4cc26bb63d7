import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../app/format';
import { formatScore } from './format';
import { PointsText } from './ScoreBits';
import type { ContactScore, LedgerEntry } from './types';

/** Ledger entries shown before "Show all". */
const FIRST = 10;

/** "Why this score": the fit rules the contact matches now, and the engagement points it earned, newest first. */
export function ScoreWhy({ score }: { score: ContactScore }) {
  const [all, setAll] = useState(false);
  const engagement = score.ledger.filter((entry) => entry.kind === 'engagement');
  const shown = all ? engagement : engagement.slice(0, FIRST);

  return (
    <Stack gap="md" role="group" aria-label="Why this score">
      <Text fz="sm" fw={650}>
        Why this score
      </Text>
      <Part label="Fit rules matched">
        {score.fitRules.length === 0 ? (
          <Empty>No fit rule matches this contact.</Empty>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Fit rules matched">
            {score.fitRules.map((rule) => (
              <Group component="li" key={rule.ruleId} justify="space-between" wrap="nowrap" gap="sm">
                <Text fz="sm" truncate title={rule.name}>
                  {rule.name}
                </Text>
                <PointsText points={rule.points} />
              </Group>
            ))}
          </Stack>
        )}
      </Part>
      <Part label="Engagement points">
        {engagement.length === 0 ? (
          <Empty>No engagement points yet.</Empty>
        ) : (
          <Stack component="ul" gap={8} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Engagement points">
            {shown.map((entry) => (
              <LedgerRow key={entry.id} entry={entry} />
            ))}
          </Stack>
        )}
        {engagement.length > FIRST && (
          <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
            {all ? 'Show fewer' : `Show all ${engagement.length}`}
          </Button>
        )}
      </Part>
    </Stack>
  );
}

/** Rule and points; under them, the event, when, and what the points are worth now. */
function LedgerRow({ entry }: { entry: LedgerEntry }) {
  const decayed = Math.abs(entry.worth - entry.points) >= 0.05;
  return (
    <Stack component="li" gap={0}>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text fz="sm" fw={500} truncate title={entry.rule}>
          {entry.rule}
        </Text>
        <PointsText points={entry.points} />
      </Group>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text fz="xs" c="dimmed" truncate title={`${entry.event ?? ''} · ${formatDateTime(entry.at)}`}>
          {entry.event ? `${entry.event} · ` : ''}
          {formatRelative(entry.at)}
        </Text>
        {decayed && (
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }} title="What the points are worth after decay">
            now {formatScore(entry.worth)}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" c="dimmed">
      {children}
    </Text>
  );
}
