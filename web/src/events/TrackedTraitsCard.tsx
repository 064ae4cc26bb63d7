import { Collapse, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { DisclosureButton } from '../components/DisclosureButton';
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
        <DisclosureButton opened={opened} onToggle={toggle} show="Show" hide="Hide" />
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
