import { Anchor, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fieldError, formError } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { OwnerName, OwnerSelect } from '../shared';
import { FormErrorAlert } from '../shared/FormErrorAlert';
import type { DealDetail, Pipeline } from '../types';
import { useUpdateDeal, type DealPatch } from './api';
import { CURRENCIES, formatDay, formatMoney, isOverdueClose } from './format';
import { RecordPicker } from './RecordPicker';

const FIELDS = ['name', 'amount', 'currency', 'expectedCloseDate', 'ownerId', 'companyId'];

interface DealDetailsProps {
  deal: DealDetail;
  pipeline: Pipeline | undefined;
  companyName: string | undefined;
}

/** The deal's properties, read at a glance and edited in place. */
export function DealDetails({ deal, pipeline, companyName }: DealDetailsProps) {
  const [editing, setEditing] = useState(false);
  const probability = pipeline?.stages.find((stage) => stage.id === deal.stageId)?.probability ?? 0;

  return (
    <section aria-labelledby="deal-details-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="md" id="deal-details-heading">
          About this deal
        </Title>
        {!editing && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={14} />} onClick={() => setEditing(true)}>
            Edit details
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" p="md">
        {editing ? (
          <EditForm deal={deal} companyName={companyName} onDone={() => setEditing(false)} />
        ) : (
          <Stack gap={10}>
            <Property label="Amount">{formatMoney(deal.amount, deal.currency)}</Property>
            <Property label="Weighted amount">
              {deal.amount === null ? '—' : `${formatMoney((deal.amount * probability) / 100, deal.currency)} (${probability}%)`}
            </Property>
            <Property label="Expected close">
              <Text span fz="sm" c={isOverdueClose(deal) ? 'red.7' : undefined}>
                {formatDay(deal.expectedCloseDate)}
              </Text>
            </Property>
            <Property label="Owner">
              <OwnerName userId={deal.ownerId} />
            </Property>
            <Property label="Company">
              {deal.companyId ? (
                <Anchor component={Link} to={`/companies/${deal.companyId}`} fz="sm">
                  {companyName ?? '…'}
                </Anchor>
              ) : (
                <Text span fz="sm" c="dimmed">
                  None
                </Text>
              )}
            </Property>
            <Property label="Pipeline">{pipeline?.name ?? '—'}</Property>
            {deal.closedAt && <Property label="Closed">{formatDateTime(deal.closedAt)}</Property>}
            <Property label="Created">{formatDateTime(deal.createdAt)}</Property>
          </Stack>
        )}
      </Paper>
    </section>
  );
}

function Property({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="baseline">
      <Text fz="sm" c="dimmed" w={130} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text component="div" fz="sm" miw={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function EditForm({ deal, companyName, onDone }: { deal: DealDetail; companyName: string | undefined; onDone: () => void }) {
  const update = useUpdateDeal();
  const [name, setName] = useState(deal.name);
  const [amount, setAmount] = useState<number | ''>(deal.amount ?? '');
  const [currency, setCurrency] = useState(deal.currency);
  const [closeDate, setCloseDate] = useState(deal.expectedCloseDate ?? '');
  const [ownerId, setOwnerId] = useState(deal.ownerId);
  const [companyId, setCompanyId] = useState(deal.companyId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: DealPatch = {};
    if (name.trim() !== deal.name) patch.name = name.trim();
    const nextAmount = amount === '' ? null : amount;
    if (nextAmount !== deal.amount) patch.amount = nextAmount;
    if (currency !== deal.currency) patch.currency = currency;
    if ((closeDate || null) !== deal.expectedCloseDate) patch.expectedCloseDate = closeDate || null;
    if (ownerId !== deal.ownerId) patch.ownerId = ownerId;
    if (companyId !== deal.companyId) patch.companyId = companyId;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: deal.id, patch },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Deal saved.' });
          onDone();
        },
      },
    );
  };
  const message = formError(update.error, FIELDS);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormErrorAlert message={message} />
        <TextInput
          label="Deal name"
          value={name}
          maxLength={300}
          error={fieldError(update.error, 'name')}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label="Amount"
            min={0}
            allowNegative={false}
            thousandSeparator=" "
            decimalScale={2}
            value={amount}
            error={fieldError(update.error, 'amount')}
            onChange={(value) => setAmount(typeof value === 'number' ? value : '')}
          />
          <Select label="Currency" data={CURRENCIES.includes(currency) ? CURRENCIES : [currency, ...CURRENCIES]} value={currency} allowDeselect={false} onChange={(value) => value && setCurrency(value)} />
        </SimpleGrid>
        <TextInput
          label="Expected close date"
          type="date"
          value={closeDate}
          error={fieldError(update.error, 'expectedCloseDate')}
          onChange={(event) => setCloseDate(event.currentTarget.value)}
        />
        <OwnerSelect value={ownerId} onChange={setOwnerId} error={fieldError(update.error, 'ownerId')} />
        <RecordPicker
          kind="company"
          label="Company"
          value={companyId}
          valueLabel={companyId === deal.companyId ? companyName : undefined}
          error={fieldError(update.error, 'companyId')}
          onChange={(id) => setCompanyId(id)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
