import { Loader, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { contactName } from '../crm/shared/queries';
import { useContactSearch } from './api';

export interface PickedContact {
  id: string;
  label: string;
}

/** Picks the contact whose data fills the merge fields of the preview; none means sample data. */
export function PreviewAsPicker({ value, onChange }: { value: PickedContact | null; onChange: (contact: PickedContact | null) => void }) {
  const [search, setSearch] = useState('');
  // Once a contact is picked the input shows its name; that is not a search.
  const [debounced] = useDebouncedValue(search.trim() === value?.label ? '' : search.trim(), 200);
  const results = useContactSearch(debounced);
  const contacts = results.data ?? [];
  const data = contacts.map((contact) => ({ value: contact.id, label: contactName(contact) }));
  const emails = new Map(contacts.map((contact) => [contact.id, contact.email]));
  if (value && !data.some((option) => option.value === value.id)) data.unshift({ value: value.id, label: value.label });

  return (
    <Select
      aria-label="Preview as"
      placeholder="Sample data (Alex Example)"
      data={data}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? { id, label: data.find((option) => option.value === id)?.label ?? id } : null)}
      renderOption={({ option }) => (
        <div>
          <Text fz="sm">{option.label}</Text>
          {emails.get(option.value) && (
            <Text fz="xs" c="dimmed">
              {emails.get(option.value)}
            </Text>
          )}
        </div>
      )}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search text.
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No contact matches'}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      comboboxProps={{ withinPortal: true }}
      size="xs"
      w={230}
    />
  );
}
