import { Tabs } from '@mantine/core';
import { IconFilter, IconListDetails } from '@tabler/icons-react';
import { useNavigate } from 'react-router';

/** Segments (kept current by their conditions) and lists (kept by hand) sit side by side. */
export function SegmentsTabs({ current }: { current: 'segments' | 'lists' }) {
  const navigate = useNavigate();
  return (
    <Tabs value={current} onChange={(tab) => tab && tab !== current && navigate(`/${tab}`)} mb="md">
      <Tabs.List>
        <Tabs.Tab value="segments" leftSection={<IconFilter size={14} />}>
          Segments
        </Tabs.Tab>
        <Tabs.Tab value="lists" leftSection={<IconListDetails size={14} />}>
          Lists
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
