import { Button, Collapse, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { PropertyList, SectionCard } from '../crm/shared/RecordLayout';

function formatTrait(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Every trait identify or group sent, also those no field holds; folded away, as they are for the curious. */
export function TrackedTraitsCard({ traits }: { traits: Record<string, unknown> }) {
  const [opened, { toggle }] = useDisclosure(false);
  const entries = Object.entries(traits).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <SectionCard
      title="Tracked traits"
      count={entries.length}
      actions={
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={toggle}
          aria-expanded={opened}
          rightSection={opened ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        >
          {opened ? 'Hide' : 'Show'}
        </Button>
      }
    >
      {!opened && (
        <Text fz="sm" c="dimmed" lineClamp={1}>
          {entries.map(([key]) => key).join(', ')}
        </Text>
      )}
      <Collapse expanded={opened}>
        <PropertyList items={entries.map(([key, value]) => ({ label: key, value: formatTrait(value) }))} />
      </Collapse>
    </SectionCard>
  );
}
