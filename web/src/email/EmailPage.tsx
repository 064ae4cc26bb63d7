import { Badge, Box, Button, Tabs } from '@mantine/core';
import { IconPlus, IconSend, IconSpeakerphone, IconTemplate } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentMe } from '../api/queries';
import { PageHeader } from '../components/PageHeader';
import { useTemplates } from './api';
import { BroadcastsPanel } from './broadcasts/BroadcastsPanel';
import { STATES } from './format';
import { SentPanel } from './SentPanel';
import { TemplatesPanel } from './TemplatesPanel';
import type { MessageState } from './types';

type Tab = 'templates' | 'broadcasts' | 'sent';

/** /email: the templates, the broadcasts (?tab=broadcasts) and the ledger of everything sent (?tab=sent, &state=…). */
export function EmailPage() {
  const me = useCurrentMe();
  const writable = me.workspace.role !== 'viewer';
  const [params, setParams] = useSearchParams();
  const requestedTab = params.get('tab');
  const tab: Tab = requestedTab === 'sent' || requestedTab === 'broadcasts' ? requestedTab : 'templates';
  const requestedState = params.get('state');
  const state = STATES.some((option) => option.value === requestedState) ? (requestedState as MessageState) : null;
  const templates = useTemplates();

  return (
    <Box p="xl">
      <PageHeader
        title="Email"
        description="Templates written in MJML with merge fields, broadcasts to segments and lists, and every message sent: whether it went, why not, and what the recipient did."
        actions={
          writable &&
          (tab === 'broadcasts' ? (
            <Button component={Link} to="/email/broadcasts/new" leftSection={<IconPlus size={16} />}>
              New broadcast
            </Button>
          ) : (
            <Button component={Link} to="/email/templates/new" leftSection={<IconPlus size={16} />}>
              New template
            </Button>
          ))
        }
      />
      <Tabs
        value={tab}
        onChange={(next) => next && setParams(next === 'templates' ? {} : { tab: next }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="templates"
            leftSection={<IconTemplate size={15} />}
            rightSection={
              templates.data?.length ? (
                <Badge size="xs" variant="light" color="gray" radius="sm" circle={templates.data.length < 10}>
                  {templates.data.length}
                </Badge>
              ) : null
            }
          >
            Templates
          </Tabs.Tab>
          <Tabs.Tab value="broadcasts" leftSection={<IconSpeakerphone size={15} />}>
            Broadcasts
          </Tabs.Tab>
          <Tabs.Tab value="sent" leftSection={<IconSend size={15} />}>
            Sent
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="templates">
          <TemplatesPanel writable={writable} />
        </Tabs.Panel>
        <Tabs.Panel value="broadcasts">
          <BroadcastsPanel writable={writable} />
        </Tabs.Panel>
        <Tabs.Panel value="sent">
          <SentPanel state={state} onStateChange={(next) => setParams(next ? { tab: 'sent', state: next } : { tab: 'sent' }, { replace: true })} />
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}
