import type { Edge, Node } from '@xyflow/react';
import { exitsOf, type JourneyEdge, type JourneyGraph, type JourneyNode, type NodeConfig, type NodeType } from '../types';

// The canvas edits React Flow's nodes and edges; the journey's graph is read back from them
// when it is saved. A node's config (without id and position) is its data.

export type StepData = { config: NodeConfig; label?: string };
export type StepNode = Node<StepData, 'step'>;
export type StepEdge = Edge<Record<string, never>, 'step'>;

/** Where a step sits when its saved graph has no position (one made through the API). */
const COLUMN = 300;
const ROW = 170;

export function toFlow(graph: JourneyGraph): { nodes: StepNode[]; edges: StepEdge[] } {
  const positions = layout(graph);
  const nodes = graph.nodes.map((node): StepNode => {
    const { id, position, label, ...config } = node;
    return { id, type: 'step', position: position ?? positions.get(id) ?? { x: 0, y: 0 }, data: { config: config as NodeConfig, label } };
  });
  const edges = graph.edges.map(toFlowEdge);
  return { nodes, edges };
}

export function toFlowEdge(edge: JourneyEdge): StepEdge {
  return { id: edge.id, type: 'step', source: edge.from, sourceHandle: edge.handle, target: edge.to, targetHandle: 'in' };
}

export function toGraph(nodes: StepNode[], edges: StepEdge[]): JourneyGraph {
  return {
    nodes: nodes.map((node): JourneyNode => ({
      ...node.data.config,
      id: node.id,
      ...(node.data.label ? { label: node.data.label } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    })),
    edges: edges.map((edge) => ({ id: edge.id, from: edge.source, handle: edge.sourceHandle ?? 'next', to: edge.target })),
  };
}

/** Layers from the trigger down, for graphs saved without positions. */
function layout(graph: JourneyGraph): Map<string, { x: number; y: number }> {
  const depth = new Map<string, number>();
  const queue = graph.nodes.filter((node) => node.type === 'trigger' || !graph.edges.some((edge) => edge.to === node.id)).map((node) => node.id);
  for (const id of queue) depth.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of graph.edges.filter((candidate) => candidate.from === id)) {
      if (!depth.has(edge.to)) {
        depth.set(edge.to, depth.get(id)! + 1);
        queue.push(edge.to);
      }
    }
  }
  const rows = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const row = depth.get(node.id) ?? 0;
    rows.set(row, [...(rows.get(row) ?? []), node.id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  for (const [row, ids] of rows) {
    ids.forEach((id, index) => positions.set(id, { x: (index - (ids.length - 1) / 2) * COLUMN, y: row * ROW }));
  }
  return positions;
}

const random = () => Math.random().toString(36).slice(2, 7);

/** A short id that reads in a trace: `wait_k3j9d`. */
export function newNodeId(type: NodeType, taken: ReadonlySet<string>): string {
  for (;;) {
    const id = `${type}_${random()}`;
    if (!taken.has(id)) return id;
  }
}

export function newEdgeId(): string {
  return `e_${random()}${random()}`;
}

/** The exits of a step that lead nowhere yet. */
export function freeExits(node: StepNode, edges: StepEdge[]): string[] {
  return exitsOf(node.data.config).filter((exit) => !edges.some((edge) => edge.source === node.id && edge.sourceHandle === exit));
}

/** Edges that still leave by an exit their node has (a split's removed path takes its edge along). */
export function edgesWithExits(nodes: StepNode[], edges: StepEdge[]): StepEdge[] {
  const exits = new Map(nodes.map((node) => [node.id, new Set(exitsOf(node.data.config))]));
  return edges.filter((edge) => exits.get(edge.source)?.has(edge.sourceHandle ?? 'next') && exits.has(edge.target));
}
