import { Badge, Box, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { DefinitionSummary } from '../../segments/DefinitionSummary';
import type { Condition } from '../../segments/types';
import { formatScore } from '../format';
import type { LeadDefinition, SalesTeam } from '../types';

const wrap = (condition: Condition) => ({ version: 1 as const, match: condition });

/** A version of the lead definition in words: who qualifies, how fast sales answers, who gets the lead. */
export function DefinitionDetails({ definition, teams }: { definition: LeadDefinition; teams: SalesTeam[] }) {
  const teamName = (id: string | null) => (id ? (teams.find((team) => team.id === id)?.name ?? 'a deleted team') : null);
  const { criteria, routing } = definition;
  const fallback = teamName(routing.fallbackTeamId);
  return (
    <Stack gap="md">
      <Row label="Becomes an MQL when">
        <Text fz="sm" data-testid="definition-thresholds">
          Fit score is at least <b>{formatScore(criteria.fitMin)}</b> and engagement score is at least <b>{formatScore(criteria.engagementMin)}</b>
          {criteria.conditions ? ', and:' : ''}
        </Text>
        {criteria.conditions && (
          <Box mt={6}>
            <DefinitionSummary definition={wrap(criteria.conditions)} />
          </Box>
        )}
      </Row>
      <Row label="Sales answers within">
        <Text fz="sm">
          <b>{definition.slaHours} hours</b>: a reminder at 75% of the time, the team lead is told at the deadline.
        </Text>
      </Row>
      <Row label="Routing">
        <Stack gap={8}>
          <Text fz="sm">
            {routing.accountOwnerFirst ? 'The account owner gets the leads of their companies first.' : 'Account owners are not asked first.'}
          </Text>
          {routing.rules.length > 0 && (
            <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Routing rules">
              {routing.rules.map((rule, index) => (
                <Box component="li" key={index} py={6} style={{ borderTop: index ? '1px solid var(--mantine-color-gray-2)' : undefined }}>
                  <Group gap={8} wrap="nowrap" mb={4}>
                    <Badge size="sm" variant="light" color="gray" radius="sm" w={24} px={0}>
                      {index + 1}
                    </Badge>
                    <Text fz="sm" fw={600}>
                      {rule.name}
                    </Text>
                    <IconArrowRight size={14} color="var(--mantine-color-gray-5)" />
                    <Text fz="sm">{teamName(rule.teamId)}</Text>
                  </Group>
                  <Box pl={32}>
                    <DefinitionSummary definition={wrap(rule.condition)} />
                  </Box>
                </Box>
              ))}
            </Box>
          )}
          <Text fz="sm">
            {routing.rules.length > 0 ? 'Otherwise: ' : 'Every lead goes to: '}
            {fallback ? <b>{fallback}</b> : <Text span c="dimmed" fz="sm">nobody (the lead waits unassigned)</Text>}
            {fallback ? ', round-robin among members who are not away or full' : ''}
          </Text>
        </Stack>
      </Row>
      {definition.notes && (
        <Row label="Notes">
          <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {definition.notes}
          </Text>
        </Row>
      )}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ display: 'grid', gridTemplateColumns: '170px 1fr', columnGap: 16 }}>
      <Text fz="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Box style={{ minWidth: 0 }}>{children}</Box>
    </Box>
  );
}
