import { createContext, useContext, type ReactNode } from 'react';
import type { Catalog, List, Segment } from '../types';

/** A message of the server about one node of the definition, by its path (`match.conditions[1]`). */
export interface DefinitionIssue {
  path: string;
  message: string;
  /** A save that was refused, or a problem of the saved segment, against a preview that cannot count yet. */
  severity: 'error' | 'warning';
}

/** What every row of the builder needs, however deep it is nested. */
export interface BuilderContextValue {
  catalog: Catalog;
  segments: Segment[];
  lists: List[];
  /** The segment being edited: it may not use itself. */
  segmentId?: string;
  issues: DefinitionIssue[];
}

const BuilderContext = createContext<BuilderContextValue | null>(null);

export function BuilderProvider({ value, children }: { value: BuilderContextValue; children: ReactNode }) {
  return <BuilderContext.Provider value={value}>{children}</BuilderContext.Provider>;
}

export function useBuilder(): BuilderContextValue {
  const context = useContext(BuilderContext);
  if (!context) throw new Error('useBuilder outside of a BuilderProvider');
  return context;
}
