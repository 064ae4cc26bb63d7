import { Alert, Anchor, Avatar, Badge, Button, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconArrowUpRight, IconUsers } from '@tabler/icons-react';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { initials } from '../app/format';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { DRILL_LIMIT, type FunnelDrill, type LeadsDrill, useFunnelContacts, useLeadsBehind } from './api';
import type { PeriodQuery } from './period';
import type { ContactRef } from './types';

/** A figure of a report, opened: the contacts (funnel, sources) or leads (SLA, rejections) behind it. */
export type DrillTarget =
  | { kind: 'contacts'; title: string; subtitle: string; drill: FunnelDrill }
  | { kind: 'leads'; title: string; subtitle: string; drill: LeadsDrill };

const DrillContext = createContext<(target: DrillTarget) => void>(() => {});

export const DrillProvider = DrillContext.Provider;

/** Opens the drawer of the Reports page on a figure. */
export function useDrill(): (target: DrillTarget) => void {
  return useContext(DrillContext);
}

export function DrillDrawer({ target: opened, period, onClose }: { target: DrillTarget | null; period: PeriodQuery; onClose: () => void }) {
  // The last figure stays in the drawer while it slides away.
  const [last, setLast] = useState(opened);
  if (opened && opened !== last) setLast(opened);
  const target = opened ?? last;
  const contacts = useFunnelContacts(period, target?.kind === 'contacts' ? target.drill : null);
  const leads = useLeadsBehind(period, target?.kind === 'leads' ? target.drill : null);
  const query = target?.kind === 'leads' ? leads : contacts;

  return (
    <Drawer
      opened={opened !== null}
      onClose={onClose}
      position="right"
      size="md"
      title={
        target && (
          <Text fw={650} fz="lg" style={{ overflowWrap: 'anywhere' }}>
            {target.title}
          </Text>
        )
      }
    >
      {target && (
        <Stack gap="md">
          <Text fz="sm" c="dimmed" mt={-8}>
            {target.subtitle}
          </Text>
          {query.isPending ? (
            <LoadingBlock />
          ) : query.isError ? (
            <ErrorBlock error={query.error} />
          ) : target.kind === 'leads' ? (
            <PeopleList
              noun="lead"
              rows={leads.data?.map((lead) => ({
                contact: lead.contact,
                action: (
                  <Button component={Link} to={`/leads/${lead.leadId}`} variant="subtle" size="compact-xs" rightSection={<IconArrowUpRight size={13} />} aria-label={`Open the lead of ${lead.contact.name}`}>
                    Lead
                  </Button>
                ),
              })) ?? []}
            />
          ) : (
            <PeopleList noun="contact" rows={contacts.data?.map((contact) => ({ contact })) ?? []} />
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function PeopleList({ rows, noun }: { rows: { contact: ContactRef; action?: ReactNode }[]; noun: 'contact' | 'lead' }) {
  if (rows.length === 0) {
    return (
      <Group gap="xs" c="dimmed" py="lg" justify="center">
        <IconUsers size={18} />
        <Text fz="sm">Nobody here any more: the figure may have changed since the report loaded.</Text>
      </Group>
    );
  }
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Badge variant="light" color="indigo" radius="sm" tt="none" size="lg">
          {rows.length.toLocaleString()} {noun}
          {rows.length === 1 ? '' : 's'}
        </Badge>
      </Group>
      {rows.length >= DRILL_LIMIT && (
        <Alert color="blue" variant="light" p="xs">
          <Text fz="sm">Showing the latest {DRILL_LIMIT}.</Text>
        </Alert>
      )}
      <Stack component="ul" gap={0} m={0} p={0} aria-label="People behind the figure" style={{ listStyle: 'none' }}>
        {rows.map(({ contact, action }, index) => (
          <Group
            component="li"
            key={`${contact.id}-${index}`}
            gap="sm"
            wrap="nowrap"
            py={10}
            style={{ borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-gray-2)' }}
          >
            <Avatar size={34} radius="xl" color="indigo" variant="light">
              {initials(contact.name, contact.email ?? '')}
            </Avatar>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Anchor component={Link} to={`/contacts/${contact.id}`} fz="sm" fw={600} display="block" truncate>
                {contact.name}
              </Anchor>
              <Text fz="xs" c="dimmed" truncate>
                {[contact.email, contact.companyName].filter(Boolean).join(' · ') || 'No email or company'}
              </Text>
            </div>
            {action}
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
