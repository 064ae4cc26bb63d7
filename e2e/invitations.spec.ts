import { ADMIN, E2E_DIR, E2E_PG_PORT, E2E_PORT, WORKSPACE_NAME } from './env';
import { choose, expect, mainNav, snap, test } from './fixtures';
import { serverEnv, tandemCli } from './server';

test('an admin invites a marketer, who joins through the link and cannot manage API keys', async ({ adminPage: admin, browser }) => {
  const email = `marketer-${Date.now()}@e2e.test`;

  await admin.goto('/settings/users');
  await expect(admin.getByRole('table', { name: 'Members' })).toContainText(ADMIN.email);
  await admin.getByRole('button', { name: 'Invite user' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Invite user' });
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await choose(admin, 'Role', 'Marketer', dialog);
  await snap(admin, 'invite-user-modal');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();

  const created = admin.getByRole('dialog', { name: 'Invitation created' });
  const linkField = created.getByLabel('Invite link', { exact: true });
  await expect(linkField).toHaveValue(/\/invite\/[\w-]{10,}$/);
  const inviteUrl = await linkField.inputValue();
  await expect(created.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await snap(admin, 'invite-link');
  await created.getByRole('button', { name: 'Done' }).click();

  const pending = admin.getByRole('table', { name: 'Pending invitations' });
  await expect(pending.getByRole('row').filter({ hasText: email })).toContainText('Marketer');
  await snap(admin, 'settings-users-pending');

  // The invited person opens the link in a browser of their own, signed out.
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByRole('heading', { name: `Join ${WORKSPACE_NAME}` })).toBeVisible();
  await expect(guest.getByTestId('invite-workspace')).toHaveText(WORKSPACE_NAME);
  await expect(guest.getByTestId('invite-role')).toHaveText('Marketer');
  await expect(guest.getByLabel('Email', { exact: true })).toHaveValue(email);
  await guest.getByLabel('Name', { exact: true }).fill('Mia Marketer');
  await guest.getByLabel('Password', { exact: true }).fill('marketer-password-1');
  await snap(guest, 'invite-accept');
  await guest.getByRole('button', { name: 'Accept invitation' }).click();

  await expect(guest).toHaveURL(/\/contacts$/);
  await expect(mainNav(guest)).toBeVisible();
  await expect(guest.getByTestId('workspace-switcher')).toContainText(WORKSPACE_NAME);
  await expect(guest.getByTestId('workspace-switcher')).toContainText('Marketer');

  // A marketer sees the members but cannot manage API keys: the server refuses and the page says why.
  await guest.goto('/settings/api-keys');
  await expect(guest.getByText('You need the admin role')).toBeVisible();
  await expect(guest.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
  await snap(guest, 'marketer-api-keys');
  const keys = await guest.request.get('/api/v1/api-keys');
  expect(keys.status()).toBe(403);
  await guest.goto('/settings/users');
  await expect(guest.getByRole('table', { name: 'Members' })).toContainText(ADMIN.email);
  await expect(guest.getByRole('button', { name: 'Invite user' })).toHaveCount(0);
  await guestContext.close();

  // The admin now sees the new member as a marketer, and the invitation is no longer pending.
  await admin.reload();
  const members = admin.getByRole('table', { name: 'Members' });
  const row = members.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Mia Marketer');
  await expect(admin.getByRole('combobox', { name: `Role of ${email}` })).toHaveValue('Marketer');
  await expect(admin.getByText(email)).toHaveCount(1);
  await snap(admin, 'settings-users');

  // The link works only once.
  const reuse = await admin.request.get(`/api/v1/invitations/accept/${inviteUrl.split('/invite/')[1]}`);
  expect(reuse.status()).toBe(404);
});

test('an admin changes a member\'s role, removes the member and revokes an invitation', async ({ adminPage: admin, playwright }) => {
  // A member who joined through the API, so this test stands on its own.
  const memberEmail = `sales-${Date.now()}@e2e.test`;
  const invited = await admin.request.post('/api/v1/invitations', { data: { email: memberEmail, role: 'sales' } });
  expect(invited.status()).toBe(201);
  const { inviteUrl: memberUrl } = (await invited.json()) as { inviteUrl: string };
  const stranger = await playwright.request.newContext({ baseURL: new URL(memberUrl).origin });
  const accepted = await stranger.post(`/api/v1/invitations/accept/${memberUrl.split('/invite/')[1]}`, {
    data: { name: 'Sam Sales', password: 'sales-password-1' },
  });
  expect(accepted.status()).toBe(200);
  await stranger.dispose();

  await admin.goto('/settings/users');
  const roleSelect = admin.getByRole('combobox', { name: `Role of ${memberEmail}` });
  await expect(roleSelect).toHaveValue('Sales');
  await roleSelect.click();
  await admin.getByRole('option', { name: 'Viewer', exact: true }).click();
  await expect(admin.getByText(`${memberEmail} is now Viewer.`)).toBeVisible();
  await admin.reload();
  await expect(admin.getByRole('combobox', { name: `Role of ${memberEmail}` })).toHaveValue('Viewer');

  await admin.getByRole('button', { name: `Remove ${memberEmail}` }).click();
  await admin.getByRole('dialog', { name: 'Remove member' }).getByRole('button', { name: 'Remove member' }).click();
  await expect(admin.getByRole('table', { name: 'Members' })).not.toContainText(memberEmail);
  await admin.reload();
  await expect(admin.getByRole('table', { name: 'Members' })).toContainText(ADMIN.email);
  await expect(admin.getByRole('table', { name: 'Members' })).not.toContainText(memberEmail);

  // An invitation revoked before it is used stops working.
  const email = `revoked-${Date.now()}@e2e.test`;
  await admin.getByRole('button', { name: 'Invite user' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Invite user' });
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await choose(admin, 'Role', 'Service', dialog);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const inviteUrl = await admin.getByRole('dialog', { name: 'Invitation created' }).getByLabel('Invite link', { exact: true }).inputValue();
  await admin.getByRole('button', { name: 'Done' }).click();

  await admin.getByRole('button', { name: `Revoke invitation for ${email}` }).click();
  await admin.getByRole('dialog', { name: 'Revoke invitation' }).getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(admin.getByText(email)).toHaveCount(0);

  const guestContext = await admin.context().browser()!.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByRole('heading', { name: 'Invitation not found' })).toBeVisible();
  await guestContext.close();
});

test('a person who already has an account joins with their password', async ({ adminPage: admin, browser }) => {
  const email = `existing-${Date.now()}@e2e.test`;
  const env = serverEnv({ dataDir: E2E_DIR, port: E2E_PORT, pgPort: E2E_PG_PORT });
  await tandemCli(env, ['user', 'create', '--email', email, '--password', 'existing-password-1', '--name', 'Eve Existing']);

  await admin.goto('/settings/users');
  await admin.getByRole('button', { name: 'Invite user' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Invite user' });
  await dialog.getByLabel('Email', { exact: true }).fill(email);
  await choose(admin, 'Role', 'Sales', dialog);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const inviteUrl = await admin.getByRole('dialog', { name: 'Invitation created' }).getByLabel('Invite link', { exact: true }).inputValue();

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(inviteUrl);
  await expect(guest.getByText('You already have a Tandem account')).toBeVisible();
  await expect(guest.getByLabel('Name', { exact: true })).toHaveCount(0);
  await guest.getByLabel('Password', { exact: true }).fill('not-my-password');
  await guest.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(guest.getByRole('alert')).toBeVisible();
  await expect(guest).toHaveURL(inviteUrl);
  await snap(guest, 'invite-existing-wrong-password');

  await guest.getByLabel('Password', { exact: true }).fill('existing-password-1');
  await guest.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(guest).toHaveURL(/\/contacts$/);
  await expect(guest.getByTestId('workspace-switcher')).toContainText(WORKSPACE_NAME);
  await expect(guest.getByTestId('workspace-switcher')).toContainText('Sales');
  await guestContext.close();
});
