import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown when a screen fails to render, instead of a blank page. */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" gap="sm" maw={520}>
        <Title order={2}>Something went wrong</Title>
        <Text c="dimmed" ta="center">
          This screen could not be shown. Reload the page; if it happens again, tell your admin what you were doing.
        </Text>
        <Code block>{detail}</Code>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  );
}
