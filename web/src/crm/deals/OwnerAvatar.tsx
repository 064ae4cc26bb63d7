import { Avatar, Tooltip } from '@mantine/core';
import { useMembers } from '../../api/queries';
import type { Member } from '../../api/types';
import { initials } from '../../app/format';

export function useMemberMap(): Map<string, Member> {
  const members = useMembers();
  return new Map((members.data ?? []).map((member) => [member.userId, member]));
}

/** The owner's initials in a small circle, with their name on hover. */
export function OwnerAvatar({ member, size = 24 }: { member: Member | undefined; size?: number }) {
  if (!member) {
    return (
      <Tooltip label="Unassigned" withArrow>
        <Avatar size={size} radius="xl" color="gray" variant="outline" role="img" aria-label="Unassigned" />
      </Tooltip>
    );
  }
  return (
    <Tooltip label={`Owner: ${member.name}`} withArrow>
      <Avatar size={size} radius="xl" color="indigo" variant="light" role="img" aria-label={member.name}>
        {initials(member.name, member.email)}
      </Avatar>
    </Tooltip>
  );
}
