import { ActionIcon, Alert, Avatar, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import {
  useChangeRole,
  useCurrentMe,
  useInvitations,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
} from '../api/queries';
import type { Invitation, Member, Role } from '../api/types';
import { formatDate, formatDateTime, initials, ROLE_LABELS } from '../app/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { InviteUserModal } from './InviteUserModal';
import { ROLE_OPTIONS } from './roleOptions';

export function UsersPage() {
  const me = useCurrentMe();
  const isAdmin = me.workspace.role === 'admin';
  const [inviting, inviteModal] = useDisclosure(false);

  return (
    <>
      <PageHeader
        title="Users"
        description={`The people who can sign in to ${me.workspace.name}, and what their role lets them do.`}
        actions={
          isAdmin && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={inviteModal.open}>
              Invite user
            </Button>
          )
        }
      />
      {!isAdmin && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg">
          You need the admin role to invite users, change roles or remove members.
        </Alert>
      )}
      <Stack gap="xl">
        <MembersTable isAdmin={isAdmin} currentUserId={me.user.id} />
        {isAdmin && <InvitationsTable />}
      </Stack>
      {isAdmin && <InviteUserModal opened={inviting} onClose={inviteModal.close} />}
    </>
  );
}

function MembersTable({ isAdmin, currentUserId }: { isAdmin: boolean; currentUserId: string }) {
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<Member | null>(null);

  if (members.isPending) return <LoadingBlock />;
  if (members.isError) return <ErrorBlock error={members.error} />;

  const onRoleChange = (member: Member, role: Role) => {
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: `${member.email} is now ${ROLE_LABELS[role]}.` }),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'Could not change the role', message: errorMessage(error) }),
      },
    );
  };
  const confirmRemove = () => {
    if (!removing) return;
    remove.mutate(removing.userId, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: `${removing.email} was removed from the workspace.` });
        setRemoving(null);
      },
      onError: (error) => {
        notifications.show({ color: 'red', title: 'Could not remove the member', message: errorMessage(error) });
        setRemoving(null);
      },
    });
  };

  return (
    <section aria-labelledby="members-heading">
      <Title order={2} fz="lg" mb="sm" id="members-heading">
        Members <Text span c="dimmed" fz="md">({members.data.length})</Text>
      </Title>
      <Paper withBorder radius="md">
        <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th w={190}>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              {isAdmin && <Table.Th w={60} aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data.map((member) => {
              const isSelf = member.userId === currentUserId;
              return (
                <Table.Tr key={member.userId} data-testid={`member-${member.email}`}>
                  <Table.Td>
                    <Group gap="sm" wrap="nowrap">
                      <Avatar size={30} radius="xl" color="indigo" variant="light">
                        {initials(member.name, member.email)}
                      </Avatar>
                      <Text fz="sm" fw={500}>
                        {member.name}
                      </Text>
                      {isSelf && (
                        <Badge size="xs" variant="light" color="gray">
                          You
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{member.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    {isAdmin && !isSelf ? (
                      <Select
                        aria-label={`Role of ${member.email}`}
                        data={ROLE_OPTIONS}
                        value={member.role}
                        allowDeselect={false}
                        size="xs"
                        w={150}
                        disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                        onChange={(value) => value && value !== member.role && onRoleChange(member, value as Role)}
                      />
                    ) : (
                      <Badge variant="light" color={member.role === 'admin' ? 'indigo' : 'gray'} data-testid="member-role">
                        {ROLE_LABELS[member.role] ?? member.role}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {formatDate(member.joinedAt)}
                    </Text>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td>
                      {!isSelf && (
                        <Tooltip label="Remove from workspace" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove ${member.email}`}
                            onClick={() => setRemoving(member)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <ConfirmDialog
        opened={removing !== null}
        title="Remove member"
        confirmLabel="Remove member"
        loading={remove.isPending}
        onConfirm={confirmRemove}
        onCancel={() => setRemoving(null)}
      >
        Remove {removing?.email} from this workspace? They lose access at once; their account stays and can be invited
        again.
      </ConfirmDialog>
    </section>
  );
}

function InvitationsTable() {
  const invitations = useInvitations(true);
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `The invitation for ${revoking.email} was revoked.` }),
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not revoke the invitation', message: errorMessage(error) }),
      onSettled: () => setRevoking(null),
    });
  };

  return (
    <section aria-labelledby="invitations-heading">
      <Title order={2} fz="lg" mb="sm" id="invitations-heading">
        Pending invitations
      </Title>
      {invitations.isPending ? (
        <LoadingBlock />
      ) : invitations.isError ? (
        <ErrorBlock error={invitations.error} />
      ) : invitations.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text fz="sm" c="dimmed">
            No pending invitations. Invite a colleague with the “Invite user” button.
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Pending invitations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Invited</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th w={100} aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text fz="sm">{invitation.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {ROLE_LABELS[invitation.role] ?? invitation.role}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{invitation.invitedBy ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {formatDateTime(invitation.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" c="dimmed">
                      {formatDateTime(invitation.expiresAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Revoke invitation for ${invitation.email}`}
                      onClick={() => setRevoking(invitation)}
                    >
                      Revoke
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke invitation"
        confirmLabel="Revoke invitation"
        loading={revoke.isPending}
        onConfirm={confirmRevoke}
        onCancel={() => setRevoking(null)}
      >
        Revoke the invitation for {revoking?.email}? The link stops working at once.
      </ConfirmDialog>
    </section>
  );
}
