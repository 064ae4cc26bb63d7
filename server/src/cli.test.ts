import http from 'node:http';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from './test/harness.js';
import { freePort, runTandem, spawnTandem, waitForHealth } from './test/processes.js';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await testDatabase();
  env = { DATABASE_URL: database.connectionString };
});
afterAll(async () => database.close());

describe('tandem CLI against DATABASE_URL', () => {
  it('creates a workspace with keys, a user with a role, and more keys', async () => {
    const workspace = await runTandem(['workspace', 'create', 'Nordic', 'Oy', '--json'], env);
    expect(workspace.code).toBe(0);
    const created = JSON.parse(workspace.stdout);
    expect(created).toEqual({
      workspaceId: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Nordic Oy',
      writeKey: expect.stringMatching(/^tdm_wk_/), secretKey: expect.stringMatching(/^tdm_sk_/),
    });

    const user = await runTandem(['user', 'create', '--email', 'rep@nordic.test', '--password', 'rep password 123',
      '--role', 'sales', '--workspace', created.workspaceId, '--json'], env);
    expect(user.code).toBe(0);
    expect(JSON.parse(user.stdout)).toMatchObject({ email: 'rep@nordic.test', role: 'sales', workspaceId: created.workspaceId });

    const key = await runTandem(['key', 'create', '--workspace', created.workspaceId, '--kind', 'write', '--json'], env);
    expect(JSON.parse(key.stdout)).toMatchObject({ kind: 'write', workspaceId: created.workspaceId, key: expect.stringMatching(/^tdm_wk_/) });

    const members = await database.ctx.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.email', 'memberships.role']).where('workspace_id', '=', created.workspaceId).execute();
    expect(members).toEqual([{ email: 'rep@nordic.test', role: 'sales' }]);
  });

  it('explains a wrong command line and exits with 2', async () => {
    const badRole = await runTandem(['user', 'create', '--email', 'x@y.test', '--password', 'long password!', '--role', 'boss', '--workspace', '00000000-0000-0000-0000-000000000000'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.output).toContain('--role must be one of admin, marketer, sales, service, viewer');
    const badKind = await runTandem(['key', 'create', '--workspace', '00000000-0000-0000-0000-000000000000', '--kind', 'public'], env);
    expect(badKind.code).toBe(2);
    expect(badKind.output).toContain('--kind must be secret or write');
  });

  it('runs api and worker as separate processes on one database, and stops them cleanly on SIGTERM', async () => {
    const port = freePort();
    const api = spawnTandem(['api'], { ...env, PORT: String(port) });
    const worker = spawnTandem(['worker'], { ...env, TANDEM_WORKER_POLL_MS: '100' });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitForHealth(url, api);

      // The worker (another process) works the queue: its hourly maintenance job gets done.
      const deadline = Date.now() + 15_000;
      let maintenance: { state: string } | undefined;
      while (Date.now() < deadline && maintenance?.state !== 'done') {
        maintenance = await database.ctx.db.selectFrom('jobs').select('state').where('queue', '=', 'platform.maintenance').executeTakeFirst();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(maintenance?.state).toBe('done');

      // A request still being received when SIGTERM arrives is answered before the exit.
      const inFlight = new Promise<number>((resolve, reject) => {
        const request = http.request(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' } },
          (response) => { response.resume(); resolve(response.statusCode!); });
        request.on('error', reject);
        request.write('{"email":"nobody@nordic.test",');
        setTimeout(() => {
          api.process.kill('SIGTERM');
          setTimeout(() => request.end('"password":"wrong password"}'), 300);
        }, 100);
      });
      expect(await inFlight).toBe(401);
      expect(await api.exited).toBe(0);
      expect(api.output()).toContain('"msg":"stopped"');

      worker.process.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('"msg":"worker stopped"');
    } finally {
      api.process.kill('SIGKILL');
      worker.process.kill('SIGKILL');
    }
  });
});

describe('tandem start on the embedded PostgreSQL', () => {
  it('starts with no DATABASE_URL, keeps data across a restart, and never logs a secret', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-embedded-'));
    // mkdtemp makes a private folder; as root, PostgreSQL (user postgres) must enter it.
    await chmod(dataDir, 0o755);
    const port = freePort();
    const embeddedEnv = { DATABASE_URL: '', TANDEM_DEMO_DATA: 'false', TANDEM_DATA_DIR: dataDir, TANDEM_PG_PORT: String(freePort()), PORT: String(port) };
    const url = `http://127.0.0.1:${port}`;
    try {
      const first = spawnTandem(['start'], embeddedEnv);
      await waitForHealth(url, first, 60_000);
      expect((await (await fetch(`${url}/api/v1/setup`)).json())).toEqual({ needed: true, workspaceName: 'Demo workspace' });
      // The CLI attaches to the PostgreSQL that `start` runs.
      const created = JSON.parse((await runTandem(['workspace', 'create', 'Persisted', '--json'], embeddedEnv)).stdout);
      first.process.kill('SIGTERM');
      expect(await first.exited).toBe(0);

      const second = spawnTandem(['start'], embeddedEnv);
      const readyMs = await waitForHealth(url, second, 60_000);
      expect(readyMs).toBeLessThan(10_000);
      const workspace = await fetch(`${url}/api/v1/workspace`, { headers: { authorization: `Bearer ${created.secretKey}` } });
      expect(await workspace.json()).toMatchObject({ id: created.workspaceId, name: 'Persisted' });
      second.process.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      for (const secret of [created.secretKey, created.writeKey]) {
        expect(first.output() + second.output()).not.toContain(secret);
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
