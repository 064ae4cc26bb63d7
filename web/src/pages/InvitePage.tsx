import { Alert, Badge, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage, fieldError, formError, isApiError } from '../api/client';
import { keys } from '../api/queries';
import type { InvitationPreview, Me } from '../api/types';
import { ROLE_LABELS } from '../app/format';
import { FullPageLoader } from '../components/FullPageLoader';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['name', 'password'] as const;

export function InvitePage() {
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const path = `/invitations/accept/${encodeURIComponent(token)}`;

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api<InvitationPreview>(path, { expect401: true }),
  });

  const accept = useMutation({
    mutationFn: (body: { name?: string; password: string }) =>
      api<Me>(path, { method: 'POST', body, expect401: true }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(keys.me, me);
      navigate('/', { replace: true });
    },
  });

  if (invitation.isPending) return <FullPageLoader />;

  if (invitation.isError) {
    const gone = isApiError(invitation.error, 404);
    return (
      <AuthLayout title={gone ? 'Invitation not found' : 'Could not open the invitation'}>
        <Stack>
          <Text>
            {gone
              ? 'This invitation link is invalid or has expired. Ask an admin of the workspace to invite you again.'
              : errorMessage(invitation.error)}
          </Text>
          <Button component={Link} to="/login" variant="light">
            Go to sign in
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  const preview = invitation.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(preview.userExists ? { password } : { name: name.trim(), password });
  };
  const message = formError(accept.error, FIELDS);

  return (
    <AuthLayout
      title={`Join ${preview.workspaceName}`}
      subtitle={
        preview.userExists
          ? 'You already have a Tandem account. Enter its password to join this workspace.'
          : 'You have been invited to Tandem. Choose your name and a password to get started.'
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Workspace
            </Text>
            <Text fz="sm" fw={600} data-testid="invite-workspace">
              {preview.workspaceName}
            </Text>
          </Group>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text fz="sm" c="dimmed">
              Role
            </Text>
            <Badge variant="light" data-testid="invite-role">
              {ROLE_LABELS[preview.role] ?? preview.role}
            </Badge>
          </Group>
          {message && (
            <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
              {message}
            </Alert>
          )}
          <TextInput label="Email" value={preview.email} readOnly disabled />
          {!preview.userExists && (
            <TextInput
              label="Name"
              autoComplete="name"
              required
              autoFocus
              value={name}
              error={fieldError(accept.error, 'name')}
              onChange={(event) => setName(event.currentTarget.value)}
            />
          )}
          <PasswordInput
            label="Password"
            autoComplete={preview.userExists ? 'current-password' : 'new-password'}
            description={preview.userExists ? undefined : 'At least 10 characters'}
            required
            autoFocus={preview.userExists}
            value={password}
            error={fieldError(accept.error, 'password')}
            // Mantine marks only its wrapper; screen readers need the input itself flagged.
            aria-invalid={fieldError(accept.error, 'password') !== undefined}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          <Button
            type="submit"
            fullWidth
            loading={accept.isPending}
            disabled={!password || (!preview.userExists && !name.trim())}
          >
            Accept invitation
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
