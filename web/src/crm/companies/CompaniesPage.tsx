import { Button } from '@mantine/core';
import { IconBuildingSkyscraper, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { CustomFieldFilter, DebouncedInput, OwnerFilter } from '../shared/ListFilters';
import { useCustomFields } from '../shared/queries';
import { RecordListPage } from '../shared/RecordListPage';
import { RecordListView } from '../shared/RecordListView';
import { useRecordListFilters } from '../shared/useRecordListFilters';
import { companyColumns } from './columns';
import { NewCompanyModal } from './CompanyModals';

const DEFAULT_SORT = '-created_at';

export function CompaniesPage() {
  return (
    <RecordListPage
      resource="companies"
      title="Companies"
      description="The accounts your contacts work for, with their people, deals and shared history."
      noun="company"
      icon={IconBuildingSkyscraper}
      renderList={(onCreate) => <CompanyList onCreate={onCreate} />}
      renderNewModal={(opened, onClose) => <NewCompanyModal opened={opened} onClose={onClose} />}
    />
  );
}

function CompanyList({ onCreate }: { onCreate: () => void }) {
  const { search, params, sort, setSort, setParam, hasFilters, clearFilters, customFilter, setCustomFilter } = useRecordListFilters(DEFAULT_SORT);
  const customFields = useCustomFields('company');
  const fields = customFields.data ?? [];
  const columns = useMemo(() => companyColumns(fields), [fields]);

  return (
    <RecordListView
      resource="companies"
      noun="company"
      icon={IconBuildingSkyscraper}
      columnsKey="tandem.companies.columns"
      columns={columns}
      params={params}
      sort={sort}
      onSort={setSort}
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
          <OwnerFilter value={search.get('ownerId')} onChange={(value) => setParam('ownerId', value)} />
          <DebouncedInput size="xs" label="Tag" placeholder="Any tag" value={search.get('tag') ?? ''} onChange={(value) => setParam('tag', value)} w={120} />
          <DebouncedInput size="xs" label="Country" placeholder="Any country" value={search.get('country') ?? ''} onChange={(value) => setParam('country', value)} w={120} />
          <CustomFieldFilter fields={fields} filter={customFilter} onChange={setCustomFilter} />
        </>
      }
    />
  );
}
