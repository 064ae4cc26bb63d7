import { Box, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { percent } from '../format';
import { exitsOf, type NodeStats } from '../types';
import { useCanvas } from './CanvasContext';
import type { StepNode } from './graphState';
import { exitLabel, handleLabel, kindOf } from './nodeCatalog';
import { summarize } from './summary';
import classes from './canvas.module.css';

export const NODE_WIDTH = 264;

const NO_COUNTS: NodeStats = { entered: 0, waiting: 0, completed: 0, exited: 0, converted: 0 };

/** One step on the canvas: what it is, what it does, its numbers and problems, and its exits. */
export function StepNodeView({ id, data, selected }: NodeProps<StepNode>) {
  const { names, problems, stats, path, simulated } = useCanvas();
  const { config } = data;
  const kind = kindOf(config.type);
  const own = problems.get(id) ?? [];
  const exits = exitsOf(config);
  // A step nobody reached yet has no row in the numbers: it shows zeros.
  const counts = stats ? (stats.nodes[id] ?? NO_COUNTS) : undefined;
  const split = stats?.splits.find((candidate) => candidate.nodeId === id);
  const onPath = path?.nodes.has(id) ?? false;
  const summary = summarize(config, names);

  const state = own.length > 0 ? classes.invalid : onPath ? classes.onPath : undefined;
  return (
    <Box
      className={[classes.node, selected ? classes.selected : '', state ?? ''].join(' ')}
      w={NODE_WIDTH}
      data-testid={`step-${id}`}
      data-invalid={own.length > 0 || undefined}
      data-on-path={onPath || undefined}
      style={{ '--accent': `var(--mantine-color-${kind.color}-6)` } as React.CSSProperties}
    >
      {config.type !== 'trigger' && <Handle type="target" position={Position.Top} id="in" className={classes.target} aria-label="Entry" />}
      <Group gap={10} wrap="nowrap" align="flex-start" p="10px 12px">
        <ThemeIcon size={30} radius="md" variant="light" color={kind.color}>
          <kind.icon size={17} stroke={1.8} />
        </ThemeIcon>
        <Box miw={0} style={{ flex: 1 }}>
          <Text fz={10} fw={700} tt="uppercase" c="dimmed" lh={1.4} style={{ letterSpacing: 0.4 }}>
            {data.label || kind.label}
          </Text>
          <Text fz="sm" fw={600} lh={1.3} lineClamp={2} title={summary} data-testid="step-summary">
            {summary}
          </Text>
        </Box>
        {own.length > 0 && (
          <Tooltip label={own.map((problem) => problem.message).join(' · ')} withArrow multiline maw={280}>
            <IconAlertTriangle size={16} color="var(--mantine-color-red-6)" aria-hidden />
          </Tooltip>
        )}
      </Group>

      {counts && (
        <Group gap={0} className={classes.stats} wrap="nowrap" aria-label="Step numbers" role="group">
          <Stat label="Entered" value={counts.entered} />
          <Stat label="Waiting" value={counts.waiting} />
          <Stat label="Converted" value={counts.converted} />
        </Group>
      )}
      {split && (
        <Box className={classes.arms} role="group" aria-label="Random split results">
          {split.arms.map((arm) => (
            <Group key={arm.key} justify="space-between" gap={6} wrap="nowrap">
              <Text fz={11} fw={600} truncate>
                {arm.label || arm.key}
              </Text>
              <Text fz={11} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {arm.converted}/{arm.entered} · <b>{percent(arm.rate)}</b>
              </Text>
            </Group>
          ))}
          <Text fz={10} c={split.pValue !== null && split.pValue < 0.05 ? 'teal.7' : 'dimmed'} mt={2}>
            {split.pValue === null ? 'Not enough data for a p-value' : `p = ${split.pValue.toFixed(3)}${split.pValue < 0.05 ? ' · significant' : ''}`}
          </Text>
        </Box>
      )}
      {simulated && simulated[id] && (
        <Text fz={11} fw={600} c="indigo.7" className={classes.simulated}>
          {simulated[id]!.entered} simulated {simulated[id]!.entered === 1 ? 'contact' : 'contacts'}
        </Text>
      )}
      {own.length > 0 && (
        <Box className={classes.problems} role="alert" aria-label={`Problems of ${kind.label}`}>
          {own.map((problem, index) => (
            <Text key={index} fz={11} c="red.8" lh={1.35}>
              {problem.message}
            </Text>
          ))}
        </Box>
      )}

      {exits.map((exit, index) => {
        const left = `${((index + 1) / (exits.length + 1)) * 100}%`;
        const label = exitLabel(config, exit);
        const short = handleLabel(config, exit);
        return (
          <Box key={exit}>
            <Handle
              type="source"
              position={Position.Bottom}
              id={exit}
              style={{ left }}
              className={classes.source}
              aria-label={`${label} exit`}
              title={`Drag to connect the ${label} exit`}
            />
            {exits.length > 1 || exit !== 'next' ? (
              <Text
                className={classes.exitLabel}
                style={{ left, maxWidth: NODE_WIDTH / exits.length - 6 }}
                fz={10}
                fw={700}
                truncate
                title={label}
                c={exit === 'no' || exit === 'timeout' || exit === 'else' || exit === 'holdout' ? 'gray.7' : `${kind.color}.8`}
              >
                {short}
              </Text>
            ) : null}
          </Box>
        );
      })}
    </Box>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Box className={classes.stat} aria-label={`${label} ${value}`}>
      <Text fz="sm" fw={700} lh={1.2}>
        {value.toLocaleString()}
      </Text>
      <Text fz={10} c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
    </Box>
  );
}
