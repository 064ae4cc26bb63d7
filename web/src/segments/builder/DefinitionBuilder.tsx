import { errorMessage, isApiError } from '../../api/client';
import { ErrorBlock, LoadingBlock } from '../../components/QueryState';
import { useCatalog, useLists, useSegments } from '../api';
import { BuilderProvider, type DefinitionIssue } from './BuilderContext';
import { ConditionGroupEditor } from './ConditionGroupEditor';
import { definitionPath, type DraftGroup } from './draft';

interface DefinitionBuilderProps {
  draft: DraftGroup;
  onChange: (draft: DraftGroup) => void;
  /** The server's messages, shown on the rows they are about. */
  issues: DefinitionIssue[];
  /** The segment being edited, which its own conditions may not name. */
  segmentId?: string;
}

/** The condition editor, with the fields, events, pages, segments and lists it offers. */
export function DefinitionBuilder({ draft, onChange, issues, segmentId }: DefinitionBuilderProps) {
  const catalog = useCatalog();
  const segments = useSegments();
  const lists = useLists();
  if (catalog.isPending || segments.isPending || lists.isPending) return <LoadingBlock />;
  const failed = catalog.error ?? segments.error ?? lists.error;
  if (failed) return <ErrorBlock error={failed} />;
  return (
    <BuilderProvider value={{ catalog: catalog.data!, segments: segments.data!, lists: lists.data!, segmentId, issues: distinctIssues(issues) }}>
      <ConditionGroupEditor group={draft} path="match" number="" onChange={onChange} />
    </BuilderProvider>
  );
}

/**
 * The server's 400 about a definition, as an issue on the node it names
 * (`definition.match.conditions[1].operator` → the second row). Other errors place nowhere.
 */
export function definitionIssues(error: unknown, severity: DefinitionIssue['severity']): DefinitionIssue[] {
  if (!isApiError(error, 400)) return [];
  const path = definitionPath(error.field);
  if (path === null) return [];
  return [{ path, message: withoutPath(error), severity }];
}

/** The server's message without the path it starts with: the highlighted row already shows where. */
export function withoutPath(error: unknown): string {
  if (!isApiError(error)) return errorMessage(error);
  return error.field && error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
}

/** One message per node and text: a refused save outranks the same word from the live count. */
export function distinctIssues(issues: DefinitionIssue[]): DefinitionIssue[] {
  const kept = new Map<string, DefinitionIssue>();
  for (const issue of issues) {
    const key = `${issue.path}\n${issue.message}`;
    if (!kept.has(key) || issue.severity === 'error') kept.set(key, issue);
  }
  return [...kept.values()];
}
