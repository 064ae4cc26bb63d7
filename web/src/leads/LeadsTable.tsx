import { Anchor, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { OwnerName } from '../crm/shared/OwnerSelect';
import { GradeBadge, SlaIndicator, StatusBadge, TierText, useNow } from './LeadBits';
import type { Lead } from './types';

interface LeadsTableProps {
  leads: Lead[];
  /** When the server answered: the SLA counts down from there. */
  fetchedAt: number;
  showOwner: boolean;
}

/** The queue as a table; a row opens the lead with why it is one. */
export function LeadsTable({ leads, fetchedAt, showOwner }: LeadsTableProps) {
  const navigate = useNavigate();
  const now = useNow();
  return (
    <Paper withBorder radius="md" style={{ overflowX: 'auto' }}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover aria-label="Leads" miw={showOwner ? 1040 : 900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th w={130}>Grade · tier</Table.Th>
            <Table.Th w={170}>SLA</Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            {showOwner && <Table.Th w={140}>Owner</Table.Th>}
            <Table.Th>Routed by</Table.Th>
            <Table.Th w={100}>Qualified</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {leads.map((lead) => (
            <Table.Tr
              key={lead.id}
              onClick={(event) => {
                // The name is a link of its own; a click elsewhere on the row opens the lead too.
                if ((event.target as HTMLElement).closest('a')) return;
                void navigate(`/leads/${lead.id}`);
              }}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td maw={240}>
                <Stack gap={0}>
                  <Anchor component={Link} to={`/leads/${lead.id}`} fz="sm" fw={600} truncate>
                    {lead.contact.name}
                  </Anchor>
                  {lead.contact.email && (
                    <Text fz="xs" c="dimmed" truncate title={lead.contact.email}>
                      {lead.contact.email}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td maw={180}>
                <Text fz="sm" truncate c={lead.contact.companyName ? undefined : 'dimmed'}>
                  {lead.contact.companyName ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <GradeBadge grade={lead.grade} tier={lead.tier} />
                  <TierText tier={lead.tier} />
                </Group>
              </Table.Td>
              <Table.Td>
                <SlaIndicator lead={lead} fetchedAt={fetchedAt} now={now} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={lead.status} />
              </Table.Td>
              {showOwner && (
                <Table.Td>
                  <OwnerName userId={lead.ownerId} />
                </Table.Td>
              )}
              <Table.Td maw={220}>
                <Text fz="sm" c="dimmed" lineClamp={2} title={lead.routedBy}>
                  {lead.routedBy}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Tooltip label={formatDateTime(lead.mqlAt)} withArrow>
                  <Text fz="sm" c="dimmed" span>
                    {formatRelative(lead.mqlAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
