import { Button, Group, Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../api/client';
import { useMembers } from '../../api/queries';
import { OwnerSelect } from '../../crm/shared/OwnerSelect';
import { FormErrorAlert } from '../../crm/shared/FormErrorAlert';
import { useCreateTeam } from '../api';

/** A new team: its name, who leads it (hears of SLA breaches), and its first members. */
export function NewTeamModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const members = useMembers();
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [leadUserId, setLeadUserId] = useState<string | null>(null);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName('');
    setLeadUserId(null);
    setMemberIds([]);
    setMissing(false);
    create.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMissing(true);
    create.mutate(
      { name: name.trim(), leadUserId, members: memberIds.map((userId) => ({ userId })) },
      {
        onSuccess: (team) => {
          notifications.show({ color: 'green', message: `${team.name} was created.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New team" size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormErrorAlert message={formError(create.error, ['name', 'leadUserId'])} />
          <TextInput
            label="Name"
            placeholder="e.g. Nordics"
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Name the team' : fieldError(create.error, 'name')}
            maxLength={100}
            data-autofocus
          />
          <OwnerSelect label="Team lead" value={leadUserId} onChange={setLeadUserId} placeholder="Nobody" error={fieldError(create.error, 'leadUserId')} />
          <MultiSelect
            label="Members"
            description="Each gets a capacity of 50 open leads; change it on the team."
            placeholder={memberIds.length ? undefined : 'Choose members'}
            data={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name || member.email }))}
            value={memberIds}
            onChange={setMemberIds}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create team
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
