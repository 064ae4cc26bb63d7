import { Badge, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { formatDate, formatDateTime, formatRelative } from '../../app/format';
import { OwnerName } from '../../crm/shared/OwnerSelect';
import { DEFINITION_STATUS_COLORS, DEFINITION_STATUS_LABELS, formatScore, SIDE_LABELS } from '../format';
import type { LeadDefinition } from '../types';

/** Every version, newest first, with who approved it for which side; a row opens the version. */
export function VersionHistory({ versions, selectedId, onSelect }: { versions: LeadDefinition[]; selectedId: string | null; onSelect: (id: string) => void }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby="versions-title">
      <Title order={2} fz="md" id="versions-title">
        Version history
      </Title>
      <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label="Versions" miw={860}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>Version</Table.Th>
              <Table.Th w={100}>Status</Table.Th>
              <Table.Th>Thresholds</Table.Th>
              <Table.Th>Approvals</Table.Th>
              <Table.Th w={170}>Drafted</Table.Th>
              <Table.Th w={190}>Live</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((version) => (
              <Table.Tr
                key={version.id}
                onClick={() => onSelect(version.id)}
                style={{ cursor: 'pointer' }}
                bg={version.id === selectedId ? 'indigo.0' : undefined}
                aria-selected={version.id === selectedId}
              >
                <Table.Td fw={600}>v{version.version}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" radius="sm" tt="none" color={DEFINITION_STATUS_COLORS[version.status]}>
                    {DEFINITION_STATUS_LABELS[version.status]}
                  </Badge>
                </Table.Td>
                <Table.Td fz="sm">
                  Fit ≥ {formatScore(version.criteria.fitMin)} · engagement ≥ {formatScore(version.criteria.engagementMin)}
                  {version.criteria.conditions ? ' · with conditions' : ''}
                  <Text fz="xs" c="dimmed">
                    SLA {version.slaHours} h · {version.routing.rules.length} routing {version.routing.rules.length === 1 ? 'rule' : 'rules'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {version.approvals.length === 0 ? (
                    <Text fz="sm" c="dimmed">
                      None yet
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {version.approvals.map((approval) => (
                        <Group key={approval.userId} gap={6} wrap="nowrap" align="flex-start">
                          <IconCircleCheck size={14} color="var(--mantine-color-teal-6)" style={{ marginTop: 3, flexShrink: 0 }} />
                          <Stack gap={0} style={{ minWidth: 0 }}>
                            <Text fz="sm" truncate>
                              {approval.name}
                            </Text>
                            <Text fz="xs" c="dimmed">
                              {SIDE_LABELS[approval.side]} ·{' '}
                              <Tooltip label={formatDateTime(approval.approvedAt)} withArrow>
                                <span>{formatRelative(approval.approvedAt)}</span>
                              </Tooltip>
                            </Text>
                          </Stack>
                        </Group>
                      ))}
                    </Stack>
                  )}
                  {version.status === 'draft' && version.awaiting.length > 0 && (
                    <Text fz="xs" c="orange.8">
                      Awaiting {version.awaiting.map((side) => SIDE_LABELS[side].toLowerCase()).join(' and ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text fz="sm" title={formatDateTime(version.createdAt)}>
                    {formatRelative(version.createdAt)}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {version.createdBy ? (
                      <>
                        by <OwnerName userId={version.createdBy} fz="xs" />
                      </>
                    ) : (
                      'through the API'
                    )}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm" c={version.liveAt ? undefined : 'dimmed'}>
                  {version.liveAt ? `${formatDate(version.liveAt)} – ${version.retiredAt ? formatDate(version.retiredAt) : 'now'}` : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
