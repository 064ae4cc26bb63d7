import { Box, Button, EmptyState, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconActivity, IconPlus, IconRefresh, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useArchiveRule, useRescore } from './api';
import { RuleEditorDrawer } from './RuleEditorDrawer';
import { RulesTable } from './RulesTable';
import type { Rule, RuleKind } from './types';

const INTRO: Record<RuleKind, string> = {
  fit: 'Who the contact is: job title, seniority, company size, industry, your own fields. A contact keeps the points while they match.',
  engagement: 'What the contact does: each page view, event, email click or form earns the points, up to the cap, and fades with the half-life.',
};

/** The rules of one kind, with adding, editing, pausing, archiving and rescoring. */
export function RulesPanel({ kind, rules }: { kind: RuleKind; rules: Rule[] }) {
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Rule | null>(null);
  const archive = useArchiveRule();
  const rescore = useRescore();
  const noun = kind === 'fit' ? 'fit' : 'engagement';

  const rescoreAll = () =>
    rescore.mutate(kind, {
      onSuccess: () => notifications.show({ color: 'green', message: `Everyone's ${noun} score is being computed again.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not rescore', message: errorMessage(error) }),
    });

  return (
    <Box>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Text fz="sm" c="dimmed" maw={640}>
          {INTRO[kind]}
        </Text>
        <Group gap="sm" wrap="nowrap">
          {rules.length > 0 && (
            <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={rescoreAll} loading={rescore.isPending}>
              Rescore all
            </Button>
          )}
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Add rule
          </Button>
        </Group>
      </Group>

      {rules.length === 0 ? (
        <NoRulesYet kind={kind} onAdd={() => setEditing('new')} />
      ) : (
        <RulesTable kind={kind} rules={rules} onEdit={setEditing} onArchive={setArchiving} />
      )}

      <RuleEditorDrawer kind={kind} rule={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={archiving !== null}
        title="Archive rule"
        confirmLabel="Archive rule"
        loading={archive.isPending}
        onCancel={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `Archived ${archiving.name}. Scores are being updated.` });
              setArchiving(null);
            },
            onError: (error) => {
              notifications.show({ color: 'red', title: 'Could not archive', message: errorMessage(error) });
              setArchiving(null);
            },
          })
        }
      >
        Archive {archiving?.name}? It stops giving points and everyone's {noun} score is computed again without it. Past
        points stay in each contact's history under its name.
      </ConfirmDialog>
    </Box>
  );
}

function NoRulesYet({ kind, onAdd }: { kind: RuleKind; onAdd: () => void }) {
  const Icon = kind === 'fit' ? IconUserCheck : IconActivity;
  return (
    <Paper withBorder radius="lg" py={48} px="xl">
      <EmptyState
        icon={<Icon size={28} stroke={1.6} />}
        variant="light"
        title={kind === 'fit' ? 'No fit rules yet' : 'No engagement rules yet'}
        description={
          kind === 'fit'
            ? 'Add points for the contacts you want most — "Job title contains VP" +20 — and take them away from those you do not, such as competitors.'
            : 'Add points for the signals of interest — "Viewed page /pricing" +10, at most 20 a day — so the most engaged rise to the top.'
        }
        maw={540}
        mx="auto"
      >
        <Box ta="center" mt="md">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onAdd}>
            Add rule
          </Button>
        </Box>
      </EmptyState>
    </Paper>
  );
}
