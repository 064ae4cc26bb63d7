import { Tabs } from '@mantine/core';
import { IconFileCertificate, IconInbox, IconUsersGroup } from '@tabler/icons-react';
import { useNavigate } from 'react-router';

const TABS = [
  { value: 'queue', path: '/leads', label: 'Queue', icon: IconInbox },
  { value: 'definition', path: '/leads/definition', label: 'Lead definition', icon: IconFileCertificate },
  { value: 'teams', path: '/leads/teams', label: 'Sales teams', icon: IconUsersGroup },
] as const;

export type LeadsTab = (typeof TABS)[number]['value'];

/** The hand-off's three screens: the queue sales works, the definition both sides sign, and the teams leads go to. */
export function LeadsTabs({ current }: { current: LeadsTab }) {
  const navigate = useNavigate();
  return (
    <Tabs
      value={current}
      onChange={(tab) => {
        const target = TABS.find((candidate) => candidate.value === tab);
        if (target && target.value !== current) void navigate(target.path);
      }}
      mb="lg"
    >
      <Tabs.List aria-label="Leads sections">
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.value} value={tab.value} leftSection={<tab.icon size={15} />}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
