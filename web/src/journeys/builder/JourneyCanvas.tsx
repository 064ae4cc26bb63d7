import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type OnEdgesChange,
  type OnNodesChange,
} from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import type { NodeType } from '../types';
import { type StepEdge, type StepNode } from './graphState';
import { DRAG_TYPE, kindOf } from './nodeCatalog';
import { StepEdgeView } from './StepEdgeView';
import { NODE_WIDTH, StepNodeView } from './StepNodeView';

const nodeTypes = { step: StepNodeView };
/** Room at the top for the problems over the canvas, and below for the exits' labels. */
const FIT = { padding: { top: '128px', bottom: '48px', x: '48px' }, maxZoom: 1 } as const;
const edgeTypes = { step: StepEdgeView };
const defaultEdgeOptions = { type: 'step', markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--mantine-color-gray-6)' } };

interface JourneyCanvasProps {
  nodes: StepNode[];
  edges: StepEdge[];
  onNodesChange: OnNodesChange<StepNode>;
  onEdgesChange: OnEdgesChange<StepEdge>;
  onConnect: (connection: Connection) => void;
  onDropStep: (type: NodeType, position: { x: number; y: number }) => void;
  readOnly: boolean;
  /** Fits the saved steps in view; an empty canvas starts at its origin, where the first step is dropped. */
  fitOnStart: boolean;
  /** A map of the whole journey, for one too big to see at once. */
  withMiniMap: boolean;
}

/** The journey as a flow chart: steps dragged in from the palette, exits joined to steps. */
export function JourneyCanvas({ nodes, edges, onNodesChange, onEdgesChange, onConnect, onDropStep, readOnly, fitOnStart, withMiniMap }: JourneyCanvasProps) {
  const { screenToFlowPosition } = useReactFlow();

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(DRAG_TYPE) as NodeType;
      if (!type) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropStep(type, { x: at.x - NODE_WIDTH / 2, y: at.y - 30 });
    },
    [screenToFlowPosition, onDropStep],
  );

  return (
    <ReactFlow<StepNode, StepEdge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      isValidConnection={(connection) => connection.source !== connection.target}
      onDrop={onDrop}
      onDragOver={onDragOver}
      deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
      nodesConnectable={!readOnly}
      nodesDraggable={!readOnly}
      fitView={fitOnStart}
      defaultViewport={{ x: 120, y: 80, zoom: 1 }}
      fitViewOptions={FIT}
      minZoom={0.25}
      maxZoom={1.5}
      snapToGrid
      snapGrid={[8, 8]}
      proOptions={{ hideAttribution: true }}
      aria-label="Journey canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--mantine-color-gray-4)" bgColor="var(--mantine-color-gray-0)" />
      <Controls showInteractive={false} position="bottom-left" fitViewOptions={{ ...FIT, duration: 200 }} />
      {withMiniMap && (
        <MiniMap
          position="bottom-right"
          pannable
          zoomable
          nodeColor={(node) => `var(--mantine-color-${kindOf((node as StepNode).data.config.type).color}-4)`}
          maskColor="rgba(241, 243, 245, 0.7)"
          style={{ width: 160, height: 110 }}
        />
      )}
    </ReactFlow>
  );
}
