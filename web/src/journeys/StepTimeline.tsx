import { Text, Timeline } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { formatDateTime } from '../app/format';
import { detailText } from './format';

export interface TimelineStep {
  nodeId: string;
  at: string;
  outcome: string;
  detail: string | null;
}

/** The steps a contact took (a trace, or a simulated path): which step, when, which way and why. */
export function StepTimeline({ steps, stepName }: { steps: TimelineStep[]; stepName: (nodeId: string) => string }) {
  return (
    <Timeline bulletSize={18} lineWidth={2} active={steps.length} color="indigo" aria-label="Trace" role="list">
      {steps.map((step, index) => (
        <Timeline.Item key={index} role="listitem" bullet={<IconPlayerPlay size={9} />} title={<Text fz="sm" fw={600}>{stepName(step.nodeId)}</Text>}>
          <Text fz="xs" c="dimmed">
            {formatDateTime(step.at)} · {step.outcome}
          </Text>
          {detailText(step.detail) && (
            <Text fz="xs" style={{ overflowWrap: 'anywhere' }}>
              {detailText(step.detail)}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
