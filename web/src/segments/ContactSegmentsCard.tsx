import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../app/format';
import { ErrorBlock } from '../components/QueryState';
import { SectionCard } from '../crm/shared/RecordLayout';
import { useContactMemberships } from './api';
import { ExplainDrawer, type ExplainTarget } from './ExplainDrawer';

/** The segments and lists a contact is in; each segment can say why the contact is in it. */
export function ContactSegmentsCard({ contactId, contactName }: { contactId: string; contactName: string }) {
  const memberships = useContactMemberships(contactId);
  const [explaining, setExplaining] = useState<ExplainTarget | null>(null);
  if (memberships.isPending) return null;
  if (memberships.isError) return <ErrorBlock error={memberships.error} />;
  const { segments, lists } = memberships.data;

  return (
    <SectionCard title="Segments and lists" count={segments.length + lists.length}>
      {segments.length === 0 && lists.length === 0 ? (
        <Text fz="sm" c="dimmed">
          In no segment or list yet.
        </Text>
      ) : (
        <Stack gap="md">
          {segments.length > 0 && (
            <Part label="Segments">
              {segments.map((segment) => (
                <Membership key={segment.id} to={`/segments/${segment.id}`} name={segment.name} since={segment.enteredAt} verb="entered">
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    aria-label={`Why is ${contactName} in ${segment.name}?`}
                    onClick={() => setExplaining({ segmentId: segment.id, segmentName: segment.name, contactId, contactName })}
                  >
                    Why?
                  </Button>
                </Membership>
              ))}
            </Part>
          )}
          {lists.length > 0 && (
            <Part label="Lists">
              {lists.map((list) => (
                <Membership key={list.id} to={`/lists/${list.id}`} name={list.name} since={list.addedAt} verb="added" />
              ))}
            </Part>
          )}
        </Stack>
      )}
      <ExplainDrawer target={explaining} onClose={() => setExplaining(null)} />
    </SectionCard>
  );
}

function Part({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function Membership({ to, name, since, verb, children }: { to: string; name: string; since: string; verb: string; children?: ReactNode }) {
  return (
    <Group gap={6} justify="space-between" wrap="nowrap">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Anchor component={Link} to={to} fz="sm" fw={500} truncate>
          {name}
        </Anchor>
        <Text fz="xs" c="dimmed" title={formatDateTime(since)}>
          {verb} {formatRelative(since)}
        </Text>
      </Stack>
      {children}
    </Group>
  );
}
