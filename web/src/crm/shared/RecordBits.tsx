import { Anchor, Badge, Group, List, Popover, RingProgress, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { Completeness, CustomField } from '../types';
import { fieldLabel, LIFECYCLE_COLORS, lifecycleLabel } from './fields';
import type { LifecycleStage } from '../types';
import { useCompanyName } from './queries';

export function LifecycleBadge({ stage, size = 'sm' }: { stage: string; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge size={size} variant="light" color={LIFECYCLE_COLORS[stage as LifecycleStage] ?? 'gray'} radius="sm" tt="none" fw={600}>
      {lifecycleLabel(stage)}
    </Badge>
  );
}

export function TagList({ tags, max = 3 }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return <Text fz="sm" c="dimmed">—</Text>;
  const shown = tags.slice(0, max);
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((tag) => (
        <Badge key={tag} size="sm" variant="outline" color="gray" radius="sm" tt="none" fw={500}>
          {tag}
        </Badge>
      ))}
      {tags.length > max && (
        <Text fz="xs" c="dimmed" title={tags.slice(max).join(', ')}>
          +{tags.length - max}
        </Text>
      )}
    </Group>
  );
}

function scoreColor(score: number): string {
  return score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red';
}

/** The completeness score as a ring; a click lists the fields still missing. */
export function CompletenessRing({ completeness, customFields = [] }: { completeness: Completeness; customFields?: CustomField[] }) {
  const { score, missing } = completeness;
  return (
    <Popover width={260} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`Profile ${score}% complete`} style={{ borderRadius: 8 }}>
          <Group gap={6} wrap="nowrap">
            <RingProgress
              size={52}
              thickness={5}
              roundCaps
              sections={[{ value: score, color: scoreColor(score) }]}
              label={
                <Text ta="center" fz={12} fw={700}>
                  {score}%
                </Text>
              }
            />
            <div>
              <Text fz="xs" c="dimmed" lh={1.2}>
                Profile
              </Text>
              <Text fz="sm" fw={500} lh={1.2}>
                {missing.length === 0 ? 'Complete' : `${missing.length} missing`}
              </Text>
            </div>
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        {missing.length === 0 ? (
          <Text fz="sm">Every field your workspace counts for completeness is filled in.</Text>
        ) : (
          <>
            <Text fz="sm" fw={500} mb={4}>
              Missing fields
            </Text>
            <List size="sm" spacing={2}>
              {missing.map((field) => (
                <List.Item key={field}>{fieldLabel(field, customFields)}</List.Item>
              ))}
            </List>
          </>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

/** A link to a company by id, its name fetched once and cached. */
export function CompanyLink({ id, fz = 'sm' }: { id: string | null; fz?: string }) {
  const name = useCompanyName(id);
  if (!id) return <Text fz={fz} c="dimmed" span>—</Text>;
  return (
    <Anchor component={Link} to={`/companies/${id}`} fz={fz}>
      {name.data ?? (name.isError ? 'Unknown company' : '…')}
    </Anchor>
  );
}
