// The baselines of bench/http: Fastify with nothing but a handler that returns a
// workspace-shaped object, and (with DATABASE_URL) the same handler doing the two lookups
// Tandem's route does (the key by workspace + hash, then the workspace) with raw `pg`.
import Fastify from 'fastify';
import pg from 'pg';

const [port, mode] = process.argv.slice(2);
const app = Fastify();
app.get('/healthz', async () => ({ status: 'ok' }));
if (mode === 'pg') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  const workspaceId = process.env.BENCH_WORKSPACE_ID;
  const keyHash = Buffer.from(process.env.BENCH_KEY_HASH, 'hex');
  app.get('/api/v1/workspace', async () => {
    const key = await pool.query('select id, role from api_keys where workspace_id = $1 and key_hash = $2 and revoked_at is null', [workspaceId, keyHash]);
    if (!key.rows.length) throw new Error('key not found');
    const { rows } = await pool.query('select id, name, created_at as "createdAt" from workspaces where id = $1', [workspaceId]);
    return rows[0];
  });
} else {
  app.get('/api/v1/workspace', async () => ({ id: '057cd464-9b97-4b1c-b4b1-bedeae0c005b', name: 'Bench', createdAt: new Date().toISOString() }));
  // bench/forms' baseline: a JSON post parsed and answered, nothing stored.
  app.post('/f/:id', async (request) => ({ ok: true, submissionId: request.params.id, afterSubmit: { kind: 'message', message: 'Thanks' } }));
  // bench/forms' personalisation baseline: the query read and a slot answered, nothing looked up.
  app.get('/v1/slots', async (request, reply) => {
    const started = performance.now();
    const slots = Object.fromEntries(String(request.query.keys).split(',').map((key) => [key, { content: '<h2>Welcome</h2>', variant: 'default' }]));
    return reply.header('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`).send({ slots });
  });
}
await app.listen({ host: '127.0.0.1', port: Number(port) });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
