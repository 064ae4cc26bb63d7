import { Loader, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { Company, Contact, Deal, Page } from '../types';
import { contactName } from './api';

export type RecordKind = 'contact' | 'company' | 'deal';

interface Option {
  value: string;
  label: string;
  detail: string | null;
}

const PATHS: Record<RecordKind, string> = { contact: '/contacts', company: '/companies', deal: '/deals' };

async function searchRecords(kind: RecordKind, q: string): Promise<Option[]> {
  const query = new URLSearchParams({ limit: '20' });
  if (q) query.set('q', q);
  else if (kind === 'company') query.set('sort', 'name');
  if (kind === 'contact') {
    const page = await api<Page<Contact>>(`${PATHS.contact}?${query}`);
    return page.items.map((c) => ({ value: c.id, label: contactName(c), detail: [c.email, c.jobTitle].filter(Boolean).join(' · ') || null }));
  }
  if (kind === 'company') {
    const page = await api<Page<Company>>(`${PATHS.company}?${query}`);
    return page.items.map((c) => ({ value: c.id, label: c.name, detail: c.domain }));
  }
  const page = await api<Page<Deal>>(`${PATHS.deal}?${query}`);
  return page.items.map((d) => ({ value: d.id, label: d.name, detail: null }));
}

interface RecordPickerProps {
  kind: RecordKind;
  label: string;
  value: string | null;
  /** The name of the current value, known to the caller (the search results may not hold it). */
  valueLabel?: string | null;
  onChange: (id: string | null, label: string | null) => void;
  placeholder?: string;
  description?: ReactNode;
  error?: ReactNode;
  /** Ids that may not be chosen again (people already on the deal). */
  exclude?: readonly string[];
  clearable?: boolean;
  size?: 'xs' | 'sm';
  autoFocus?: boolean;
  /** An "add" picker: it empties itself after each choice instead of showing it. */
  clearOnSelect?: boolean;
}

/** A searchable select of contacts, companies or deals that asks the server as the person types. */
export function RecordPicker({
  kind,
  label,
  value,
  valueLabel,
  onChange,
  placeholder,
  description,
  error,
  exclude = [],
  clearable = true,
  size = 'sm',
  autoFocus,
  clearOnSelect = false,
}: RecordPickerProps) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  const currentLabel = value ? (chosen?.value === value ? chosen.label : valueLabel ?? null) : null;
  // Once a record is chosen the input shows its name: that is no new search.
  const typed = search === currentLabel ? '' : search.trim();
  const [debounced] = useDebouncedValue(typed, 250);
  const results = useQuery({
    queryKey: ['picker', kind, debounced],
    queryFn: () => searchRecords(kind, debounced),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

  const options = (results.data ?? []).filter((option) => !exclude.includes(option.value) || option.value === value);
  if (value && currentLabel && !options.some((option) => option.value === value)) {
    options.unshift({ value, label: currentLabel, detail: chosen?.detail ?? null });
  }
  const details = new Map(options.map((option) => [option.value, option.detail]));

  return (
    <Select
      label={label}
      placeholder={placeholder ?? `Search ${kind === 'company' ? 'companies' : `${kind}s`}`}
      description={description}
      error={error}
      size={size}
      searchable
      clearable={clearable}
      autoFocus={autoFocus}
      data-autofocus={autoFocus || undefined}
      value={value}
      data={options.map(({ value: id, label: name }) => ({ value: id, label: name }))}
      // The server already matched the search; filtering again would hide fuzzy matches.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => {
        if (clearOnSelect) {
          onChange(id, option?.label ?? null);
          // After Mantine has put the chosen name into the input.
          setTimeout(() => setSearch(''), 0);
          return;
        }
        setChosen(id && option ? { value: id, label: option.label, detail: details.get(id) ?? null } : null);
        onChange(id, option?.label ?? null);
      }}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'Nothing found'}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      renderOption={({ option }) => {
        const detail = details.get(option.value);
        return (
          <Stack gap={0}>
            <Text fz="sm">{option.label}</Text>
            {detail && (
              <Text fz="xs" c="dimmed">
                {detail}
              </Text>
            )}
          </Stack>
        );
      }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
