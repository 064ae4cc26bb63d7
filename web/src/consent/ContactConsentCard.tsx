import { Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconMailCheck, IconMailOff, IconMailQuestion } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { formatDate, formatDateTime, formatRelative } from '../app/format';
import { DisclosureButton } from '../components/DisclosureButton';
import { ErrorBlock } from '../components/QueryState';
import { useMemberNames } from '../crm/shared/queries';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useContactConsent, useSubscriptionTopics } from './api';
import { BASIS_LABELS, formOfSource, MARKETING_EMAIL, purposeLabel, sourceLabel, STATUS_COLORS, STATUS_LABELS, suppressionReason } from './format';
import { RecordConsentModal } from './RecordConsentModal';
import { LiftSuppressionDialog, SuppressModal } from './SuppressModal';
import type { ConsentRecord, ConsentState, ContactConsent, SubscriptionTopic } from './types';

/** How many history records show before "Show all". */
const SHOWN = 5;

interface ContactConsentCardProps {
  contactId: string;
  contactName: string;
  email: string | null;
}

/** Whether marketing email may go to a contact and why; consent per purpose; the suppression; the evidence. */
export function ContactConsentCard({ contactId, contactName, email }: ContactConsentCardProps) {
  const me = useCurrentMe();
  const consent = useContactConsent(contactId, email);
  const topics = useSubscriptionTopics();
  const [recording, setRecording] = useState(false);
  const [suppressing, setSuppressing] = useState(false);
  const [lifting, setLifting] = useState<string | null>(null);
  if (consent.isPending) return null;
  if (consent.isError) return <ErrorBlock error={consent.error} />;

  const writable = me.workspace.role !== 'viewer';
  const { suppression, history } = consent.data;

  return (
    <SectionCard
      title="Consent"
      actions={
        writable && (
          <Button variant="subtle" size="compact-xs" onClick={() => setRecording(true)}>
            Record consent
          </Button>
        )
      }
    >
      <Stack gap="md">
        <Verdict consent={consent.data} />
        <PurposeStates states={consent.data.state} topics={topics.data ?? []} />

        <Part
          label="Suppression"
          action={
            writable &&
            email &&
            (suppression ? (
              <Button variant="subtle" size="compact-xs" onClick={() => setLifting(email)} style={{ flexShrink: 0 }}>
                Lift suppression
              </Button>
            ) : (
              <Button variant="subtle" size="compact-xs" color="red" onClick={() => setSuppressing(true)} style={{ flexShrink: 0 }}>
                Suppress address
              </Button>
            ))
          }
        >
          {!email ? (
            <Text fz="sm" c="dimmed">
              No email address.
            </Text>
          ) : suppression ? (
            <Box>
              <Group gap={6}>
                <Badge size="sm" variant="light" radius="sm" tt="none" color={suppressionReason(suppression.reason).color}>
                  {suppressionReason(suppression.reason).label}
                </Badge>
                <Text fz="xs" c="dimmed" title={formatDateTime(suppression.since)}>
                  since {formatDate(suppression.since)}
                </Text>
              </Group>
              {suppression.note && (
                <Text fz="xs" c="dark.4" mt={4} style={{ overflowWrap: 'anywhere' }}>
                  {suppression.note}
                </Text>
              )}
            </Box>
          ) : (
            <Text fz="sm" c="dimmed">
              Not suppressed.
            </Text>
          )}
        </Part>

        <History records={history} topics={topics.data ?? []} />
      </Stack>

      <RecordConsentModal
        contactId={contactId}
        contactName={contactName}
        topics={topics.data ?? []}
        opened={recording}
        onClose={() => setRecording(false)}
      />
      {email && <SuppressModal email={email} opened={suppressing} onClose={() => setSuppressing(false)} />}
      <LiftSuppressionDialog email={lifting} onClose={() => setLifting(null)} />
    </SectionCard>
  );
}

