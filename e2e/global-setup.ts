import { request } from '@playwright/test';
import { ADMIN, ADMIN_STATE, BASE_URL, E2E_DIR, E2E_PG_PORT, E2E_PORT, WORKSPACE_NAME } from './env';
import { startServer, tandemCli } from './server';

/** Starts a real Tandem on an empty data folder and creates the first workspace and its admin. */
export default async function globalSetup(): Promise<void> {
  const server = await startServer({ dataDir: E2E_DIR, port: E2E_PORT, pgPort: E2E_PG_PORT });
  process.env.TANDEM_E2E_SERVER_PID = String(server.pid);

  const workspace = JSON.parse(await tandemCli(server.env, ['workspace', 'create', WORKSPACE_NAME, '--json'])) as {
    workspaceId: string;
  };
  await tandemCli(server.env, [
    'user', 'create', '--email', ADMIN.email, '--password', ADMIN.password, '--name', 'Ada Admin',
    '--role', 'admin', '--workspace', workspace.workspaceId,
  ]);
  process.env.TANDEM_E2E_WORKSPACE_ID = workspace.workspaceId;

  // One session for the tests that start signed in, so they do not each spend a rate-limited sign-in.
  const api = await request.newContext({ baseURL: BASE_URL });
  const login = await api.post('/api/v1/auth/login', { data: ADMIN });
  if (login.status() !== 200) throw new Error(`Admin sign-in failed: ${login.status()} ${await login.text()}`);
  await api.storageState({ path: ADMIN_STATE });
  await api.dispose();
}
