import { ActionIcon, Anchor, Box, Group, Paper, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import type { BuyingRole, DealDetail } from '../types';
import { contactName, useContacts, useRemoveDealContact, useSetDealContact } from './api';
import { BUYING_ROLES } from './format';
import { RecordPicker } from './RecordPicker';

/** The people on a deal and the part each plays in the buying decision. */
export function DealPeople({ deal, readOnly = false }: { deal: DealDetail; readOnly?: boolean }) {
  const contacts = useContacts(deal.contacts.map((link) => link.contactId));
  const setRole = useSetDealContact(deal.id);
  const remove = useRemoveDealContact(deal.id);

  const put = (contactId: string, role: BuyingRole | null, name: string, added: boolean) =>
    setRole.mutate(
      { contactId, role },
      {
        onSuccess: () => added && notifications.show({ color: 'green', message: `${name} is on the deal.` }),
        onError: (error) => notifications.show({ color: 'red', title: `Could not update ${name}`, message: errorMessage(error) }),
      },
    );

  return (
    <section aria-labelledby="deal-people-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="md" id="deal-people-heading">
          People on this deal{' '}
          <Text span c="dimmed" fz="sm">
            ({deal.contacts.length})
          </Text>
        </Title>
      </Group>
      <Paper withBorder radius="md">
        {deal.contacts.length === 0 ? (
          <Text fz="sm" c="dimmed" p="md">
            Nobody yet. Add the people who decide, influence and use, so everyone knows who to talk to.
          </Text>
        ) : (
          <Box component="ul" m={0} p={0} aria-label="People on this deal" style={{ listStyle: 'none' }}>
            {deal.contacts.map((link) => {
              const contact = contacts.get(link.contactId);
              const name = contact ? contactName(contact) : '…';
              const detail = contact ? [contact.jobTitle, contact.email].filter(Boolean).join(' · ') : '';
              return (
                <Group
                  key={link.contactId}
                  component="li"
                  aria-label={name}
                  gap="sm"
                  wrap="nowrap"
                  px="md"
                  py={8}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                >
                  <Stack gap={0} flex={1} miw={0}>
                    <Anchor component={Link} to={`/contacts/${link.contactId}`} fz="sm" fw={500} truncate>
                      {name}
                    </Anchor>
                    {detail && (
                      <Text fz="xs" c="dimmed" truncate>
                        {detail}
                      </Text>
                    )}
                  </Stack>
                  <Select
                    aria-label={`Buying role of ${name}`}
                    size="xs"
                    w={160}
                    placeholder="No role"
                    data={BUYING_ROLES}
                    value={link.role}
                    clearable
                    disabled={readOnly}
                    onChange={(value) => put(link.contactId, value as BuyingRole | null, name, false)}
                  />
                  {!readOnly && (
                    <Tooltip label="Take off the deal" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove ${name} from the deal`}
                        loading={remove.isPending && remove.variables === link.contactId}
                        onClick={() =>
                          remove.mutate(link.contactId, {
                            onError: (error) => notifications.show({ color: 'red', title: `Could not remove ${name}`, message: errorMessage(error) }),
                          })
                        }
                      >
                        <IconUserMinus size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              );
            })}
          </Box>
        )}
        {!readOnly && (
          <Box p="sm">
            <RecordPicker
              kind="contact"
              label="Add a person"
              placeholder="Search contacts by name or email"
              size="sm"
              value={null}
              clearOnSelect
              exclude={deal.contacts.map((link) => link.contactId)}
              onChange={(id, label) => id && put(id, null, label ?? 'The contact', true)}
            />
          </Box>
        )}
      </Paper>
    </section>
  );
}