/** The answer first: may marketing email go, and if not, why and what would change it. */
function Verdict({ consent }: { consent: ContactConsent }) {
  const { allowed, reason } = consent.marketing;
  const blocked = reason.startsWith('suppressed') || reason === 'consent withdrawn';
  const color = allowed ? 'green' : blocked ? 'red' : 'gray';
  const Icon = allowed ? IconMailCheck : blocked ? IconMailOff : IconMailQuestion;
  const strong = allowed ? 'green.9' : blocked ? 'red.9' : 'dark.6';
  const hint = allowed
    ? null
    : reason.startsWith('suppressed')
      ? 'The address is on the suppression list, whatever the consent.'
      : reason === 'consent withdrawn'
        ? 'The contact said no. Only their new consent changes that.'
        : reason === 'no email address'
          ? 'Add an email address first.'
          : 'Record consent given to send marketing email.';

  return (
    <Paper
      radius="md"
      px="sm"
      py={10}
      role="status"
      aria-label="Marketing email"
      data-verdict={allowed ? 'allowed' : 'not-allowed'}
      style={{ background: `var(--mantine-color-${color}-light)`, border: `1px solid var(--mantine-color-${color}-${color === 'gray' ? 3 : 2})` }}
    >
      <Group gap={8} wrap="nowrap" align="flex-start">
        <Icon size={18} color={`var(--mantine-color-${color}-${color === 'gray' ? 6 : 7})`} style={{ flexShrink: 0, marginTop: 1 }} aria-hidden />
        <Box miw={0}>
          <Text fz="sm" lh={1.4} c={strong} style={{ overflowWrap: 'anywhere' }}>
            <Text span inherit fw={700}>
              Marketing email: {allowed ? 'allowed' : 'not allowed'}
            </Text>{' '}
            {allowed ? `(${reason})` : `— ${reason}`}
          </Text>
          {hint && (
            <Text fz="xs" c="dark.4" mt={2}>
              {hint}
            </Text>
          )}
        </Box>
      </Group>
    </Paper>
  );
}

/** Marketing email and each topic (by name), with the answer recorded last; topics never asked about show as such. */
function PurposeStates({ states, topics }: { states: ConsentState[]; topics: SubscriptionTopic[] }) {
  const byPurpose = new Map(states.map((state) => [state.purpose, state]));
  const purposes = [
    MARKETING_EMAIL,
    ...topics.filter((topic) => !topic.archived || byPurpose.has(`topic:${topic.key}`)).map((topic) => `topic:${topic.key}`),
    // A state for a topic no longer listed still shows.
    ...states.map((state) => state.purpose).filter((purpose) => purpose !== MARKETING_EMAIL && !topics.some((topic) => `topic:${topic.key}` === purpose)),
  ];
  return (
    <Part label="By purpose">
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Consent by purpose">
        {purposes.map((purpose) => {
          const state = byPurpose.get(purpose);
          const name = purposeLabel(purpose, topics);
          return (
            <Box component="li" key={purpose} py={5} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }} aria-label={name}>
              <Group gap={8} justify="space-between" wrap="nowrap">
                <Box miw={0}>
                  <Text fz="sm" fw={purpose === MARKETING_EMAIL ? 600 : 400} style={{ overflowWrap: 'anywhere' }}>
                    {name}
                  </Text>
                  {state && (
                    <Text fz="xs" c="dimmed" title={formatDateTime(state.updatedAt)}>
                      {state.status === 'granted' && `${BASIS_LABELS[state.lawfulBasis] ?? state.lawfulBasis} · `}
                      {formatRelative(state.updatedAt)}
                    </Text>
                  )}
                </Box>
                {state ? (
                  <Badge size="sm" variant="light" radius="sm" tt="none" color={STATUS_COLORS[state.status]} style={{ flexShrink: 0 }}>
                    {STATUS_LABELS[state.status]}
                  </Badge>
                ) : (
                  <Badge size="sm" variant="outline" radius="sm" tt="none" color="gray" style={{ flexShrink: 0 }}>
                    No answer
                  </Badge>
                )}
              </Group>
            </Box>
          );
        })}
      </Box>
    </Part>
  );
}

