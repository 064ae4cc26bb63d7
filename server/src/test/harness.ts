import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { accountsAuthenticator, addMember, createApiKey, createUser, createWorkspace } from '../modules/accounts/index.js';
import { modules } from '../modules/index.js';
import { type ManualClock, manualClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { createDb, createPool } from '../platform/db/database.js';
import { buildApp } from '../platform/http/app.js';
import type { Role } from '../platform/http/access.js';
import { createLogger } from '../platform/logger.js';
import { withDatabase } from './global-setup.js';

export interface TestDatabase {
  ctx: AppContext & { clock: ManualClock };
  pool: pg.Pool;
  connectionString: string;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh database for this test file, cloned from the migrated template (milliseconds). */
export async function testDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const name = `tandem_test_${inject('templateDb').split('_').pop()}_${process.pid}_${counter++}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('templateDb')}`);
  await admin.end();
  const connectionString = withDatabase(adminUrl, name);
  const pool = createPool(connectionString, 8);
  // The database is dropped with force when the file is done; a connection still closing then
  // reports its termination as an error event, which is not a failure of any test.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = createDb(pool);
  const clock = manualClock(new Date());
  const config = { ...loadConfig({}), publicUrl: 'http://tandem.test' };
  const ctx = { db, clock, config, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent') };
  return {
    ctx, pool, connectionString,
    close: async () => {
      await db.destroy();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  /** fetch against the started server; JSON bodies are encoded for you. */
  request(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

/** The real Fastify app listening on a loopback port, as clients reach it. */
export async function startTestServer(ctx: AppContext): Promise<TestServer> {
  const app = await buildApp({ ctx, modules, authenticator: accountsAuthenticator(ctx), serveWeb: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    request: (path, init = {}) =>
      fetch(`${url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}

export interface SeededWorkspace {
  workspaceId: string;
  secretKey: string;
  writeKey: string;
  users: Record<Role, { id: string; email: string; password: string }>;
}

const password = 'a long test password';

/** A workspace with one member of every role and a secret + write key. */
export async function seedWorkspace(ctx: AppContext, name: string): Promise<SeededWorkspace> {
  const workspace = await createWorkspace(ctx.db, name);
  const actor = { type: 'system' as const, label: 'test' };
  const slug = name.toLowerCase().replace(/\W+/g, '-');
  const users = {} as SeededWorkspace['users'];
  for (const role of ['admin', 'marketer', 'sales', 'service', 'viewer'] as const) {
    const user = await createUser(ctx.db, { email: `${role}@${slug}.test`, password, name: `${role} of ${name}` });
    await addMember(ctx.db, ctx.clock, { workspaceId: workspace.id, userId: user.id, role, actor });
    users[role] = { id: user.id, email: user.email, password };
  }
  const secret = await createApiKey(ctx.db, ctx.clock, { workspaceId: workspace.id, kind: 'secret', name: 'test', actor });
  const write = await createApiKey(ctx.db, ctx.clock, { workspaceId: workspace.id, kind: 'write', name: 'site', actor });
  return { workspaceId: workspace.id, secretKey: secret.key, writeKey: write.key, users };
}

/** Signs in through the API and returns the Cookie header to send. */
export async function signIn(server: TestServer, user: { email: string; password: string }): Promise<string> {
  const response = await server.request('/api/v1/auth/login', { body: { email: user.email, password: user.password } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tandem_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export interface ApiTestBed {
  database: TestDatabase;
  server: TestServer;
  workspace: SeededWorkspace;
  /** A request with the workspace's secret key (or a session cookie); JSON in and out. */
  api(path: string, init?: { method?: string; body?: unknown; cookie?: string }): Promise<{ status: number; body: any }>;
}

/**
 * The usual set-up of an API test file: its own database, a started server and a seeded
 * workspace, torn down after the file. The fields are filled in by beforeAll.
 */
export function useApiTestBed(name = 'Acme'): ApiTestBed {
  const bed = {} as ApiTestBed;
  beforeAll(async () => {
    bed.database = await testDatabase();
    bed.server = await startTestServer(bed.database.ctx);
    bed.workspace = await seedWorkspace(bed.database.ctx, name);
    bed.api = async (path, init = {}) => {
      const headers: Record<string, string> = init.cookie ? { cookie: init.cookie } : { authorization: `Bearer ${bed.workspace.secretKey}` };
      const response = await bed.server.request(path, { method: init.method, body: init.body, headers });
      const text = await response.text();
      return { status: response.status, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || null };
    };
  });
  afterAll(async () => {
    await bed.server?.app.close();
    await bed.database?.close();
  });
  return bed;
}
