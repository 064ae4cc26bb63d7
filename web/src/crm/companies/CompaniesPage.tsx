import { Box, Button, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingSkyscraper, IconCopy, IconDownload, IconPlus, IconSearch, IconUpload } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DuplicatesView } from '../shared/DuplicatesView';
import { CustomFieldFilter, DebouncedInput } from '../shared/ListFilters';
import { OwnerSelect } from '../shared/OwnerSelect';
import { useCustomFields } from '../shared/queries';
import { RecordListView } from '../shared/RecordListView';
import { listParams } from '../shared/records';
import { useListSearch } from '../shared/useListSearch';
import { companyColumns } from './columns';
import { NewCompanyModal } from './CompanyModals';

const DEFAULT_SORT = '-created_at';

export function CompaniesPage() {
  const [search] = useSearchParams();
  const [creating, createModal] = useDisclosure(false);
  const view = search.get('view') === 'duplicates' ? 'duplicates' : 'all';
  const { setView } = useListSearch();
  const exportParams = listParams(search);

  return (
    <Box p="xl">
      <PageHeader
        title="Companies"
        description="The accounts your contacts work for, with their people, deals and shared history."
        actions={
          <>
            <Button variant="default" leftSection={<IconUpload size={16} />} component={Link} to="/imports/new">
              Import
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              component="a"
              href={`/api/v1/companies/export${exportParams.size ? `?${exportParams}` : ''}`}
              download
            >
              Export CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              New company
            </Button>
          </>
        }
      />
      <Tabs value={view} onChange={(next) => setView(next === 'duplicates' ? 'duplicates' : null)} mb="md">
        <Tabs.List>
          <Tabs.Tab value="all" leftSection={<IconBuildingSkyscraper size={15} />}>
            All companies
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" leftSection={<IconCopy size={15} />}>
            Duplicates
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {view === 'duplicates' ? <DuplicatesView resource="companies" /> : <CompanyList onCreate={createModal.open} />}
      <NewCompanyModal opened={creating} onClose={createModal.close} />
    </Box>
  );
}

function CompanyList({ onCreate }: { onCreate: () => void }) {
  const [search, setSearch] = useSearchParams();
  const { setParam } = useListSearch();
  const customFields = useCustomFields('company');
  const fields = customFields.data ?? [];
  const columns = useMemo(() => companyColumns(fields), [fields]);
  const params = listParams(search);
  const sort = search.get('sort') ?? DEFAULT_SORT;
  const customParam = [...params.keys()].find((key) => key.startsWith('custom.'));
  const customFilter = customParam ? { key: customParam.slice('custom.'.length), value: params.get(customParam)! } : null;
  const hasFilters = [...params.keys()].some((key) => key !== 'sort');
  const clearFilters = () => setSearch(search.get('sort') ? { sort: search.get('sort')! } : {}, { replace: true });

  return (
    <RecordListView
      resource="companies"
      noun="company"
      icon={IconBuildingSkyscraper}
      columnsKey="tandem.companies.columns"
      columns={columns}
      params={params}
      sort={sort}
      onSort={(next) => setParam('sort', next === DEFAULT_SORT ? null : next)}
      hasFilters={hasFilters}
      onClearFilters={clearFilters}
      rowName={(company) => company.name}
      emptyDescription="Add your first company, or import a spreadsheet of them. Contacts are linked to companies by their email domain."
      emptyActions={
        <>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={onCreate}>
            New company
          </Button>
          <Button size="xs" variant="default" component={Link} to="/imports/new">
            Import companies
          </Button>
        </>
      }
      filters={
        <>
          <DebouncedInput
            size="xs"
            label="Search"
            placeholder="Name or domain"
            leftSection={<IconSearch size={14} />}
            value={search.get('q') ?? ''}
            onChange={(value) => setParam('q', value)}
            w={220}
          />
          <DebouncedInput size="xs" label="Industry" placeholder="Any industry" value={search.get('industry') ?? ''} onChange={(value) => setParam('industry', value)} w={140} />
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
          <DebouncedInput size="xs" label="Country" placeholder="Any country" value={search.get('country') ?? ''} onChange={(value) => setParam('country', value)} w={120} />
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
