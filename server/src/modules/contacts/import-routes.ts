import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, NullableDateTime, Uuid } from '../../platform/http/schema-types.js';
import { exportCsv } from './export.js';
import { getImport, listImports, listRejections, rejectionsCsv, startImport, storeUpload } from './imports.js';
import { customFilterProperties } from './schemas.js';

const Import = Type.Object({
  id: Uuid, objectType: Type.String(), fileName: Type.String(), status: Type.String(), headers: Type.Array(Type.String()),
  delimiter: Type.String(), mapping: Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()]),
  onDuplicate: Type.String(), bytes: Type.Integer(), bytesProcessed: Type.Integer(), rowsProcessed: Type.Integer(), rowsCreated: Type.Integer(), rowsUpdated: Type.Integer(),
  rowsSkipped: Type.Integer(), rowsRejected: Type.Integer(), error: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime, startedAt: NullableDateTime, finishedAt: NullableDateTime,
});

/** CSV import (upload → map → run in the background, with every rejected row reported) and export. */
export const importRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  // The CSV body is handed over as a stream and stored in chunks as it arrives.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.post('/imports', {
    config: { access: 'records:write' },
    bodyLimit: 2 * 1024 * 1024 * 1024,
    schema: { tags: ['import'], summary: 'Upload a CSV (body: text/csv) for import; answers with its columns, a sample and a suggested mapping',
      querystring: Type.Object({ objectType: Type.Unsafe<'contact' | 'company' | 'deal'>({ type: 'string', enum: ['contact', 'company', 'deal'] }), fileName: Type.String({ minLength: 1, maxLength: 300 }) }),
      response: { 201: Type.Intersect([Import, Type.Object({
        sample: Type.Array(Type.Array(Type.String())), suggestedMapping: Type.Record(Type.String(), Type.String()), fields: Type.Array(Type.String()),
      })]) } },
  }, async (request, reply) => {
    if (!request.body || typeof (request.body as AsyncIterable<Buffer>)[Symbol.asyncIterator] !== 'function') {
      throw badRequest('send the file as the request body with Content-Type: text/csv', 'file');
    }
    const access = workspaceAccess(request);
    const stored = await storeUpload(db, clock, access.workspaceId, access.actor, {
      objectType: request.query.objectType, fileName: request.query.fileName, body: request.body as AsyncIterable<Buffer>,
    });
    reply.status(201);
    return stored;
  });

  app.post('/imports/:id/start', {
    config: { access: 'records:write' },
    schema: { tags: ['import'], summary: 'Map columns to fields and start the import', params: Type.Object({ id: Uuid }),
      body: Type.Object({
        mapping: Type.Record(Type.String(), Type.String(), { description: 'CSV column → field (email, firstName, custom.<key> …); unmapped columns are ignored' }),
        onDuplicate: Type.Unsafe<'update' | 'skip'>({ type: 'string', enum: ['update', 'skip'], default: 'update' }),
      }, { additionalProperties: false }),
      response: { 200: Import } },
  }, async (request) => startImport(db, clock, workspaceAccess(request).workspaceId, { id: request.params.id, ...request.body }));

  app.get('/imports', {
    config: { access: 'workspace:read' },
    schema: { tags: ['import'], summary: 'Recent imports with their progress', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }),
      response: { 200: Type.Object({ items: Type.Array(Import) }) } },
  }, async (request) => ({ items: await listImports(db, workspaceAccess(request).workspaceId, request.query.limit) }));

  app.get('/imports/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['import'], summary: 'An import and its progress', params: Type.Object({ id: Uuid }), response: { 200: Import } },
  }, async (request) => getImport(db, workspaceAccess(request).workspaceId, request.params.id));

  app.get('/imports/:id/rejections', {
    config: { access: 'workspace:read' },
    schema: { tags: ['import'], summary: 'Rows that were not imported, with line number and reason (JSON pages; format=csv gives all of them with the original columns)',
      params: Type.Object({ id: Uuid }),
      querystring: Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }), afterLine: Type.Optional(Type.Integer({ minimum: 0 })),
        format: Type.Optional(Type.Unsafe<'json' | 'csv'>({ type: 'string', enum: ['json', 'csv'] })),
      }) },
  }, async (request, reply) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    if (request.query.format === 'csv') {
      const stream = await rejectionsCsv(db, workspaceId, request.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="rejected-rows.csv"').send(stream);
    }
    return { items: await listRejections(db, workspaceId, request.params.id, request.query) };
  });

  for (const object of ['contact', 'company'] as const) {
    app.get(`/${object === 'contact' ? 'contacts' : 'companies'}/export`, {
      config: { access: 'workspace:read' },
      schema: { tags: ['import'], summary: `Export the ${object === 'contact' ? 'contacts' : 'companies'} matching the list filters as CSV (streamed)`,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })), sort: Type.Optional(Type.String({ maxLength: 100 })),
          ownerId: Type.Optional(Uuid), tag: Type.Optional(Type.String({ maxLength: 100 })), country: Type.Optional(Type.String({ maxLength: 100 })),
          companyId: Type.Optional(Uuid), lifecycleStage: Type.Optional(Type.String({ maxLength: 50 })), industry: Type.Optional(Type.String({ maxLength: 200 })),
        }, customFilterProperties) },
    }, async (request, reply) => {
      const stream = await exportCsv(db, workspaceAccess(request).workspaceId, object, request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${object === 'contact' ? 'contacts' : 'companies'}.csv"`).send(stream);
    });
  }
};

