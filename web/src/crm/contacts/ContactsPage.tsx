import { Box, Button, Select, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconCopy, IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DuplicatesView } from '../shared/DuplicatesView';
import { LIFECYCLE_LABELS } from '../shared/fields';
import { CustomFieldFilter, DebouncedInput } from '../shared/ListFilters';
import { OwnerSelect } from '../shared/OwnerSelect';
import { contactName, useCustomFields } from '../shared/queries';
import { RecordListView } from '../shared/RecordListView';
import { listParams } from '../shared/records';
import { useListSearch } from '../shared/useListSearch';
import { LIFECYCLE_STAGES } from '../types';
import { contactColumns } from './columns';
import { NewContactModal } from './NewContactModal';

const STAGE_OPTIONS = LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: LIFECYCLE_LABELS[stage] }));
const DEFAULT_SORT = '-created_at';

export function ContactsPage() {
  const [search] = useSearchParams();
  const [creating, createModal] = useDisclosure(false);
  const view = search.get('view') === 'duplicates' ? 'duplicates' : 'all';
  const { setParam, setView } = useListSearch();
  const exportParams = listParams(search);

  return (
    <Box p="xl">
      <PageHeader
        title="Contacts"
        description="Everyone you know about: search, filter, tag and assign them, or open one for the whole story."
        actions={
          <>
            <Button variant="default" leftSection={<IconUpload size={16} />} component={Link} to="/imports/new">
              Import
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              component="a"
              href={`/api/v1/contacts/export${exportParams.size ? `?${exportParams}` : ''}`}
              download
            >
              Export CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              New contact
            </Button>
          </>
        }
      />
      <Tabs value={view} onChange={(next) => setView(next === 'duplicates' ? 'duplicates' : null)} mb="md">
        <Tabs.List>
          <Tabs.Tab value="all" leftSection={<IconAddressBook size={15} />}>
            All contacts
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" leftSection={<IconCopy size={15} />}>
            Duplicates
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {view === 'duplicates' ? (
        <DuplicatesView resource="contacts" />
      ) : (
        <ContactList onCreate={createModal.open} setParam={setParam} />
      )}
      <NewContactModal opened={creating} onClose={createModal.close} />
    </Box>
  );
}

function ContactList({ onCreate, setParam }: { onCreate: () => void; setParam: ReturnType<typeof useListSearch>['setParam'] }) {
  const [search, setSearch] = useSearchParams();
  const customFields = useCustomFields('contact');
  const fields = customFields.data ?? [];
  const columns = useMemo(() => contactColumns(fields), [fields]);
  const params = listParams(search);
  const sort = search.get('sort') ?? DEFAULT_SORT;
  const customParam = [...params.keys()].find((key) => key.startsWith('custom.'));
  const customFilter = customParam ? { key: customParam.slice('custom.'.length), value: params.get(customParam)! } : null;
  const hasFilters = [...params.keys()].some((key) => key !== 'sort');

  const clearFilters = () => setSearch(search.get('sort') ? { sort: search.get('sort')! } : {}, { replace: true });

  return (
    <RecordListView
      resource="contacts"
      noun="contact"
      icon={IconAddressBook}
      columnsKey="tandem.contacts.columns"
      columns={columns}
      params={params}
      sort={sort}
      onSort={(next) => setParam('sort', next === DEFAULT_SORT ? null : next)}
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
          <OwnerSelect
            size="xs"
            label="Owner"
            placeholder="Any owner"
            allowUnassigned={false}
            clearable
            value={search.get('ownerId')}
            onChange={(value) => setParam('ownerId', value)}
            w={150}
          />
          <DebouncedInput size="xs" label="Tag" placeholder="Any tag" value={search.get('tag') ?? ''} onChange={(value) => setParam('tag', value)} w={120} />
          <DebouncedInput
            size="xs"
            label="Country"
            placeholder="Any country"
            value={search.get('country') ?? ''}
            onChange={(value) => setParam('country', value)}
            w={120}
          />
          <CustomFieldFilter
            fields={fields}
            filter={customFilter}
            onChange={(filter) =>
              setSearch(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  for (const key of [...next.keys()]) if (key.startsWith('custom.')) next.delete(key);
                  if (filter) next.set(`custom.${filter.key}`, filter.value);
                  return next;
                },
                { replace: true },
              )
            }
          />
        </>
      }
    />
  );
}
