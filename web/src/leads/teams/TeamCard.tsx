import { ActionIcon, Avatar, Badge, Button, Group, NumberInput, Paper, Progress, Select, Stack, Switch, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCrown, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useMembers } from '../../api/queries';
import { formatDateTime, formatRelative, initials } from '../../app/format';
import { OwnerName, OwnerSelect } from '../../crm/shared/OwnerSelect';
import { useUpdateTeam } from '../api';
import type { SalesTeam, TeamInput, TeamMember } from '../types';

/** One team: its lead, and each member's capacity, availability and open leads. */
export function TeamCard({ team, editable }: { team: SalesTeam; editable: boolean }) {
  const update = useUpdateTeam();
  const workspaceMembers = useMembers();
  const [adding, setAdding] = useState<string | null>(null);
  const open = team.members.reduce((sum, member) => sum + member.openLeads, 0);
  const available = team.members.filter((member) => !member.away).length;

  const patch = (input: TeamInput, done?: string) =>
    update.mutate(
      { id: team.id, input },
      {
        onSuccess: () => done && notifications.show({ color: 'green', message: done }),
        onError: (error) => notifications.show({ color: 'red', title: `Could not change ${team.name}`, message: errorMessage(error) }),
      },
    );
  const withMembers = (members: TeamMember[]) => members.map(({ userId, capacity, away }) => ({ userId, capacity, away }));
  const changeMember = (userId: string, change: Partial<Pick<TeamMember, 'capacity' | 'away'>>, done?: string) =>
    patch({ members: withMembers(team.members.map((member) => (member.userId === userId ? { ...member, ...change } : member))) }, done);

  const candidates = (workspaceMembers.data ?? []).filter((member) => !team.members.some((current) => current.userId === member.userId));

  return (
    <Paper withBorder radius="md" component="section" aria-label={team.name} style={{ overflow: 'hidden' }}>
      <Group justify="space-between" px="md" py="sm" bg="gray.0" wrap="wrap" gap="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Stack gap={2}>
          <Title order={2} fz="md">
            {team.name}
          </Title>
          <Text fz="xs" c="dimmed">
            {team.members.length} {team.members.length === 1 ? 'member' : 'members'} · {available} available · {open} open {open === 1 ? 'lead' : 'leads'}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <IconCrown size={16} color="var(--mantine-color-yellow-7)" />
          {editable ? (
            <OwnerSelect
              label=""
              aria-label={`Lead of ${team.name}`}
              value={team.leadUserId}
              onChange={(leadUserId) => patch({ leadUserId }, 'The team lead was changed.')}
              placeholder="No team lead"
              size="xs"
              w={220}
            />
          ) : (
            <Text fz="sm">
              Team lead: <OwnerName userId={team.leadUserId} />
            </Text>
          )}
        </Group>
      </Group>
      {team.members.length === 0 ? (
        <Text fz="sm" c="dimmed" p="md">
          No members yet: leads routed here wait unassigned.
        </Text>
      ) : (
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={`Members of ${team.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th w={190}>Open leads</Table.Th>
              <Table.Th w={130}>Capacity</Table.Th>
              <Table.Th w={110}>Away</Table.Th>
              <Table.Th w={150}>Last assigned</Table.Th>
              {editable && <Table.Th w={50} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {team.members.map((member) => (
              <Table.Tr key={member.userId} style={member.away ? { opacity: 0.65 } : undefined}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar size={30} radius="xl" color="indigo" variant="light">
                      {initials(member.name, member.email)}
                    </Avatar>
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Group gap={6} wrap="nowrap">
                        <Text fz="sm" fw={500} truncate>
                          {member.name || member.email}
                        </Text>
                        {team.leadUserId === member.userId && (
                          <Badge size="xs" variant="light" color="yellow" radius="sm" tt="none">
                            Team lead
                          </Badge>
                        )}
                        {member.away && (
                          <Badge size="xs" variant="light" color="gray" radius="sm" tt="none">
                            Away
                          </Badge>
                        )}
                      </Group>
                      <Text fz="xs" c="dimmed" truncate>
                        {member.email}
                      </Text>
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Text fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }} aria-label={`Open leads of ${member.name || member.email}`}>
                      {member.openLeads} of {member.capacity}
                    </Text>
                    <Progress
                      size="sm"
                      value={member.capacity ? Math.min(100, (member.openLeads / member.capacity) * 100) : 100}
                      color={member.openLeads >= member.capacity ? 'red' : member.openLeads >= member.capacity * 0.8 ? 'orange' : 'indigo'}
                      aria-hidden
                    />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {editable ? (
                    <CapacityInput member={member} onSave={(capacity) => changeMember(member.userId, { capacity }, `${member.name || member.email} takes up to ${capacity} open leads.`)} />
                  ) : (
                    <Text fz="sm">{member.capacity}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${member.name || member.email} is away`}
                    checked={member.away}
                    disabled={!editable}
                    onChange={(event) =>
                      changeMember(
                        member.userId,
                        { away: event.currentTarget.checked },
                        event.currentTarget.checked ? `${member.name || member.email} gets no new leads while away.` : `${member.name || member.email} is back.`,
                      )
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label={formatDateTime(member.lastAssignedAt)} disabled={!member.lastAssignedAt} withArrow>
                    <Text fz="sm" c="dimmed" span>
                      {member.lastAssignedAt ? formatRelative(member.lastAssignedAt) : 'Never'}
                    </Text>
                  </Tooltip>
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <Tooltip label="Remove from team" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove ${member.name || member.email} from ${team.name}`}
                        onClick={() => patch({ members: withMembers(team.members.filter((current) => current.userId !== member.userId)) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editable && (
        <Group gap="sm" px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Select
            aria-label={`Add a member to ${team.name}`}
            placeholder={candidates.length ? 'Add a member…' : 'Everyone is in this team'}
            data={candidates.map((member) => ({ value: member.userId, label: `${member.name || member.email} · ${member.role}` }))}
            value={adding}
            onChange={setAdding}
            searchable
            disabled={candidates.length === 0}
            size="xs"
            w={280}
            comboboxProps={{ withinPortal: true }}
          />
          <Button
            size="xs"
            variant="light"
            leftSection={<IconUserPlus size={14} />}
            disabled={!adding}
            loading={update.isPending}
            onClick={() => {
              if (!adding) return;
              patch({ members: [...withMembers(team.members), { userId: adding, capacity: 50, away: false }] });
              setAdding(null);
            }}
          >
            Add
          </Button>
        </Group>
      )}
    </Paper>
  );
}

/** Saved when the person leaves the field, or presses Enter. */
function CapacityInput({ member, onSave }: { member: TeamMember; onSave: (capacity: number) => void }) {
  const [value, setValue] = useState<number | string>(member.capacity);
  const commit = () => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10_000 && value !== member.capacity) onSave(value);
    else setValue(member.capacity);
  };
  return (
    <NumberInput
      aria-label={`Capacity of ${member.name || member.email}`}
      size="xs"
      w={90}
      min={0}
      max={10_000}
      allowDecimal={false}
      value={value}
      onChange={setValue}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}
