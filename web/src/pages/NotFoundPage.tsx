import { Box, Button, EmptyState } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Box p="xl" pt={96}>
      <EmptyState
        icon={<IconCompass size={30} stroke={1.6} />}
        variant="light"
        title="Page not found"
        description="There is nothing at this address. It may have moved, or the link may be mistyped."
      >
        <EmptyState.Actions>
          <Button component={Link} to="/">
            Back to Tandem
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Box>
  );
}
