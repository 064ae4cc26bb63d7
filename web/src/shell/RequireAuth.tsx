import { Button, Center, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage, isApiError } from '../api/client';
import { useMe } from '../api/queries';
import { FullPageLoader } from '../components/FullPageLoader';
import { NoWorkspacePage } from '../pages/NoWorkspacePage';

/** Renders its children only for a signed-in member of a workspace; everyone else goes to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    if (isApiError(me.error, 401)) {
      const next = location.pathname + location.search;
      const to = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
      return <Navigate to={to} replace />;
    }
    return (
      <Center h="100vh">
        <Stack align="center" gap="sm">
          <Title order={3}>Tandem is not reachable</Title>
          <Text c="dimmed">{errorMessage(me.error)}</Text>
          <Button variant="light" onClick={() => me.refetch()}>
            Try again
          </Button>
        </Stack>
      </Center>
    );
  }
  if (!me.data.workspace) return <NoWorkspacePage />;
  return children;
}
