import { Button, Select } from '@mantine/core';
import { IconAddressBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { LIFECYCLE_LABELS } from '../shared/fields';
import { CustomFieldFilter, DebouncedInput, OwnerFilter } from '../shared/ListFilters';
import { contactName, useCustomFields } from '../shared/queries';
import { RecordListPage } from '../shared/RecordListPage';
import { RecordListView } from '../shared/RecordListView';
import { useRecordListFilters } from '../shared/useRecordListFilters';
import { LIFECYCLE_STAGES } from '../types';
import { contactColumns } from './columns';
import { NewContactModal } from './NewContactModal';

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: LIFECYCLE_LABELS[stage] }));
const DEFAULT_SORT = '-created_at';

export function ContactsPage() {
  return (
    <RecordListPage
      resource="contacts"
      title="Contacts"
      description="Everyone you know about: search, filter, tag and assign them, or open one for the whole story."
      noun="contact"
      icon={IconAddressBook}
      renderList={(onCreate) => <ContactList onCreate={onCreate} />}
      renderNewModal={(opened, onClose) => <NewContactModal opened={opened} onClose={onClose} />}
    />
  );
}

function ContactList({ onCreate }: { onCreate: () => void }) {
  const { search, params, sort, setSort, setParam, hasFilters, clearFilters, customFilter, setCustomFilter } = useRecordListFilters(DEFAULT_SORT);
  const customFields = useCustomFields('contact');
  const fields = customFields.data ?? [];
  const columns = useMemo(() => contactColumns(fields), [fields]);

  return (
    <RecordListView
      resource="contacts"
      noun="contact"
      icon={IconAddressBook}
      columnsKey="tandem.contacts.columns"
      columns={columns}
      params={params}
      sort={sort}
      onSort={setSort}
      hasFilters={hasFilters}
      onClearFilters={clearFilters}
      rowName={contactName}
      emptyDescription="Add your first contact, or import a spreadsheet of them."
      emptyActions={
        <>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onCreate}>
            New contact
          </Button>
          <Button size="xs" variant="default" component={Link} to="/imports/new">
            Import contacts
          </Button>
        </>
      }
      filters={
        <>
          <DebouncedInput
            size="xs"
            label="Search"
            placeholder="Name, email, phone"
            leftSection={<IconSearch size={14} />}
            value={search.get('q') ?? ''}
            onChange={(value) => setParam('q', value)}
            w={220}
          />
          <Select
            size="xs"
            label="Lifecycle stage"
            placeholder="Any stage"
            data={STAGE_OPTIONS}
            value={search.get('lifecycleStage')}
            onChange={(value) => setParam('lifecycleStage', value)}
            clearable
            w={140}
            comboboxProps={{ withinPortal: true }}
          />
          <OwnerFilter value={search.get('ownerId')} onChange={(value) => setParam('ownerId', value)} />
          <DebouncedInput size="xs" label="Tag" placeholder="Any tag" value={search.get('tag') ?? ''} onChange={(value) => setParam('tag', value)} w={120} />
          <DebouncedInput size="xs" label="Country" placeholder="Any country" value={search.get('country') ?? ''} onChange={(value) => setParam('country', value)} w={120} />
          <CustomFieldFilter fields={fields} filter={customFilter} onChange={setCustomFilter} />
        </>
      }
    />
  );
}
