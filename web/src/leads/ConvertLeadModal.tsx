import { Anchor, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fieldError, formError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useConvertLead } from './api';
import type { Lead } from './types';

/** Converting opens a deal with the contact on it, owned by the lead's owner. */
export function ConvertLeadModal({ lead, opened, onClose }: { lead: Lead; opened: boolean; onClose: () => void }) {
  const convert = useConvertLead(lead.id);
  const suggested = `${lead.contact.companyName ?? lead.contact.name} — new business`;
  const [dealName, setDealName] = useState('');
  const [amount, setAmount] = useState<number | string>('');

  useEffect(() => {
    if (!opened) return;
    setDealName('');
    setAmount('');
    convert.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    convert.mutate(
      { dealName: dealName.trim() || undefined, amount: typeof amount === 'number' ? amount : null },
      {
        onSuccess: (converted) => {
          notifications.show({
            color: 'green',
            title: 'Lead converted',
            message: converted.dealId ? (
              <>
                A deal was opened for {converted.contact.name}.{' '}
                <Anchor component={Link} to={`/deals/${converted.dealId}`} fz="sm">
                  Open the deal
                </Anchor>
              </>
            ) : (
              `A deal was opened for ${converted.contact.name}.`
            ),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Convert ${lead.contact.name}`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fz="sm" c="dimmed">
            Opens a deal with {lead.contact.name} on it and moves the contact to Opportunity.
          </Text>
          <FormErrorAlert message={formError(convert.error, ['dealName', 'amount'])} />
          <TextInput
            label="Deal name"
            placeholder={suggested}
            description="Left empty, the deal is named as shown."
            value={dealName}
            onChange={(event) => setDealName(event.currentTarget.value)}
            error={fieldError(convert.error, 'dealName')}
            maxLength={200}
            data-autofocus
          />
          <NumberInput
            label="Amount"
            placeholder="Not known yet"
            min={0}
            thousandSeparator=" "
            value={amount}
            onChange={setAmount}
            error={fieldError(convert.error, 'amount')}
            hideControls
          />
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="green" loading={convert.isPending}>
              Convert to deal
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
