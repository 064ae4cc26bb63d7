import { Button, Code, Group, Menu, Text } from '@mantine/core';
import { IconBraces, IconChevronDown } from '@tabler/icons-react';
import { useCustomFields } from '../crm/shared/queries';
import { useSnippets } from './api';
import { mergeFieldGroups } from './format';

/** Every merge field (and snippet) a template may use; a click puts it where the cursor was. */
export function MergeFieldMenu({ onInsert, target }: { onInsert: (code: string) => void; target: string }) {
  const customFields = useCustomFields('contact');
  const snippets = useSnippets();
  const groups = mergeFieldGroups(
    (customFields.data ?? []).filter((field) => !field.archivedAt),
    snippets.data ?? [],
  );
  return (
    <Menu position="bottom-start" width={340} returnFocus={false} shadow="md" withinPortal>
      <Menu.Target>
        <Button variant="light" size="xs" leftSection={<IconBraces size={14} />} rightSection={<IconChevronDown size={14} />}>
          Insert merge field
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={420} style={{ overflowY: 'auto' }} aria-label="Merge fields">
        <Text fz="xs" c="dimmed" px="sm" py={6}>
          Inserted into {target} at the cursor.
        </Text>
        {groups.map((group) => (
          <div key={group.label}>
            <Menu.Label>{group.label}</Menu.Label>
            {group.fields.map((field) => (
              <Menu.Item key={field.code} onClick={() => onInsert(field.code)}>
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Text fz="sm" truncate>
                    {field.label}
                  </Text>
                  <Code fz={11} style={{ whiteSpace: 'nowrap' }}>
                    {field.code}
                  </Code>
                </Group>
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
