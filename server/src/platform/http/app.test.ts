import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, type TestServer, startTestServer, testDatabase } from '../../test/harness.js';

let database: TestDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await testDatabase();
  server = await startTestServer(database.ctx);
});
afterAll(async () => {
  await server.app.close();
  await database.close();
});

describe('HTTP server', () => {
  it('answers /healthz once the database answers', async () => {
    const response = await server.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('publishes an OpenAPI document listing every API route, and a docs page', async () => {
    const document = await (await server.request('/api/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    for (const route of server.app.routeCatalog) {
      const openApiPath = route.url.replace(/:(\w+)/g, '{$1}');
      expect(document.paths[openApiPath]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    const docs = await server.request('/api/docs/');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });

  it('names the field at fault in a validation error', async () => {
    const response = await server.request('/api/v1/auth/login', { body: { email: 'not-an-email', password: 'x' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400, error: 'Bad Request', message: 'body/email must match format "email"', field: 'email',
    });
    const missing = await server.request('/api/v1/auth/login', { body: { email: 'a@b.test' } });
    expect((await missing.json()).field).toBe('password');
  });

  it('tags every response with a request id, keeping a sane one sent by a proxy', async () => {
    const minted = await server.request('/healthz');
    expect(minted.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await server.request('/healthz', { headers: { 'x-request-id': 'proxy-req-12345' } });
    expect(kept.headers.get('x-request-id')).toBe('proxy-req-12345');
  });

  it('refuses API routes without credentials and answers unknown routes with JSON 404', async () => {
    const unauthenticated = await server.request('/api/v1/members');
    expect(unauthenticated.status).toBe(401);
    expect((await unauthenticated.json()).message).toBe('Sign in or send a valid API key');
    const unknown = await server.request('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('Not Found');
  });
});
