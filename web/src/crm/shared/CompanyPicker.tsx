import { Loader, Select, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Company, Page } from '../types';
import { useCompanyName } from './queries';

interface CompanyPickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value: string | null;
  onChange: (companyId: string | null) => void;
}

/** Picks a company by searching names and domains on the server (a workspace may hold many thousands). */
export function CompanyPicker({ value, onChange, label = 'Company', placeholder = 'Search companies', ...rest }: CompanyPickerProps) {
  const [search, setSearch] = useState('');
  const current = useCompanyName(value);
  // Once a company is picked the input shows its name; that is not a search.
  const [debounced] = useDebouncedValue(search.trim() === current.data ? '' : search.trim(), 200);
  const results = useQuery({
    queryKey: ['companies', 'picker', debounced] as const,
    queryFn: () => {
      const query = new URLSearchParams({ limit: '20', sort: 'name' });
      if (debounced) query.set('q', debounced);
      return api<Page<Company>>(`/companies?${query}`).then((page) => page.items);
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const companies = results.data ?? [];
  const data = companies.map((company) => ({ value: company.id, label: company.name }));
  const domains = new Map(companies.map((company) => [company.id, company.domain]));
  if (value && !data.some((option) => option.value === value)) {
    data.unshift({ value, label: current.data ?? 'Loading…' });
  }

  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      renderOption={({ option }) => (
        <div>
          <Text fz="sm">{option.label}</Text>
          {domains.get(option.value) && (
            <Text fz="xs" c="dimmed">
              {domains.get(option.value)}
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
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No company matches'}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
      comboboxProps={{ withinPortal: true }}
      {...rest}
    />
  );
}
