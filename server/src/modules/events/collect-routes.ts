import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { badRequest, errorHandler, httpError, serviceUnavailable, unauthorized } from '../../platform/http/errors.js';
import { AddressRateLimit, GroupCommit } from './backpressure.js';
import { ingestEvents, type IngestSource } from './ingest.js';
import { type EventRejection, type IncomingEvent, InvalidEvent, isJsonObject, maxBatchBytes, maxEventBytes, readEvent } from './payload.js';
import { asksNotToBeTracked, cachedTrackingSettings } from './settings.js';
import { writeKeyResolver } from './write-keys.js';
import type { EventType } from './tables.js';

/**
 * The Segment-compatible collection API (POST /v1/track, /identify, /page, /screen,
 * /group, /alias, /batch) and the browser tracker (/t.js). Authenticated by a workspace's
 * public write key, as HTTP Basic user name (Segment's libraries) or `writeKey` in the body
 * (the browser, which sends text/plain to avoid a CORS preflight).
 */
const trackerFile = fileURLToPath(new URL('../../../../tracker/dist/t.js', import.meta.url));
const singleTypes: EventType[] = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
// Postgres answers that mean "try again" rather than "this is wrong".
const retryableCodes = new Set(['40001', '40P01', '53300', '57P03', '08006', '08001']);

type Json = Record<string, unknown>;

export function collectRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const writer = new GroupCommit((source, events) => ingestEvents(ctx, source, events), {
      concurrency: ctx.config.ingestConcurrency, queue: ctx.config.ingestQueue, maxEvents: 2000,
    });
    const rateLimit = new AddressRateLimit(ctx.config.ingestRatePerIp);
    const source = writeKeyResolver(ctx);

    // Browsers send text/plain (no preflight); parse it as the JSON it is.
    app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(badRequest('the body is not valid JSON', 'body'));
      }
    });
    app.addHook('onRequest', async (request, reply) => {
      reply.header('access-control-allow-origin', '*');
      if (request.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'POST, OPTIONS')
          .header('access-control-allow-headers', 'content-type, authorization')
          .header('access-control-max-age', '86400');
      }
    });
    app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const limit = request.url.startsWith('/v1/batch') ? '500 KB per batch' : '32 KB per event';
        error = httpError(413, `the request body is larger than the limit of ${limit}`, 'body');
      } else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
        error = badRequest('the body is not valid JSON', 'body');
      } else if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        error = httpError(415, 'send the events as application/json (or text/plain holding JSON)', 'content-type');
      } else if (error.code && retryableCodes.has(error.code)) {
        request.log.warn({ err: error }, 'event batch not written; the caller will retry');
        error = serviceUnavailable('the events could not be written just now; retry after the given seconds', 1);
      }
      return errorHandler(error as never, request, reply);
    });

    async function authenticate(request: FastifyRequest, body: Json): Promise<IngestSource> {
      const header = request.headers.authorization;
      let writeKey = typeof body.writeKey === 'string' ? body.writeKey : null;
      if (header?.startsWith('Basic ')) {
        writeKey = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] ?? null;
      }
      if (!writeKey) throw unauthorized('Send the workspace write key as the HTTP Basic user name or as writeKey in the body');
      const found = await source(writeKey);
      if (!found) throw unauthorized('The write key is unknown or revoked');
      return found;
    }

    async function receive(request: FastifyRequest, reply: FastifyReply, type: EventType | 'batch') {
      rateLimit.check(request.ip);
      const body = request.body;
      if (!isJsonObject(body)) throw badRequest('the body must be a JSON object', 'body');
      const src = await authenticate(request, body);
      const settings = await cachedTrackingSettings(ctx.db, src.workspaceId);
      // The visitor asked not to be tracked (Do-Not-Track, or its successor Global Privacy
      // Control) and the workspace honours it: accept, store nothing.
      if (settings.respectDoNotTrack && asksNotToBeTracked(request.headers)) return { success: true };

      const receivedAt = ctx.clock.now();
      const events: IncomingEvent[] = [];
      const rejected: EventRejection[] = [];
      if (type === 'batch') {
        if (!Array.isArray(body.batch)) throw badRequest('batch must be an array of events', 'batch');
        if (!body.batch.length) throw badRequest('batch is empty', 'batch');
        const batchSentAt = typeof body.sentAt === 'string' && !Number.isNaN(Date.parse(body.sentAt)) ? new Date(body.sentAt) : null;
        const sharedContext = isJsonObject(body.context) ? body.context : null;
        body.batch.forEach((raw: unknown, index: number) => {
          try {
            const item = sharedContext && isJsonObject(raw) && raw.context === undefined ? { ...raw, context: sharedContext } : raw;
            events.push(readEvent(item, { index, batchSentAt, receivedAt }));
          } catch (error) {
            if (!(error instanceof InvalidEvent)) throw error;
            rejected.push({ index, field: `batch[${index}].${error.field}`, message: error.message });
          }
        });
      } else {
        try {
          events.push(readEvent(body, { index: 0, type, receivedAt }));
        } catch (error) {
          if (error instanceof InvalidEvent) throw badRequest(error.message, error.field);
          throw error;
        }
      }

      for (const rejection of events.length ? await writer.submit({ source: src, events }) : []) {
        rejected.push(type === 'batch' ? { ...rejection, field: `batch[${rejection.index}].${rejection.field}` } : rejection);
      }
      // Nothing stored: a 400, so that clients do not count the batch as delivered.
      const sent = type === 'batch' ? (body.batch as unknown[]).length : 1;
      if (rejected.length === sent) {
        const first = rejected[0]!;
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: sent > 1 ? `no event in the batch is valid: ${first.message}` : first.message, field: first.field, rejected });
      }
      return rejected.length ? { success: true, rejected } : { success: true };
    }

    for (const type of singleTypes) {
      app.post(`/v1/${type}`, { bodyLimit: maxEventBytes + 1024, schema: { hide: true } }, (request, reply) => receive(request, reply, type));
    }
    app.post('/v1/batch', { bodyLimit: maxBatchBytes, schema: { hide: true } }, (request, reply) => receive(request, reply, 'batch'));
    // CORS preflight (a browser sending application/json asks first).
    app.options('/v1/*', { schema: { hide: true } }, async (_request, reply) => reply.status(204).send());

    serveTracker(app);
  };
}

/**
 * /t.js is cacheable for an hour and revalidated by ETag; /t/<hash>.js never changes.
 * Read once at start: the file only changes with a release.
 */
function serveTracker(app: Parameters<FastifyPluginAsync>[0]) {
  const script = existsSync(trackerFile) ? readFileSync(trackerFile) : null;
  const hash = script ? createHash('sha256').update(script).digest('hex').slice(0, 12) : '';
  const send = (reply: FastifyReply, maxAge: string) => reply.type('text/javascript; charset=utf-8')
    .header('cache-control', maxAge).header('etag', `"${hash}"`).header('access-control-allow-origin', '*').send(script);
  app.get('/t.js', { schema: { hide: true } }, async (request, reply) => {
    if (!script) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'the tracker is not built: npm run build -w tracker' });
    if (request.headers['if-none-match'] === `"${hash}"`) return reply.status(304).send();
    return send(reply, 'public, max-age=3600');
  });
  app.get('/t/:file', { schema: { hide: true } }, async (request, reply) => {
    if (!script || (request.params as { file: string }).file !== `${hash}.js`) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'no tracker of that version' });
    return send(reply, 'public, max-age=31536000, immutable');
  });
}
