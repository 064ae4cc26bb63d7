import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { TandemModule } from '../module.js';
import type { Authenticator } from './access.js';
import { registerAccessHook } from './access-hook.js';
import { errorHandler } from './errors.js';

export const webDistDir = fileURLToPath(new URL('../../../../web/dist/', import.meta.url));

export interface AppOptions {
  ctx: AppContext;
  modules: TandemModule[];
  authenticator: Authenticator;
  /** Serve the built web app at `/` (off for API-only tests). */
  serveWeb?: boolean;
}

export async function buildApp({ ctx, modules, authenticator, serveWeb = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Honour a caller's request id (from a proxy) when it looks like one; otherwise mint one.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: process.env.TANDEM_TRUST_PROXY === 'true',
    bodyLimit: 1024 * 1024,
    // Signed email links carry their destination in the path.
    routerOptions: { maxParamLength: 4096 },
    // Unknown fields are refused with a 400 naming them, not silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tandem API', version: '1', description: 'CRM, marketing automation and customer experience in one system.' },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A secret API key (tdm_sk_…)' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
        },
      },
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAccessHook(app, authenticator);

  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'database does not answer' });
    }
  });

  for (const module of modules) {
    if (module.routes) await app.register(module.routes, { prefix: '/api/v1', ctx });
    if (module.rootRoutes) await app.register(module.rootRoutes(ctx));
  }

  if (serveWeb && existsSync(path.join(webDistDir, 'index.html'))) await serveWebApp(app);
  else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method} ${request.url} not found` }));
  }
  return app;
}

/** The React app: static assets, and index.html for every other page path (client routing). */
async function serveWebApp(app: FastifyInstance) {
  const indexHtml = await readFile(path.join(webDistDir, 'index.html'), 'utf8');
  await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: false, maxAge: '1h' });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && !path.extname(request.url.split('?')[0]!);
    if (!isPage) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `Route ${request.method} ${request.url} not found` });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
  });
}
