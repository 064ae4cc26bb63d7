import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { RecordPicker } from '../crm/deals/RecordPicker';
import { DebouncedInput } from '../crm/shared/ListFilters';
import { useContactName } from '../crm/shared/queries';
import { useListSearch } from '../crm/shared/useListSearch';
import { EVENT_TYPE_STYLES } from './labels';
import { EVENT_TYPES } from './types';

/** The API's filters of the event list, kept in the URL like every list's filters. */
const FILTER_PARAMS = ['type', 'name', 'contactId', 'anonymousId', 'userId'] as const;
type WhoParam = 'contactId' | 'anonymousId' | 'userId';

const TYPE_OPTIONS = EVENT_TYPES.map((type) => ({ value: type, label: EVENT_TYPE_STYLES[type].label }));
const WHO_OPTIONS: { value: WhoParam; label: string }[] = [
  { value: 'contactId', label: 'Contact' },
  { value: 'anonymousId', label: 'Anonymous ID' },
  { value: 'userId', label: 'User ID' },
];

/** The event filters of the URL, as API query parameters. */
export function useEventFilters() {
  const [search, setSearch] = useSearchParams();
  const { setParam } = useListSearch();
  const params = new URLSearchParams();
  for (const key of FILTER_PARAMS) {
    const value = search.get(key);
    if (value) params.set(key, value);
  }
  const clear = () => setSearch({}, { replace: true });
  return { params, setParam, clear };
}

export function EventFilters({ filters }: { filters: ReturnType<typeof useEventFilters> }) {
  const { params, setParam, clear } = filters;
  return (
    <Group gap="sm" align="flex-end">
      <Select
        size="xs"
        label="Type"
        placeholder="Any type"
        data={TYPE_OPTIONS}
        value={params.get('type')}
        onChange={(value) => setParam('type', value)}
        clearable
        w={140}
        comboboxProps={{ withinPortal: true }}
      />
      <DebouncedInput
        size="xs"
        label="Event name"
        placeholder="e.g. Signed Up"
        leftSection={<IconSearch size={14} />}
        value={params.get('name') ?? ''}
        onChange={(value) => setParam('name', value)}
        w={200}
      />
      <WhoFilter params={params} setParam={setParam} />
      {params.size > 0 && (
        <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={clear}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}

interface WhoFilterProps {
  params: URLSearchParams;
  setParam: (key: string, value: string | null) => void;
}

/** Whose events: a contact, a browser (anonymous id) or a user id of your product. */
function WhoFilter({ params, setParam }: WhoFilterProps) {
  const filtered = WHO_OPTIONS.find((option) => params.has(option.value))?.value;
  const [chosen, setChosen] = useState<WhoParam>('contactId');
  const who = filtered ?? chosen;
  const contactName = useContactName(params.get('contactId'));

  const changeWho = (next: WhoParam) => {
    if (filtered) setParam(filtered, null);
    setChosen(next);
  };

  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <Select
        size="xs"
        label="Who"
        data={WHO_OPTIONS}
        value={who}
        onChange={(value) => value && changeWho(value as WhoParam)}
        allowDeselect={false}
        w={130}
        comboboxProps={{ withinPortal: true }}
      />
      {who === 'contactId' ? (
        <RecordPicker
          kind="contact"
          label="Contact"
          size="xs"
          value={params.get('contactId')}
          valueLabel={contactName.data}
          onChange={(id) => setParam('contactId', id)}
          placeholder="Any contact"
        />
      ) : (
        <DebouncedInput
          size="xs"
          label={who === 'anonymousId' ? 'Anonymous ID' : 'User ID'}
          placeholder="The exact id"
          value={params.get(who) ?? ''}
          onChange={(value) => setParam(who, value)}
          w={240}
        />
      )}
    </Group>
  );
}
