import { Badge, Box, Tabs } from '@mantine/core';
import { IconActivity, IconAdjustments, IconUserCheck } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useRules, useScoringSettings } from './api';
import { RulesPanel } from './RulesPanel';
import { SettingsPanel } from './SettingsPanel';
import type { RuleKind } from './types';

type Tab = RuleKind | 'settings';
const TABS: Tab[] = ['fit', 'engagement', 'settings'];

/** /scoring: the fit and engagement rules, and the settings that turn points into grades. */
export function ScoringPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'fit';
  const rules = useRules();
  const count = (kind: RuleKind) => rules.data?.filter((rule) => rule.kind === kind).length;

  return (
    <Box p="xl">
      <PageHeader
        title="Scoring"
        description="Rank your contacts by how well they fit your ideal customer and how engaged they are. Each contact gets a grade from A1 (best) to D4 and a tier: hot, warm or cold."
      />
      <Tabs value={tab} onChange={(next) => next && setParams(next === 'fit' ? {} : { tab: next }, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="fit" leftSection={<IconUserCheck size={15} />} rightSection={<Count value={count('fit')} />}>
            Fit rules
          </Tabs.Tab>
          <Tabs.Tab value="engagement" leftSection={<IconActivity size={15} />} rightSection={<Count value={count('engagement')} />}>
            Engagement rules
          </Tabs.Tab>
          <Tabs.Tab value="settings" leftSection={<IconAdjustments size={15} />}>
            Settings
          </Tabs.Tab>
        </Tabs.List>
        {(['fit', 'engagement'] as const).map((kind) => (
          <Tabs.Panel key={kind} value={kind}>
            {rules.isPending ? (
              <LoadingBlock />
            ) : rules.isError ? (
              <ErrorBlock error={rules.error} />
            ) : (
              <RulesPanel kind={kind} rules={rules.data.filter((rule) => rule.kind === kind)} />
            )}
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="settings">
          <SettingsTab />
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}

function Count({ value }: { value: number | undefined }) {
  if (!value) return null;
  return (
    <Badge size="xs" variant="light" color="gray" radius="sm" circle={value < 10}>
      {value}
    </Badge>
  );
}

function SettingsTab() {
  const settings = useScoringSettings();
  if (settings.isPending) return <LoadingBlock />;
  if (settings.isError) return <ErrorBlock error={settings.error} />;
  return <SettingsPanel settings={settings.data} />;
}
