import { Alert, Anchor, Box, Button, Group, Menu, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, ThemeIcon } from '@mantine/core';
import {
  IconChevronDown,
  IconClick,
  IconForms,
  IconLayoutNavbar,
  IconPhoto,
  IconPlus,
  IconQuote,
  IconTextSize,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BLOCK_FIELDS, BLOCK_HINTS, BLOCK_LABELS, blockMessage, newBlock } from '../format';
import { BLOCK_TYPES, type Block, type BlockType } from '../types';
import { OrderControls } from '../../components/OrderControls';

export const BLOCK_ICONS: Record<BlockType, Icon> = {
  hero: IconLayoutNavbar,
  text: IconTextSize,
  image: IconPhoto,
  form: IconForms,
  cta: IconClick,
  testimonial: IconQuote,
};

export interface FormChoice {
  id: string;
  name: string;
}

interface BlocksEditorProps {
  blocks: Block[];
  onChange: (blocks: Block[]) => void;
  /** The workspace's active forms, for the form block. */
  forms: FormChoice[];
  formsLoading: boolean;
  /** The refusal naming `blocks[index]` or one of its fields (field '' for the block itself). */
  problemOf: (index: number) => { field: string; message: string } | undefined;
  /** The server's message about the list as a whole (`variants[i].blocks`). */
  listError: string | undefined;
  readOnly: boolean;
}

/** A variant's blocks top to bottom, each in a card with its fields; add, move and remove. */
export function BlocksEditor({ blocks, onChange, forms, formsLoading, problemOf, listError, readOnly }: BlocksEditorProps) {
  const change = (index: number, next: Block) => onChange(blocks.map((block, at) => (at === index ? next : block)));
  const move = (index: number, by: number) => {
    const next = [...blocks];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  };
  const hasForm = blocks.some((block) => block.type === 'form');

  return (
    <Stack gap="sm">
      {listError && (
        <Alert color="red" role="alert" py="xs">
          {listError}
        </Alert>
      )}
      {blocks.length === 0 && (
        <Text fz="sm" c="dimmed">
          No blocks yet: add a hero to start the page.
        </Text>
      )}
      {blocks.map((block, index) => (
        <BlockCard
          key={index}
          block={block}
          index={index}
          count={blocks.length}
          onChange={(next) => change(index, next)}
          onMove={(by) => move(index, by)}
          onRemove={() => onChange(blocks.filter((_, at) => at !== index))}
          forms={forms}
          formsLoading={formsLoading}
          hasAnchor={hasForm}
          problem={problemOf(index)}
          readOnly={readOnly}
        />
      ))}
      {!readOnly && (
        <Menu position="bottom-start" width={300} shadow="md">
          <Menu.Target>
            <Button variant="light" leftSection={<IconPlus size={16} />} rightSection={<IconChevronDown size={14} />} style={{ alignSelf: 'flex-start' }}>
              Add block
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {BLOCK_TYPES.map((type) => {
              const Icon = BLOCK_ICONS[type];
              const taken = type === 'form' && hasForm;
              return (
                <Menu.Item key={type} leftSection={<Icon size={18} stroke={1.6} />} disabled={taken} onClick={() => onChange([...blocks, newBlock(type)])}>
                  <Text fz="sm" fw={500}>
                    {BLOCK_LABELS[type]}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {taken ? 'A page converts through one form: this variant has it' : BLOCK_HINTS[type]}
                  </Text>
                </Menu.Item>
              );
            })}
          </Menu.Dropdown>
        </Menu>
      )}
    </Stack>
  );
}

/** What a block says, for its header. */
function summary(block: Block, forms: FormChoice[]): string {
  switch (block.type) {
    case 'hero':
      return block.heading;
    case 'text':
      return block.heading || block.body.split('\n')[0] || '';
    case 'image':
      return block.alt || block.url;
    case 'form':
      return forms.find((form) => form.id === block.formId)?.name ?? 'No form chosen';
    case 'cta':
      return block.heading || block.label;
    case 'testimonial':
      return block.author;
  }
}

interface BlockCardProps {
  block: Block;
  index: number;
  count: number;
  onChange: (block: Block) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
  forms: FormChoice[];
  formsLoading: boolean;
  hasAnchor: boolean;
  problem: { field: string; message: string } | undefined;
  readOnly: boolean;
}

