import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAddressBook, IconBuildingSkyscraper, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';

interface SearchHit {
  type: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

const GROUPS = [
  { type: 'contact', label: 'Contacts', path: '/contacts', icon: IconAddressBook },
  { type: 'company', label: 'Companies', path: '/companies', icon: IconBuildingSkyscraper },
] as const;

/** One box in the header that finds contacts and companies by name, email, domain or phone. */
export function GlobalSearch() {
  const navigate = useNavigate();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [text, setText] = useState('');
  const [query] = useDebouncedValue(text.trim(), 200);
  const results = useQuery({
    queryKey: ['search', query] as const,
    queryFn: () => api<{ items: SearchHit[] }>(`/search?q=${encodeURIComponent(query)}&limit=12`).then((list) => list.items),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const open = (value: string) => {
    const [type, id] = value.split(':');
    const group = GROUPS.find((g) => g.type === type);
    if (!group || !id) return;
    navigate(`${group.path}/${id}`);
    setText('');
    combobox.closeDropdown();
  };

  const hits = query ? results.data ?? [] : [];
  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width={380}>
      <Combobox.Target>
        <TextInput
          aria-label="Search contacts and companies"
          placeholder="Search contacts and companies"
          leftSection={<IconSearch size={15} />}
          rightSection={results.isFetching ? <Loader size={14} /> : undefined}
          value={text}
          w={{ base: 180, md: 320 }}
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => text && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setText('');
          }}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!query}>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {hits.length === 0 ? (
            <Combobox.Empty>{results.isFetching ? 'Searching…' : `Nothing matches “${query}”`}</Combobox.Empty>
          ) : (
            GROUPS.map((group) => {
              const items = hits.filter((hit) => hit.type === group.type);
              if (items.length === 0) return null;
              return (
                <Combobox.Group key={group.type} label={group.label}>
                  {items.map((hit) => (
                    <Combobox.Option key={hit.id} value={`${hit.type}:${hit.id}`} aria-label={hit.title}>
                      <Group gap="sm" wrap="nowrap">
                        <group.icon size={16} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
                        <div style={{ minWidth: 0 }}>
                          <Text fz="sm" truncate>
                            {hit.title}
                          </Text>
                          {hit.subtitle && (
                            <Text fz="xs" c="dimmed" truncate>
                              {hit.subtitle}
                            </Text>
                          )}
                        </div>
                      </Group>
                    </Combobox.Option>
                  ))}
                </Combobox.Group>
              );
            })
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
