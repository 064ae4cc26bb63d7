import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededWorkspace, type TestDatabase, type TestServer, seedWorkspace, signIn, startTestServer, testDatabase } from '../../test/harness.js';

let database: TestDatabase;
let server: TestServer;
let acme: SeededWorkspace;

beforeAll(async () => {
  database = await testDatabase();
  server = await startTestServer(database.ctx);
  acme = await seedWorkspace(database.ctx, 'Acme');
});

afterAll(async () => {
  await server.app.close();
  await database.close();
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() });

describe('first-run setup', () => {
  it('is offered only while no user exists', async () => {
    const fresh = await testDatabase();
    const freshServer = await startTestServer(fresh.ctx);
    try {
      expect((await json(await freshServer.request('/api/v1/setup'))).body.needed).toBe(true);
      const created = await json(await freshServer.request('/api/v1/setup', {
        body: { email: 'First@Admin.test', name: 'First', password: 'first admin password' },
      }));
      expect(created.status).toBe(201);
      expect(created.body.user.email).toBe('first@admin.test');
      expect(created.body.workspace).toMatchObject({ name: 'Demo workspace', role: 'admin' });
      expect((await json(await freshServer.request('/api/v1/setup'))).body.needed).toBe(false);
      const again = await freshServer.request('/api/v1/setup', { body: { email: 'x@x.test', name: 'x', password: 'another long one' } });
      expect(again.status).toBe(409);
    } finally {
      await freshServer.app.close();
      await fresh.close();
    }
  });
});