function BlockCard({ block, index, count, onChange, onMove, onRemove, forms, formsLoading, hasAnchor, problem, readOnly }: BlockCardProps) {
  const Icon = BLOCK_ICONS[block.type];
  const label = BLOCK_LABELS[block.type];
  const name = `${label} block ${index + 1}`;
  const message = problem && blockMessage(block.type, problem.field, problem.message);
  // A field without an input of its own (or the block as a whole) is named at the top of the card.
  const onInput = !!problem && problem.field in BLOCK_FIELDS[block.type];
  const fieldError = (field: string) => (problem?.field === field ? message : undefined);
  const cardError = onInput ? undefined : message;
  const set = (patch: Record<string, string>) => onChange({ ...block, ...patch } as Block);
  const text = (field: string, props: { placeholder?: string; description?: ReactNode; required?: boolean; multiline?: boolean; mono?: boolean } = {}) => {
    const value = ((block as Record<string, unknown>)[field] as string | undefined) ?? '';
    const common = {
      label: BLOCK_FIELDS[block.type][field]!.label,
      maxLength: BLOCK_FIELDS[block.type][field]!.max,
      description: props.description,
      placeholder: props.placeholder,
      withAsterisk: props.required,
      value,
      readOnly,
      error: fieldError(field),
      onChange: (event: { currentTarget: { value: string } }) => set({ [field]: event.currentTarget.value }),
    };
    return props.multiline ? (
      <Textarea {...common} autosize minRows={2} maxRows={10} />
    ) : (
      <TextInput {...common} styles={props.mono ? { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } } : undefined} />
    );
  };
  const link = hasAnchor ? '#form, /path or https://…' : '/path or https://…';

  return (
    <Paper
      withBorder
      radius="md"
      role="group"
      aria-label={name}
      style={{ borderColor: problem ? 'var(--mantine-color-red-6)' : undefined, overflow: 'hidden' }}
    >
      <Group gap="sm" px="sm" py={8} wrap="nowrap" bg="var(--mantine-color-gray-0)" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <ThemeIcon variant="light" radius="md" size={30}>
          <Icon size={17} stroke={1.7} />
        </ThemeIcon>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Text fz="sm" fw={600}>
            {label}
          </Text>
          <Text fz="xs" c="dimmed" truncate>
            {summary(block, forms) || BLOCK_HINTS[block.type]}
          </Text>
        </Box>
        {!readOnly && (
          <OrderControls name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} removeLabel="Remove block" />
        )}
      </Group>
      <Stack gap="sm" p="sm">
        {cardError && (
          <Alert color="red" role="alert" py="xs">
            {cardError}
          </Alert>
        )}
        {block.type === 'hero' && (
          <>
            {text('heading', { required: true })}
            {text('subheading', { multiline: true })}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {text('ctaLabel', { placeholder: 'Get the guide' })}
              {text('ctaUrl', { placeholder: link, mono: true })}
            </SimpleGrid>
            {text('imageUrl', { placeholder: 'https://…/hero.png', description: 'Shown beside the headline on wide screens; also the picture of link previews', mono: true })}
          </>
        )}
        {block.type === 'text' && (
          <>
            {text('heading')}
            {text('body', { required: true, multiline: true, description: 'A blank line starts a new paragraph' })}
          </>
        )}
        {block.type === 'image' && (
          <>
            {text('url', { required: true, placeholder: 'https://…/picture.png', mono: true })}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {text('alt', { required: true, description: 'Read out to people who cannot see it' })}
              {text('caption', { description: 'Shown under the picture' })}
            </SimpleGrid>
          </>
        )}
        {block.type === 'form' && (
          <>
            <Select
              label="Form"
              withAsterisk
              placeholder={formsLoading ? 'Loading forms…' : forms.length ? 'Choose a form' : 'No active forms yet'}
              data={forms.map((form) => ({ value: form.id, label: form.name }))}
              value={block.formId || null}
              onChange={(value) => set({ formId: value ?? '' })}
              searchable
              allowDeselect={false}
              readOnly={readOnly}
              error={fieldError('formId')}
              description={
                <>
                  A submission is the page&apos;s conversion. Fields and consent boxes are the form&apos;s:{' '}
                  <Anchor component={Link} to={block.formId ? `/forms/${block.formId}` : '/forms/new'} fz="xs">
                    {block.formId ? 'edit the form' : 'create a form'}
                  </Anchor>
                  .
                </>
              }
            />
            {text('heading')}
          </>
        )}
        {block.type === 'cta' && (
          <>
            {text('heading')}
            {text('text', { multiline: true })}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {text('label', { required: true })}
              {text('url', { required: true, placeholder: link, mono: true })}
            </SimpleGrid>
          </>
        )}
        {block.type === 'testimonial' && (
          <>
            {text('quote', { required: true, multiline: true })}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {text('author', { required: true })}
              {text('role')}
            </SimpleGrid>
            {text('imageUrl', { placeholder: 'https://…/photo.jpg', mono: true })}
          </>
        )}
      </Stack>
    </Paper>
  );
}
