import { Divider, SimpleGrid, TagsInput, Text } from '@mantine/core';
import { fieldError } from '../../api/client';
import type { CustomField } from '../types';
import { CustomFieldInput, type CustomValue } from './CustomFieldInput';

/** A record form's tags, each added with Enter. */
export function TagsField({ value, onChange, error }: { value: string[]; onChange: (tags: string[]) => void; error: unknown }) {
  return (
    <TagsInput
      label="Tags"
      description="Press Enter after each tag"
      value={value}
      onChange={onChange}
      error={fieldError(error, 'tags')}
      clearable
      acceptValueOnBlur
      mt="sm"
    />
  );
}

interface CustomFieldsSectionProps {
  fields: CustomField[];
  values: Record<string, CustomValue>;
  onChange: (values: Record<string, CustomValue>) => void;
  /** The server's error; a field's message shows under its input. */
  error: unknown;
}

/** A record form's custom fields under their own heading; nothing when the workspace has none. */
export function CustomFieldsSection({ fields, values, onChange, error }: CustomFieldsSectionProps) {
  if (fields.length === 0) return null;
  return (
    <>
      <Divider
        my="md"
        labelPosition="left"
        label={
          <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
            Custom fields
          </Text>
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
        {fields.map((field) => (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={values[field.key]}
            onChange={(value) => onChange({ ...values, [field.key]: value })}
            error={fieldError(error, `custom.${field.key}`)}
          />
        ))}
      </SimpleGrid>
    </>
  );
}
