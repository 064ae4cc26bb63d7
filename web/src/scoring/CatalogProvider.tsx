import type { ReactNode } from 'react';
import { ErrorBlock, LoadingBlock } from '../components/QueryState';
import { useCatalog } from '../segments/api';
import { BuilderProvider } from '../segments/builder/BuilderContext';

/** What the segment builder's inputs read (fields, events, pages seen), for a rule's editor. */
export function CatalogProvider({ children }: { children: ReactNode }) {
  const catalog = useCatalog();
  if (catalog.isPending) return <LoadingBlock />;
  if (catalog.isError) return <ErrorBlock error={catalog.error} />;
  return <BuilderProvider value={{ catalog: catalog.data, segments: [], lists: [], issues: [] }}>{children}</BuilderProvider>;
}
