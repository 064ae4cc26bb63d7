import { Loader, Select, type SelectProps, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { contactName } from '../crm/shared/queries';
import { useContactSearch } from '../email/api';

export interface PickedContact {
  id: string;
  label: string;
}

type ContactSelectProps = Pick<SelectProps, 'label' | 'aria-label' | 'placeholder' | 'size' | 'w'> & {
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
};

/** A contact found by name or address (`GET /contacts?q=`), shown with its email. */
export function ContactSelect({ value, onChange, placeholder = 'Search contacts by name or email', ...select }: ContactSelectProps) {
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
      {...select}
      placeholder={placeholder}
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
    />
  );
}
