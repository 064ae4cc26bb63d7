import { Box, Button, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCopy, IconDownload, IconPlus, IconUpload, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { DuplicatesView } from './DuplicatesView';
import { listParams, type RecordResource } from './records';
import { useListSearch } from './useListSearch';

interface RecordListPageProps {
  resource: RecordResource;
  title: string;
  description: string;
  /** Singular, lower case: "New {noun}". */
  noun: string;
  icon: Icon;
  /** The "All" tab's list; `onCreate` opens the new-record dialog. */
  renderList: (onCreate: () => void) => ReactNode;
  renderNewModal: (opened: boolean, onClose: () => void) => ReactNode;
}

/** A contacts or companies page: header with import, export and new, and the "All" / "Duplicates" tabs. */
export function RecordListPage({ resource, title, description, noun, icon: TabIcon, renderList, renderNewModal }: RecordListPageProps) {
  const [search] = useSearchParams();
  const [creating, createModal] = useDisclosure(false);
  const view = search.get('view') === 'duplicates' ? 'duplicates' : 'all';
  const { setView } = useListSearch();
  const exportParams = listParams(search);

  return (
    <Box p="xl">
      <PageHeader
        title={title}
        description={description}
        actions={
          <>
            <Button variant="default" leftSection={<IconUpload size={16} />} component={Link} to="/imports/new">
              Import
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              component="a"
              href={`/api/v1/${resource}/export${exportParams.size ? `?${exportParams}` : ''}`}
              download
            >
              Export CSV
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open}>
              New {noun}
            </Button>
          </>
        }
      />
      <Tabs value={view} onChange={(next) => setView(next === 'duplicates' ? 'duplicates' : null)} mb="md">
        <Tabs.List>
          <Tabs.Tab value="all" leftSection={<TabIcon size={15} />}>
            All {resource}
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" leftSection={<IconCopy size={15} />}>
            Duplicates
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {view === 'duplicates' ? <DuplicatesView resource={resource} /> : renderList(createModal.open)}
      {renderNewModal(creating, createModal.close)}
    </Box>
  );
}
