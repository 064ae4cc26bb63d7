import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { api, fieldError, formError } from '../api/client';
import { keys, useSetupStatus } from '../api/queries';
import type { Me } from '../api/types';
import { FullPageLoader } from '../components/FullPageLoader';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['email', 'name', 'password'] as const;

export function SetupPage() {
  const setup = useSetupStatus();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');

  const create = useMutation({
    mutationFn: () => api<Me>('/setup', { method: 'POST', body: { email: email.trim(), name: name.trim(), password } }),
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      queryClient.setQueryData(keys.setup, { needed: false, workspaceName: me.workspace?.name ?? null });
      navigate('/', { replace: true });
    },
  });

  if (setup.isPending) return <FullPageLoader />;
  // Set up already: the app itself sends a signed-out visitor on to the sign-in page.
  if (setup.data && !setup.data.needed) return <Navigate to="/" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const message = formError(create.error, FIELDS);

  return (
    <AuthLayout
      title="Create your admin account"
      subtitle={
        setup.data?.workspaceName
          ? `Welcome to Tandem. You will be the admin of the workspace “${setup.data.workspaceName}”.`
          : 'Welcome to Tandem. This first account administers the workspace.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {message && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            error={fieldError(create.error, 'email')}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <TextInput
            label="Name"
            autoComplete="name"
            required
            value={name}
            error={fieldError(create.error, 'name')}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <PasswordInput
            label="Password"
            autoComplete="new-password"
            description="At least 10 characters"
            required
            value={password}
            error={fieldError(create.error, 'password')}
            // Mantine marks only its wrapper; screen readers need the input itself flagged.
            aria-invalid={fieldError(create.error, 'password') !== undefined}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button type="submit" fullWidth loading={create.isPending} disabled={!email || !name || !password}>
            Create admin account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
