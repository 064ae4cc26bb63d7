import { Anchor, Box, Breadcrumbs, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { ImportRunView } from './ImportRunView';

/** One import from the history: its progress or its result. */
export function ImportPage() {
  const { id = '' } = useParams();
  return (
    <Box p="xl" maw={1180}>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/imports" fz="sm">
          Imports
        </Anchor>
        <Text fz="sm" c="dimmed">
          Import
        </Text>
      </Breadcrumbs>
      <PageHeader title="Import" />
      <ImportRunView id={id} />
    </Box>
  );
}
