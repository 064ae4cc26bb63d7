import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../api/client';
import { keys, useSetupStatus } from '../api/queries';
import type { Me } from '../api/types';
import { FullPageLoader } from '../components/FullPageLoader';
import { AuthLayout } from './AuthLayout';
import { safeNext } from './safeNext';

export function LoginPage() {
  const setup = useSetupStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: () =>
      api<Me>('/auth/login', { method: 'POST', body: { email: email.trim(), password }, expect401: true }),
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (setup.isPending) return <FullPageLoader />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };

  return (
    <AuthLayout title="Sign in to Tandem" subtitle="Welcome back. Enter your work email and password.">
      <form onSubmit={submit} noValidate>
        <Stack>
          {login.isError && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            placeholder="you@company.com"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" fullWidth loading={login.isPending} disabled={!email || !password}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
