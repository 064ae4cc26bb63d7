import { ActionIcon, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconX } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { fieldError, formError } from '../../api/client';
import { useCurrentMe } from '../../api/queries';
import { OwnerSelect } from '../shared';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import type { BuyingRole, Pipeline } from '../types';
import { useCreateDeal } from './api';
import { BUYING_ROLES, CURRENCIES } from './format';
import { RecordPicker } from './RecordPicker';

interface NewDealModalProps {
  opened: boolean;
  onClose: () => void;
  pipeline: Pipeline;
  /** The stage to start in (a column's own "add" button), else the first open stage. */
  initialStageId?: string | null;
}

interface PersonRow {
  contactId: string;
  name: string;
  role: BuyingRole | null;
}

const FIELDS = ['name', 'amount', 'currency', 'expectedCloseDate', 'ownerId', 'companyId', 'stageId', 'pipelineId'];

export function NewDealModal({ opened, onClose, pipeline, initialStageId }: NewDealModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="New deal" size="lg">
      {/* Mounted only while open, so every new deal starts from an empty form. */}
      {opened && <NewDealForm pipeline={pipeline} initialStageId={initialStageId} onClose={onClose} />}
    </Modal>
  );
}

function NewDealForm({ pipeline, initialStageId, onClose }: Omit<NewDealModalProps, 'opened'>) {
  const me = useCurrentMe();
  const create = useCreateDeal();
  const openStages = pipeline.stages.filter((stage) => stage.kind === 'open');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState<number | ''>('');
  const [currency, setCurrency] = useState('EUR');
  const [closeDate, setCloseDate] = useState('');
  const [ownerId, setOwnerId] = useState<string | null>(me.user.id);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [stageId, setStageId] = useState<string>(
    initialStageId && openStages.some((stage) => stage.id === initialStageId) ? initialStageId : openStages[0]?.id ?? '',
  );
  const [people, setPeople] = useState<PersonRow[]>([]);
  const [nameMissing, setNameMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    create.mutate(
      {
        name: name.trim(),
        amount: amount === '' ? null : amount,
        currency,
        expectedCloseDate: closeDate || null,
        ownerId,
        companyId,
        pipelineId: pipeline.id,
        stageId,
        contacts: people.map((person) => ({ contactId: person.contactId, role: person.role })),
      },
      {
        onSuccess: (deal) => {
          notifications.show({ color: 'green', message: `Deal “${deal.name}” created.` });
          onClose();
        },
      },
    );
  };
  const message = formError(create.error, FIELDS);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormErrorAlert message={message} />
        <TextInput
          label="Deal name"
          placeholder="e.g. Acme – annual licence"
          required
          data-autofocus
          value={name}
          maxLength={300}
          error={nameMissing ? 'Give the deal a name.' : fieldError(create.error, 'name')}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setNameMissing(false);
          }}
        />
        <SimpleGrid cols={3} spacing="sm">
          <NumberInput
            label="Amount"
            placeholder="0"
            min={0}
            thousandSeparator=" "
            allowNegative={false}
            decimalScale={2}
            value={amount}
            error={fieldError(create.error, 'amount')}
            onChange={(value) => setAmount(typeof value === 'number' ? value : '')}
          />
          <Select
            label="Currency"
            data={CURRENCIES}
            value={currency}
            allowDeselect={false}
            error={fieldError(create.error, 'currency')}
            onChange={(value) => value && setCurrency(value)}
          />
          <TextInput
            label="Expected close date"
            type="date"
            value={closeDate}
            error={fieldError(create.error, 'expectedCloseDate')}
            onChange={(event) => setCloseDate(event.currentTarget.value)}
          />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Stage"
            description={pipeline.name}
            data={openStages.map((stage) => ({ value: stage.id, label: `${stage.name} (${stage.probability}%)` }))}
            value={stageId}
            allowDeselect={false}
            error={fieldError(create.error, 'stageId')}
            onChange={(value) => value && setStageId(value)}
          />
          <OwnerSelect
            description="Who works the deal"
            value={ownerId}
            error={fieldError(create.error, 'ownerId')}
            onChange={setOwnerId}
          />
        </SimpleGrid>
        <RecordPicker
          kind="company"
          label="Company"
          placeholder="Search companies"
          description={companyId ? undefined : 'Left empty, the deal belongs to the first contact’s company.'}
          value={companyId}
          error={fieldError(create.error, 'companyId')}
          onChange={(id) => setCompanyId(id)}
        />
        <Stack gap={6}>
          <RecordPicker
            kind="contact"
            label="Add a contact"
            placeholder="Search contacts by name or email"
            value={null}
            clearOnSelect
            exclude={people.map((person) => person.contactId)}
            onChange={(id, label) => {
              if (id) setPeople((rows) => [...rows, { contactId: id, name: label ?? 'Contact', role: null }]);
            }}
          />
          {people.length > 0 && (
            <Stack gap={6} aria-label="Contacts on the deal" role="list">
              {people.map((person, index) => (
                <Group key={person.contactId} gap="sm" wrap="nowrap" role="listitem">
                  <Text fz="sm" fw={500} flex={1} truncate>
                    {person.name}
                  </Text>
                  <Select
                    aria-label={`Buying role of ${person.name}`}
                    size="xs"
                    w={180}
                    placeholder="No role"
                    data={BUYING_ROLES}
                    value={person.role}
                    clearable
                    onChange={(value) =>
                      setPeople((rows) => rows.map((row, i) => (i === index ? { ...row, role: value as BuyingRole | null } : row)))
                    }
                  />
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove ${person.name}`}
                    onClick={() => setPeople((rows) => rows.filter((_, i) => i !== index))}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create deal
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
