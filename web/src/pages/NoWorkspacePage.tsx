import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { formError } from '../api/client';
import { useCreateWorkspace, useLogout } from '../api/queries';
import { AuthLayout } from './AuthLayout';

/** A signed-in person who was removed from every workspace can start a new one or sign out. */
export function NoWorkspacePage() {
  const [name, setName] = useState('');
  const create = useCreateWorkspace();
  const logout = useLogout();
  const navigate = useNavigate();
  const message = formError(create.error, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim());
  };

  return (
    <AuthLayout
      title="You are not in a workspace"
      subtitle="Ask an admin to invite you to their workspace, or create a new one that you administer."
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label="Workspace name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            Create workspace
          </Button>
          <Button
            variant="subtle"
            color="gray"
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
          >
            Sign out
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