describe('sign-in and sessions', () => {
  it('sets an httpOnly SameSite session cookie and ends it on sign-out', async () => {
    const response = await server.request('/api/v1/auth/login', { body: { email: 'ADMIN@acme.test', password: acme.users.admin.password } });
    expect(response.status).toBe(200);
    const setCookie = response.headers.getSetCookie()[0]!;
    expect(setCookie).toMatch(/^tandem_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const me = await json(await server.request('/api/v1/me', { headers: { cookie } }));
    expect(me.body.workspace).toMatchObject({ id: acme.workspaceId, role: 'admin' });

    expect((await server.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await server.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await json(await server.request('/api/v1/auth/login', { body: { email: acme.users.sales.email, password: 'not the password' } }));
    const unknown = await json(await server.request('/api/v1/auth/login', { body: { email: 'nobody@acme.test', password: 'not the password' } }));
    expect(wrong).toEqual({ status: 401, body: expect.objectContaining({ message: 'Invalid email or password' }) });
    expect(unknown).toEqual(wrong);
  });

  it('rate-limits repeated sign-in attempts on one account, then lets them through after the window', async () => {
    const attempt = () => server.request('/api/v1/auth/login', { body: { email: acme.users.service.email, password: 'guess guess guess' } });
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused while the limit holds.
    const right = await server.request('/api/v1/auth/login', { body: { email: acme.users.service.email, password: acme.users.service.password } });
    expect(right.status).toBe(429);

    database.ctx.clock.advance(16 * 60_000);
    expect((await server.request('/api/v1/auth/login', { body: { email: acme.users.service.email, password: acme.users.service.password } })).status).toBe(200);
  });

  it('stores passwords only as scrypt hashes', async () => {
    const row = await database.ctx.db.selectFrom('users').select('password_hash').where('email', '=', acme.users.admin.email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row.password_hash).not.toContain(acme.users.admin.password);
  });
});

describe('roles', () => {
  it('lets every member read the workspace but only admins manage keys and members', async () => {
    for (const role of ['marketer', 'sales', 'service', 'viewer'] as const) {
      const cookie = await signIn(server, acme.users[role]);
      expect((await server.request('/api/v1/workspace', { headers: { cookie } })).status).toBe(200);
      const key = await json(await server.request('/api/v1/api-keys', { body: { name: 'x', kind: 'secret' }, headers: { cookie } }));
      expect(key).toEqual({ status: 403, body: expect.objectContaining({ message: `Your role (${role}) does not allow this` }) });
      expect((await server.request('/api/v1/invitations', { body: { email: 'a@b.test', role: 'admin' }, headers: { cookie } })).status).toBe(403);
      expect((await server.request(`/api/v1/members/${acme.users.admin.id}`, { method: 'PATCH', body: { role: 'viewer' }, headers: { cookie } })).status).toBe(403);
    }
  });

  it('keeps at least one admin in a workspace', async () => {
    const cookie = await signIn(server, acme.users.admin);
    const demote = await json(await server.request(`/api/v1/members/${acme.users.admin.id}`, { method: 'PATCH', body: { role: 'sales' }, headers: { cookie } }));
    expect(demote).toEqual({ status: 409, body: expect.objectContaining({ message: 'A workspace needs at least one admin', field: 'role' }) });
  });

  it('takes a removed member out of the workspace at once', async () => {
    const team = await seedWorkspace(database.ctx, 'Removal Co');
    const adminCookie = await signIn(server, team.users.admin);
    const salesCookie = await signIn(server, team.users.sales);
    expect((await server.request('/api/v1/members', { headers: { cookie: salesCookie } })).status).toBe(200);
    expect((await server.request(`/api/v1/members/${team.users.sales.id}`, { method: 'DELETE', headers: { cookie: adminCookie } })).status).toBe(204);
    expect((await server.request('/api/v1/members', { headers: { cookie: salesCookie } })).status).toBe(403);
  });
});

describe('API keys', () => {
  it('acts with its role, is stored hashed, and stops working when revoked', async () => {
    const cookie = await signIn(server, acme.users.admin);
    const created = await json(await server.request('/api/v1/api-keys', { body: { name: 'Reporting', kind: 'secret', role: 'viewer' }, headers: { cookie } }));
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^tdm_sk_/);

    const stored = await database.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(key.slice(7));
    expect(stored.public_key).toBeNull();

    const listed = await json(await server.request('/api/v1/api-keys', { headers: { cookie } }));
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const bearer = { authorization: `Bearer ${key}` };
    expect((await server.request('/api/v1/workspace', { headers: bearer })).status).toBe(200);
    expect((await server.request('/api/v1/api-keys', { body: { name: 'y', kind: 'secret' }, headers: bearer })).status).toBe(403);
    // A key is not a person: the session-only routes refuse it.
    expect((await server.request('/api/v1/me', { headers: bearer })).status).toBe(401);

    expect((await server.request(`/api/v1/api-keys/${created.body.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await server.request('/api/v1/workspace', { headers: bearer })).status).toBe(401);

    const audit = await json(await server.request('/api/v1/audit-log', { headers: { cookie } }));
    const actions = audit.body.items.map((item: { action: string; targetId: string; actor: { label: string } }) => [item.action, item.targetId, item.actor.label]);
    expect(actions).toContainEqual(['api_key.created', created.body.id, acme.users.admin.email]);
    expect(actions).toContainEqual(['api_key.revoked', created.body.id, acme.users.admin.email]);
  });

  it('keeps write keys readable (they are public) but refuses them as API credentials', async () => {
    const cookie = await signIn(server, acme.users.admin);
    const listed = await json(await server.request('/api/v1/api-keys', { headers: { cookie } }));
    const write = listed.body.items.find((k: { kind: string }) => k.kind === 'write');
    expect(write.publicKey).toBe(acme.writeKey);
    expect((await server.request('/api/v1/workspace', { headers: { authorization: `Bearer ${acme.writeKey}` } })).status).toBe(401);
  });
});

describe('invitations', () => {
  it('brings a new person in with the invited role', async () => {
    const cookie = await signIn(server, acme.users.admin);
    const invite = await json(await server.request('/api/v1/invitations', { body: { email: 'Newbie@Acme.test', role: 'marketer' }, headers: { cookie } }));
    expect(invite.status).toBe(201);
    const token = invite.body.inviteUrl.split('/invite/')[1];
    expect(invite.body.inviteUrl).toBe(`http://tandem.test/invite/${token}`);

    const described = await json(await server.request(`/api/v1/invitations/accept/${token}`));
    expect(described.body).toEqual({ email: 'newbie@acme.test', role: 'marketer', workspaceName: 'Acme', userExists: false });

    const short = await json(await server.request(`/api/v1/invitations/accept/${token}`, { body: { name: 'New', password: 'short' } }));
    expect(short).toEqual({ status: 400, body: expect.objectContaining({ field: 'password' }) });

    const accepted = await server.request(`/api/v1/invitations/accept/${token}`, { body: { name: 'New Bie', password: 'newbie password 1' } });
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).workspace).toMatchObject({ name: 'Acme', role: 'marketer' });
    expect(accepted.headers.getSetCookie()[0]).toMatch(/^tandem_session=/);

    // A used link cannot be used twice.
    expect((await server.request(`/api/v1/invitations/accept/${token}`)).status).toBe(404);
    const members = await json(await server.request('/api/v1/members', { headers: { cookie } }));
    expect(members.body.items).toContainEqual(expect.objectContaining({ email: 'newbie@acme.test', name: 'New Bie', role: 'marketer' }));
  });

  it('lets an existing user join a second workspace with their own password and switch between them', async () => {
    const other = await seedWorkspace(database.ctx, 'Other');
    const otherAdmin = await signIn(server, other.users.admin);
    const invite = await json(await server.request('/api/v1/invitations', { body: { email: acme.users.sales.email, role: 'viewer' }, headers: { cookie: otherAdmin } }));
    const token = invite.body.inviteUrl.split('/invite/')[1];
    expect((await json(await server.request(`/api/v1/invitations/accept/${token}`))).body.userExists).toBe(true);
    expect((await server.request(`/api/v1/invitations/accept/${token}`, { body: { password: 'wrong password here' } })).status).toBe(401);
    const accepted = await json(await server.request(`/api/v1/invitations/accept/${token}`, { body: { password: acme.users.sales.password } }));
    expect(accepted.body.workspaces.map((w: { name: string; role: string }) => [w.name, w.role]).sort()).toEqual([['Acme', 'sales'], ['Other', 'viewer']]);

    const cookie = await signIn(server, acme.users.sales);
    const switched = await json(await server.request('/api/v1/me/workspace', { body: { workspaceId: other.workspaceId }, headers: { cookie } }));
    expect(switched.body.workspace).toMatchObject({ name: 'Other', role: 'viewer' });
    expect((await json(await server.request('/api/v1/workspace', { headers: { cookie } }))).body.name).toBe('Other');

    const stranger = await seedWorkspace(database.ctx, 'Stranger');
    expect((await server.request('/api/v1/me/workspace', { body: { workspaceId: stranger.workspaceId }, headers: { cookie } })).status).toBe(403);
  });

  it('expires after seven days and can be revoked', async () => {
    const cookie = await signIn(server, acme.users.admin);
    const late = await json(await server.request('/api/v1/invitations', { body: { email: 'late@acme.test', role: 'sales' }, headers: { cookie } }));
    const revoked = await json(await server.request('/api/v1/invitations', { body: { email: 'revoked@acme.test', role: 'sales' }, headers: { cookie } }));
    expect((await server.request(`/api/v1/invitations/${revoked.body.id}`, { method: 'DELETE', headers: { cookie } })).status).toBe(204);
    expect((await server.request(`/api/v1/invitations/accept/${revoked.body.inviteUrl.split('/invite/')[1]}`)).status).toBe(404);

    database.ctx.clock.advance(8 * 24 * 3600_000);
    expect((await server.request(`/api/v1/invitations/accept/${late.body.inviteUrl.split('/invite/')[1]}`)).status).toBe(404);
  });
});
