import { Drawer } from '@mantine/core';
import { CatalogProvider } from './CatalogProvider';
import { RuleForm } from './RuleForm';
import type { Rule, RuleKind } from './types';

interface RuleEditorDrawerProps {
  kind: RuleKind;
  /** The rule being edited, 'new' for a new one, null when closed. */
  rule: Rule | 'new' | null;
  onClose: () => void;
}

const NEW_TITLES: Record<RuleKind, string> = { fit: 'New fit rule', engagement: 'New engagement rule' };

/** Adds or edits a rule in a drawer, over the table it belongs to. */
export function RuleEditorDrawer({ kind, rule, onClose }: RuleEditorDrawerProps) {
  return (
    <Drawer
      opened={rule !== null}
      onClose={onClose}
      title={rule === null || rule === 'new' ? NEW_TITLES[kind] : `Edit ${rule.name}`}
      position="right"
      size={kind === 'fit' ? 'xl' : 'lg'}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {rule !== null && (
        <CatalogProvider>
          <RuleForm key={rule === 'new' ? 'new' : rule.id} kind={kind} rule={rule === 'new' ? undefined : rule} onDone={onClose} />
        </CatalogProvider>
      )}
    </Drawer>
  );
}
