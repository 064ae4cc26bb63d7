import { createContext, useContext } from 'react';
import type { JourneyStats, Problem } from '../types';
import type { JourneyNames } from './summary';

/** What the canvas shows over the steps: problems, live numbers, a simulated path. */
export interface CanvasOverlay {
  names: JourneyNames;
  problems: Map<string, Problem[]>;
  /** The live version's numbers, on a live or paused journey. */
  stats: JourneyStats | null;
  /** Steps and edges a simulated contact went through. */
  path: { nodes: Set<string>; edges: Set<string> } | null;
  /** How many simulated contacts reached each step. */
  simulated: Record<string, { entered: number }> | null;
  onDeleteEdge: (id: string) => void;
  readOnly: boolean;
}

const CanvasContext = createContext<CanvasOverlay | null>(null);

export const CanvasProvider = CanvasContext.Provider;

export function useCanvas(): CanvasOverlay {
  const value = useContext(CanvasContext);
  if (!value) throw new Error('useCanvas outside of a CanvasProvider');
  return value;
}
