import { ActionIcon } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { useCanvas } from './CanvasContext';
import type { StepEdge } from './graphState';
import classes from './canvas.module.css';

/** An edge between two steps: indigo on a simulated path, with a remove button while selected. */
export function StepEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd }: EdgeProps<StepEdge>) {
  const { path, onDeleteEdge, readOnly } = useCanvas();
  const [edgePath, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12, offset: 24 });
  const onPath = path?.edges.has(id) ?? false;
  const stroke = selected ? 'var(--mantine-color-indigo-6)' : onPath ? 'var(--mantine-color-indigo-5)' : 'var(--mantine-color-gray-5)';
  return (
    <>
      <BaseEdge id={id} path={edgePath} markerEnd={markerEnd} style={{ stroke, strokeWidth: selected || onPath ? 2.5 : 1.6 }} />
      {selected && !readOnly && (
        <EdgeLabelRenderer>
          <div className={`${classes.edgeButton} nodrag nopan`} style={{ position: 'absolute', transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            <ActionIcon size="sm" radius="xl" color="red" variant="filled" aria-label="Remove connection" onClick={() => onDeleteEdge(id)}>
              <IconX size={12} />
            </ActionIcon>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
