import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { fieldError, formError, isApiError } from '../api/client';
import { FormErrorAlert } from '../crm/shared/FormErrorAlert';
import { useRecordConsent } from './api';
import { BASIS_LABELS, MARKETING_EMAIL, purposeLabel, SOURCES, SOURCES_WITHOUT_WORDING } from './format';
import type { ConsentStatus, LawfulBasis, SubscriptionTopic } from './types';

const FIELDS = ['purpose', 'status', 'lawfulBasis', 'source', 'wording', 'ip'] as const;

interface RecordConsentModalProps {
  contactId: string;
  contactName: string;
  topics: SubscriptionTopic[];
  opened: boolean;
  onClose: () => void;
}

/** Records consent given or withdrawn for one purpose, with the evidence: where, on what basis, the words agreed to. */
export function RecordConsentModal({ contactId, contactName, topics, opened, onClose }: RecordConsentModalProps) {
  const record = useRecordConsent(contactId);
  const [purpose, setPurpose] = useState(MARKETING_EMAIL);
  const [status, setStatus] = useState<ConsentStatus>('granted');
  const [lawfulBasis, setLawfulBasis] = useState<LawfulBasis>('consent');
  const [source, setSource] = useState('form');
  const [wording, setWording] = useState('');
  const [ip, setIp] = useState('');

  useEffect(() => {
    if (!opened) return;
    setPurpose(MARKETING_EMAIL);
    setStatus('granted');
    setLawfulBasis('consent');
    setSource('form');
    setWording('');
    setIp('');
    record.reset();
    // Reset only when the modal opens again.
  }, [opened]);

  const purposes = [
    { value: MARKETING_EMAIL, label: 'Marketing email (all marketing email)' },
    ...topics.filter((topic) => !topic.archived).map((topic) => ({ value: `topic:${topic.key}`, label: `Topic: ${topic.name}` })),
  ];
  const wordingNeeded = status === 'granted' && !SOURCES_WITHOUT_WORDING.includes(source);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { purpose, status, lawfulBasis, source, wording: wording.trim() || null, ip: ip.trim() || null },
      {
        onSuccess: () => {
          const what = purposeLabel(purpose, topics);
          notifications.show({ color: 'green', message: `${status === 'granted' ? 'Consent given' : 'Consent withdrawn'} recorded for ${what}.` });
          onClose();
        },
      },
    );
  };
  // Editing an input clears the server's complaint about it.
  const edited = (field: (typeof FIELDS)[number]) => {
    if (isApiError(record.error) && record.error.field === field) record.reset();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Record consent" size="lg">
      <form onSubmit={submit} noValidate aria-label="Record consent">
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            For {contactName}. Records are kept as they are, with your name and the time: they are the evidence of consent.
          </Text>
          <FormErrorAlert message={formError(record.error, FIELDS)} />
          <Select
            label="Purpose"
            data={purposes}
            value={purpose}
            onChange={(value) => {
              if (value) setPurpose(value);
              edited('purpose');
            }}
            allowDeselect={false}
            error={fieldError(record.error, 'purpose')}
            comboboxProps={{ withinPortal: true }}
          />
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="consent-status-label">
              Consent
            </Text>
            <SegmentedControl
              role="radiogroup"
              aria-labelledby="consent-status-label"
              data={[
                { value: 'granted', label: 'Given' },
                { value: 'withdrawn', label: 'Withdrawn' },
              ]}
              value={status}
              onChange={(value) => {
                setStatus(value as ConsentStatus);
                edited('status');
                edited('wording');
              }}
              color={status === 'granted' ? 'green' : 'red'}
              fullWidth
            />
          </Stack>
          <Group grow align="flex-start">
            <Select
              label="Lawful basis"
              data={Object.entries(BASIS_LABELS).map(([value, label]) => ({ value, label }))}
              value={lawfulBasis}
              onChange={(value) => {
                if (value) setLawfulBasis(value as LawfulBasis);
                edited('lawfulBasis');
              }}
              allowDeselect={false}
              error={fieldError(record.error, 'lawfulBasis')}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Source"
              data={SOURCES}
              value={source}
              onChange={(value) => {
                if (value) setSource(value);
                edited('source');
                edited('wording');
              }}
              allowDeselect={false}
              error={fieldError(record.error, 'source')}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <Textarea
            label="Wording"
            withAsterisk={wordingNeeded}
            description={
              wordingNeeded
                ? 'The exact words the person agreed to, as the form or page showed them.'
                : 'The words the person saw, if any.'
            }
            placeholder="e.g. Yes, send me product news by email."
            value={wording}
            onChange={(event) => {
              setWording(event.currentTarget.value);
              edited('wording');
            }}
            error={fieldError(record.error, 'wording')}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={5000}
          />
          <TextInput
            label="IP address (optional)"
            description="Where it came from, if given online."
            placeholder="e.g. 192.0.2.10"
            value={ip}
            onChange={(event) => {
              setIp(event.currentTarget.value);
              edited('ip');
            }}
            error={fieldError(record.error, 'ip')}
            maxLength={100}
            maw={260}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending} color={status === 'granted' ? undefined : 'red'}>
              {status === 'granted' ? 'Record consent given' : 'Record withdrawal'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
