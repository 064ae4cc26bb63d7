import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconUsers } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Segment } from '../segments/types';
import { HtmlContentInput } from './HtmlContentInput';
import type { SlotRule } from './types';
import { OrderControls } from '../components/OrderControls';

/** The server's limit of rules per slot. */
export const MAX_RULES = 20;

interface RulesEditorProps {
  rules: SlotRule[];
  onChange: (rules: SlotRule[]) => void;
  segments: Segment[];
  segmentsLoading: boolean;
  errorOf: (index: number, part: 'segmentId' | 'content') => string | undefined;
  readOnly: boolean;
}

/** "If the visitor is in segment … show …", in order: the first match wins. */
export function RulesEditor({ rules, onChange, segments, segmentsLoading, errorOf, readOnly }: RulesEditorProps) {
  const set = (index: number, patch: Partial<SlotRule>) => onChange(rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    onChange(next);
  };
  const known = new Set(segments.map((segment) => segment.id));

  return (
    <Stack gap="sm">
      {rules.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No rules yet: everyone sees the default content. Add a rule to show the visitors of a segment content of their own.
        </Text>
      ) : (
        <Text fz="xs" c="dimmed">
          Tried from the top: the first segment the visitor&apos;s contact is in decides what they see.
        </Text>
      )}
      {rules.map((rule, index) => {
        const data = segments.map((segment) => ({
          value: segment.id,
          label: segment.name,
          // A segment has one rule only.
          disabled: segment.id !== rule.segmentId && rules.some((other) => other.segmentId === segment.id),
        }));
        if (rule.segmentId && !known.has(rule.segmentId) && !segmentsLoading) data.unshift({ value: rule.segmentId, label: 'Deleted segment', disabled: false });
        return (
          <Paper key={index} withBorder radius="md" p="sm" role="group" aria-label={`Rule ${index + 1}`} bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
              <Group gap="xs" align="flex-start" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
                <Badge variant="filled" color="indigo" circle size="lg" mt={27} style={{ flexShrink: 0 }}>
                  {index + 1}
                </Badge>
                <Select
                  label="If the visitor is in segment"
                  placeholder={segmentsLoading ? 'Loading segments…' : 'Choose a segment'}
                  data={data}
                  value={rule.segmentId || null}
                  onChange={(segmentId) => set(index, { segmentId: segmentId ?? '' })}
                  error={errorOf(index, 'segmentId')}
                  readOnly={readOnly}
                  searchable
                  nothingFoundMessage="No segment of that name"
                  leftSection={<IconUsers size={15} />}
                  comboboxProps={{ withinPortal: true }}
                  style={{ flex: 1, minWidth: 0 }}
                  maw={420}
                />
              </Group>
              {!readOnly && (
                <OrderControls
                  mt={26}
                  name={`rule ${index + 1}`}
                  index={index}
                  count={rules.length}
                  onMove={(step) => move(index, step)}
                  onRemove={() => onChange(rules.filter((_, at) => at !== index))}
                  removeLabel="Remove rule"
                />
              )}
            </Group>
            <HtmlContentInput
              label="Show this content"
              previewTitle={`Preview of rule ${index + 1}`}
              value={rule.content}
              onChange={(content) => set(index, { content })}
              error={errorOf(index, 'content')}
              readOnly={readOnly}
              placeholder="<h2>Hello, CTO</h2>"
            />
          </Paper>
        );
      })}
      {!readOnly && (
        <Group justify="space-between">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...rules, { segmentId: '', content: '' }])}
            disabled={rules.length >= MAX_RULES}
          >
            Add rule
          </Button>
          {!segmentsLoading && segments.length === 0 && (
            <Text fz="xs" c="dimmed">
              A rule needs a segment.{' '}
              <Anchor component={Link} to="/segments/new" fz="xs">
                Create a segment
              </Anchor>
            </Text>
          )}
        </Group>
      )}
      <Group gap="xs" wrap="nowrap" pt={4} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <Badge variant="light" color="gray" radius="sm" style={{ flexShrink: 0 }}>
          Otherwise
        </Badge>
        <Text fz="sm" c="dimmed">
          Everyone else, including visitors Tandem does not know yet, sees the default content.
        </Text>
      </Group>
    </Stack>
  );
}
