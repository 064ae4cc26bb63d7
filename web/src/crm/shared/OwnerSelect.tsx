import { Select, Text, type SelectProps } from '@mantine/core';
import { useMembers } from '../../api/queries';
import { useMemberNames } from './queries';

export interface OwnerSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'label'> {
  value: string | null;
  onChange: (userId: string | null) => void;
  /** "Owner" unless told otherwise (e.g. "Assignee"). */
  label?: string;
  /** Offer an "Unassigned" choice (clearing the select does the same). */
  allowUnassigned?: boolean;
}

const UNASSIGNED = '__unassigned__';

/** A workspace member picked by name; null means unassigned. */
export function OwnerSelect({ value, onChange, label = 'Owner', allowUnassigned = true, placeholder, ...rest }: OwnerSelectProps) {
  const members = useMembers();
  const data = [
    ...(allowUnassigned ? [{ value: UNASSIGNED, label: 'Unassigned' }] : []),
    ...(members.data ?? []).map((member) => ({ value: member.userId, label: member.name || member.email })),
  ];
  // An owner who has left the workspace still shows, so the select never goes blank.
  if (value && members.data && !members.data.some((member) => member.userId === value)) {
    data.push({ value, label: 'Former member' });
  }
  return (
    <Select
      label={label}
      data={data}
      value={value ?? (allowUnassigned ? UNASSIGNED : null)}
      onChange={(next) => onChange(next === UNASSIGNED ? null : next)}
      placeholder={placeholder ?? (members.isPending ? 'Loading members…' : 'Choose a member')}
      searchable
      allowDeselect={false}
      nothingFoundMessage="No member matches"
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}

/** An owner's name for read-only places; "Unassigned" when there is none. */
export function OwnerName({ userId, fz = 'sm' }: { userId: string | null; fz?: string }) {
  const members = useMembers();
  const names = useMemberNames();
  if (!userId) return <Text fz={fz} c="dimmed" span>Unassigned</Text>;
  return <Text fz={fz} span>{names.get(userId) ?? (members.isPending ? '…' : 'Former member')}</Text>;
}
