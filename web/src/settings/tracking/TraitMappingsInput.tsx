import { ActionIcon, Button, Group, Input, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowRight, IconPlus, IconTrash } from '@tabler/icons-react';
import { fieldLabel } from '../../crm/shared/fields';
import { useCustomFields } from '../../crm/shared/queries';

export interface TraitMapping {
  trait: string;
  field: string | null;
}

/** The contact fields a trait may fill (the API's list), besides custom.<key>. */
const MAPPABLE_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone', 'source'];

interface TraitMappingsInputProps {
  value: TraitMapping[];
  onChange: (value: TraitMapping[]) => void;
  /** The error to show at a row, by its trait. */
  errorOf: (trait: string) => string | undefined;
  disabled: boolean;
}

/** Trait → contact field rows, for the traits identify sends under names of your own. */
export function TraitMappingsInput({ value, onChange, errorOf, disabled }: TraitMappingsInputProps) {
  const customFields = useCustomFields('contact');
  const standard = MAPPABLE_FIELDS.map((field) => ({ value: field, label: fieldLabel(field) }));
  const custom = (customFields.data ?? []).map((field) => ({ value: `custom.${field.key}`, label: field.label }));
  const options = custom.length > 0 ? [{ group: 'Standard fields', items: standard }, { group: 'Custom fields', items: custom }] : standard;

  const change = (index: number, row: Partial<TraitMapping>) => onChange(value.map((old, i) => (i === index ? { ...old, ...row } : old)));

  return (
    <Input.Wrapper
      label="Trait mappings"
      description="Which contact field a trait fills when identify sends it. Standard traits (email, firstName, title, phone…) and traits named like a custom field's key need no mapping."
    >
      <Stack gap="xs" mt={6}>
        {value.map((row, index) => (
          <Group key={index} gap="xs" align="flex-start" wrap="nowrap" role="group" aria-label={`Mapping of ${row.trait.trim() || 'a new trait'}`}>
            <TextInput
              aria-label="Trait"
              placeholder="e.g. plan"
              value={row.trait}
              onChange={(event) => change(index, { trait: event.currentTarget.value })}
              disabled={disabled}
              w={200}
            />
            <IconArrowRight size={16} color="var(--mantine-color-gray-5)" style={{ marginTop: 10, flexShrink: 0 }} />
            <Select
              aria-label="Contact field"
              placeholder="Choose a field"
              data={options}
              value={row.field}
              onChange={(field) => change(index, { field })}
              error={errorOf(row.trait.trim())}
              disabled={disabled}
              searchable
              w={240}
              comboboxProps={{ withinPortal: true }}
            />
            {!disabled && (
              <ActionIcon
                variant="subtle"
                color="gray"
                mt={4}
                aria-label={`Remove the mapping of ${row.trait || 'this trait'}`}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {value.length === 0 && disabled && (
          <Text fz="sm" c="dimmed">
            No mappings.
          </Text>
        )}
        {!disabled && (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...value, { trait: '', field: null }])}
            style={{ alignSelf: 'flex-start' }}
          >
            Add mapping
          </Button>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
