import { ActionIcon, Button, Group, Menu, Text, Title } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconDeviceFloppy, IconDots } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { RecordBreadcrumbs } from '../crm/shared/RecordLayout';

interface EditorHeaderProps {
  /** The list it belongs to, for the breadcrumbs. */
  parent: string;
  parentPath: string;
  title: string;
  /** The record's status badge, once it exists. */
  badge?: ReactNode;
  /** Shows "Unsaved changes" beside the save button. */
  dirty: boolean;
  /** The save button (hidden when the user may not write or the record is archived). */
  save?: { label: string; onClick: () => void; loading: boolean; disabled: boolean };
  /** Buttons of the record's own before the menu (publish, …). */
  actions?: ReactNode;
  /** Archive / restore in the "more" menu, for a saved record. */
  archive?: { archived: boolean; noun: string; onChange: (archived: boolean) => void };
}

/** The top of a record editor (form, landing page, content slot): where it is, its name and status, save and archive. */
export function EditorHeader({ parent, parentPath, title, badge, dirty, save, actions, archive }: EditorHeaderProps) {
  return (
    <>
      <RecordBreadcrumbs parent={parent} to={parentPath} current={title} />
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Title order={1} fz={24} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {title}
          </Title>
          {badge}
        </Group>
        <Group gap="sm" wrap="nowrap">
          {dirty && (
            <Text fz="sm" c="dimmed">
              Unsaved changes
            </Text>
          )}
          {actions}
          {save && (
            <Button leftSection={<IconDeviceFloppy size={16} />} onClick={save.onClick} loading={save.loading} disabled={save.disabled}>
              {save.label}
            </Button>
          )}
          {archive && (
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <ActionIcon variant="default" size="lg" aria-label="More actions">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {archive.archived ? (
                  <Menu.Item leftSection={<IconArchiveOff size={16} />} onClick={() => archive.onChange(false)}>
                    Restore {archive.noun}
                  </Menu.Item>
                ) : (
                  <Menu.Item leftSection={<IconArchive size={16} />} color="red" onClick={() => archive.onChange(true)}>
                    Archive {archive.noun}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
    </>
  );
}
