import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Logo } from '../components/Logo';

interface AuthLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}

/** The centred card that the sign-in, first-run and invitation pages share. */
export function AuthLayout({ title, subtitle, children }: AuthLayoutProps) {
  return (
    <Box
      mih="100vh"
      style={{
        background:
          'radial-gradient(circle at 20% 0%, var(--mantine-color-indigo-0), transparent 55%), var(--mantine-color-gray-0)',
      }}
    >
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Center>
            <Logo size={34} />
          </Center>
          <Paper withBorder shadow="sm" radius="lg" p="xl">
            <Stack gap={4} mb="lg">
              <Title order={2} fz="h3">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" fz="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