/** Every record, newest first, folded away until asked for: the evidence. */
function History({ records, topics }: { records: ConsentRecord[]; topics: SubscriptionTopic[] }) {
  const [opened, setOpened] = useState(false);
  const [all, setAll] = useState(false);
  const shown = all ? records : records.slice(0, SHOWN);
  return (
    <Stack gap={4} role="group" aria-label="History">
      <Group justify="space-between" wrap="nowrap">
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
          History
          <Text span fz="xs" fw={500} ml={6}>
            {records.length}
          </Text>
        </Text>
        {records.length > 0 && <DisclosureButton opened={opened} onToggle={() => setOpened((value) => !value)} show="Show history" hide="Hide history" />}
      </Group>
      {records.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No consent recorded yet.
        </Text>
      ) : (
        opened && (
          <>
            <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Consent records">
              {shown.map((record) => (
                <HistoryEntry key={record.id} record={record} topics={topics} />
              ))}
            </Box>
            {records.length > SHOWN && (
              <Anchor component="button" type="button" fz="xs" onClick={() => setAll((value) => !value)} ta="left">
                {all ? 'Show fewer' : `Show all ${records.length}`}
              </Anchor>
            )}
          </>
        )
      )}
    </Stack>
  );
}

function HistoryEntry({ record, topics }: { record: ConsentRecord; topics: SubscriptionTopic[] }) {
  const names = useMemberNames();
  const who =
    record.actor.type === 'user'
      ? ((record.actor.id && names.get(record.actor.id)) || record.actor.label)
      : record.actor.type === 'api_key'
        ? `API key ${record.actor.label}`
        : record.actor.label;
  const given = record.status === 'granted';
  return (
    <Box component="li" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-1)' }}>
      <Group gap={8} wrap="nowrap" justify="space-between" align="flex-start">
        <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
          <Box aria-hidden w={8} h={8} mt={7} style={{ borderRadius: 4, flexShrink: 0, background: `var(--mantine-color-${STATUS_COLORS[record.status]}-6)` }} />
          <Text fz="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {given ? 'Consent given' : record.status === 'pending' ? 'Consent awaiting confirmation' : 'Consent withdrawn'} · {purposeLabel(record.purpose, topics)}
          </Text>
        </Group>
        <Tooltip label={formatDateTime(record.recordedAt)} withArrow>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatRelative(record.recordedAt)}
          </Text>
        </Tooltip>
      </Group>
      <Box
        component="dl"
        m={0}
        mt={4}
        pl={14}
        style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 10, rowGap: 1, fontSize: 'var(--mantine-font-size-xs)' }}
      >
        <Fact label="When">{formatDateTime(record.recordedAt)}</Fact>
        <Fact label="By">{who}</Fact>
        <Fact label="Source">
          <SourceLabel source={record.source} />
        </Fact>
        <Fact label="Basis">{BASIS_LABELS[record.lawfulBasis] ?? record.lawfulBasis}</Fact>
        {record.ip && <Fact label="IP">{record.ip}</Fact>}
      </Box>
      {record.wording ? (
        <Box
          component="blockquote"
          m={0}
          mt={6}
          ml={14}
          px={10}
          py={6}
          style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', background: 'var(--mantine-color-gray-0)', borderRadius: '0 4px 4px 0' }}
          aria-label="Wording"
        >
          <Text fz="xs" c="dark.6" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            “{record.wording}”
          </Text>
        </Box>
      ) : (
        <Text fz="xs" c="dimmed" pl={14} mt={4} fs="italic">
          No wording recorded.
        </Text>
      )}
    </Box>
  );
}

/** A web form's consent links to the form, where its wording and fields are. */
function SourceLabel({ source }: { source: string }) {
  const formId = formOfSource(source);
  if (!formId) return <>{sourceLabel(source)}</>;
  return (
    <Anchor component={Link} to={`/forms/${formId}`} fz="xs">
      {sourceLabel(source)}
    </Anchor>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text component="dt" fz="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fz="xs" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </>
  );
}

function Part({ label, action, children }: { label: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap={4} role="group" aria-label={label}>
      <Group justify="space-between" wrap="nowrap" gap={8} mih={22}>
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
          {label}
        </Text>
        {action}
      </Group>
      {children}
    </Stack>
  );
}
