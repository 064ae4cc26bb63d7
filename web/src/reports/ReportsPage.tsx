import { Box, Group, Tabs } from '@mantine/core';
import { IconClockHour4, IconFilter, IconThumbDown, IconWorldWww } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { DrillDrawer, DrillProvider, type DrillTarget } from './DrillDrawer';
import { FunnelTab } from './FunnelTab';
import { LeadSourcesTab } from './LeadSourcesTab';
import { periodQuery, usePeriod } from './period';
import { CustomRange, PeriodPicker } from './PeriodPicker';
import { RejectionsTab } from './RejectionsTab';
import { SlaTab } from './SlaTab';

type Tab = 'funnel' | 'sla' | 'rejections' | 'sources';
const TABS: Tab[] = ['funnel', 'sla', 'rejections', 'sources'];

/** /reports: the funnel marketing and sales share, the SLA, rejection reasons and lead sources, over one period. */
export function ReportsPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && TABS.includes(requested) ? requested : 'funnel';
  const [period, setPeriod] = usePeriod();
  const asked = periodQuery(period);
  const query = 'query' in asked ? asked.query : null;
  const [target, setTarget] = useState<DrillTarget | null>(null);

  const changeTab = (next: string | null) => {
    if (!next) return;
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'funnel') updated.delete('tab');
        else updated.set('tab', next);
        // Grouping belongs to the funnel.
        if (next !== 'funnel') updated.delete('groupBy');
        return updated;
      },
      { replace: true },
    );
  };

  return (
    <DrillProvider value={setTarget}>
      <Box p="xl">
        <PageHeader
          title="Reports"
          description="The funnel marketing and sales share: how contacts move from stage to stage, how fast sales answers its leads, why it turns them down and which channels bring customers. Click any figure to see the people behind it."
        />
        <Tabs value={tab} onChange={changeTab} keepMounted={false}>
          <Group justify="space-between" align="center" gap="sm" mb="lg" wrap="wrap">
            <Tabs.List style={{ flex: '1 0 auto' }}>
              <Tabs.Tab value="funnel" leftSection={<IconFilter size={15} />}>
                Funnel
              </Tabs.Tab>
              <Tabs.Tab value="sla" leftSection={<IconClockHour4 size={15} />}>
                SLA
              </Tabs.Tab>
              <Tabs.Tab value="rejections" leftSection={<IconThumbDown size={15} />}>
                Rejections
              </Tabs.Tab>
              <Tabs.Tab value="sources" leftSection={<IconWorldWww size={15} />}>
                Lead sources
              </Tabs.Tab>
            </Tabs.List>
            <PeriodPicker period={period} onChange={setPeriod} />
          </Group>
          {period.preset === 'custom' && (
            <Group justify="flex-end" mt={-8} mb="md">
              <CustomRange period={period} onChange={setPeriod} error={'error' in asked ? asked.error : undefined} />
            </Group>
          )}
          <Tabs.Panel value="funnel">
            <FunnelTab period={query} />
          </Tabs.Panel>
          <Tabs.Panel value="sla">
            <SlaTab period={query} />
          </Tabs.Panel>
          <Tabs.Panel value="rejections">
            <RejectionsTab period={query} />
          </Tabs.Panel>
          <Tabs.Panel value="sources">
            <LeadSourcesTab period={query} />
          </Tabs.Panel>
        </Tabs>
      </Box>
      <DrillDrawer target={target} period={query ?? {}} onClose={() => setTarget(null)} />
    </DrillProvider>
  );
}
