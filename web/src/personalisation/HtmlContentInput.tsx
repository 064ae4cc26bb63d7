import { SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { HtmlFrame } from './HtmlFrame';

interface HtmlContentInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  readOnly?: boolean;
  placeholder?: string;
  /** The accessible name of the rendered preview. */
  previewTitle: string;
}

/** HTML to put in the slot, with what it looks like next to it. */
export function HtmlContentInput({ label, value, onChange, error, readOnly, placeholder = '<h2>Welcome</h2>', previewTitle }: HtmlContentInputProps) {
  const [shown] = useDebouncedValue(value, 250);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <Textarea
        label={label}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error}
        readOnly={readOnly}
        placeholder={placeholder}
        autosize
        minRows={3}
        maxRows={12}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5 } }}
      />
      <Stack gap={4}>
        <Text fz="sm" fw={500} c="dimmed">
          Looks like
        </Text>
        <HtmlFrame html={shown} title={previewTitle} />
      </Stack>
    </SimpleGrid>
  );
}
