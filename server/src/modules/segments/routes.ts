import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { csvStream } from '../../platform/http/csv.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { describeFields, loadCatalog } from './catalog.js';
import {
  addMatchingToList, addToList, createList, deleteList, getList, importToList, listListMembers, listLists, removeFromList, updateList,
} from './lists.js';
import {
  contactMemberships, createSegment, deleteSegment, explainMembership, getSegment, listSegmentMembers, listSegments, namesOf, previewSegment,
  segmentHistory, updateSegment,
} from './segments.js';
import { activityNames } from '../events/index.js';
import { memberPage, type Members } from './member-pages.js';

const Definition = Type.Unsafe<unknown>({
  type: 'object', additionalProperties: true, description: 'A condition definition, version 1: { version: 1, match: { type: "and", conditions: [...] } } (docs/segments.md)',
});
const Problem = Type.Object({ path: Type.String(), message: Type.String() });
const SegmentView = Type.Object({
  id: Uuid, name: Type.String(), description: Nullable(Type.String()), definition: Type.Unsafe<unknown>({ type: 'object', additionalProperties: true }), version: Type.Integer(),
  memberCount: Type.Integer(), status: Type.Unsafe<'active' | 'flagged'>({ type: 'string', enum: ['active', 'flagged'] }), problems: Type.Array(Problem),
  dependsOnTime: Type.Boolean(), computedAt: Nullable(DateTime), createdAt: DateTime, updatedAt: DateTime,
});
const ListView = Type.Object({ id: Uuid, name: Type.String(), description: Nullable(Type.String()), memberCount: Type.Integer(), createdAt: DateTime, updatedAt: DateTime });
const ContactRef = Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()), companyName: Nullable(Type.String()) });
const Page = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), cursor: Type.Optional(Type.String({ maxLength: 500 })) });
const IdParams = Type.Object({ id: Uuid });
const ContactIds = Type.Object({ contactIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Description = Nullable(Type.String({ maxLength: 2000 }));

// A tree: { path, type, description, passed, actual?, children?: [node] }.
const ExplainNode = Type.Unsafe<unknown>({
  type: 'object', additionalProperties: true,
  description: '{ path, type, description, passed, actual?, children? } — each node of the definition with its result for the contact',
});

/** Members as CSV, page by page. */
function membersCsv(db: DbOrTx, workspaceId: string, members: Members) {
  return csvStream(['contactId', 'name', 'email', 'company', 'since'], async function* () {
    let cursor: string | undefined;
    do {
      const page = await memberPage(db, workspaceId, members, { limit: 1000, cursor });
      for (const item of page.items) yield [item.contact.id, item.contact.name, item.contact.email, item.contact.companyName, item.since.toISOString()];
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
}

/** Segments (live membership), static lists and a contact's memberships. */
export const segmentRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 20 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.get('/segments', {
    config: { access: 'workspace:read' },
    schema: { tags: ['segments'], summary: 'All segments with their member counts', response: { 200: Type.Object({ items: Type.Array(SegmentView) }) } },
  }, async (request) => ({ items: await listSegments(db, workspaceAccess(request).workspaceId) }));

  app.post('/segments', {
    config: { access: 'records:write' },
    schema: {
      tags: ['segments'], summary: 'Create a segment; its members are computed right after (computedAt tells when)',
      body: Type.Object({ name: Name, description: Type.Optional(Description), definition: Definition }, { additionalProperties: false }),
      response: { 201: SegmentView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const segment = await db.transaction().execute((trx) => createSegment(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return segment;
  });

  app.get('/segments/catalog', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'Fields, operators, event names and page paths for the segment builder',
      response: { 200: Type.Object({
        fields: Type.Array(Type.Object({
          key: Type.String(), label: Type.String(), type: Type.String(), group: Type.String(), operators: Type.Array(Type.String()),
          options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
        })),
        events: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
        pages: Type.Array(Type.Object({ path: Type.String(), count: Type.Integer() })),
      }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const names = await namesOf(db, workspaceId);
    const users = [...names.users].map(([value, label]) => ({ value, label }));
    return { fields: describeFields(await loadCatalog(db, workspaceId, users)), ...(await activityNames(db, workspaceId, new Date(clock.now().getTime() - 90 * 86_400_000))) };
  });

  app.post('/segments/preview', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'Count and sample the contacts a definition matches now (the builder\'s live count)',
      body: Type.Object({ definition: Definition }, { additionalProperties: false }),
      response: { 200: Type.Object({ count: Type.Integer(), sample: Type.Array(Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()) })), tookMs: Type.Integer() }) },
    },
  }, async (request) => previewSegment(db, clock, workspaceAccess(request).workspaceId, request.body.definition));

  app.get('/segments/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['segments'], summary: 'One segment with its definition', params: IdParams, response: { 200: SegmentView } },
  }, async (request) => getSegment(db, workspaceAccess(request).workspaceId, request.params.id));

  app.patch('/segments/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['segments'], summary: 'Rename, describe or redefine a segment (a new definition is a new version, recomputed)', params: IdParams,
      body: Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description), definition: Type.Optional(Definition) }, { additionalProperties: false }),
      response: { 200: SegmentView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateSegment(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/segments/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['segments'], summary: 'Delete a segment (refused while another segment uses it)', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await db.transaction().execute((trx) => deleteSegment(trx, clock, access.workspaceId, access.actor, request.params.id));
    return reply.status(204).send();
  });

  app.get('/segments/:id/members', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'Members, newest first', params: IdParams, querystring: Page,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ contact: ContactRef, enteredAt: DateTime })), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request) => listSegmentMembers(db, workspaceAccess(request).workspaceId, request.params.id, request.query));

  app.get('/segments/:id/members.csv', {
    config: { access: 'workspace:read' },
    schema: { tags: ['segments'], summary: 'Export the members as CSV (streamed)', params: IdParams },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const segment = await getSegment(db, workspaceId, request.params.id);
    const stream = membersCsv(db, workspaceId, { table: 'segment_members', key: 'segment_id', since: 'entered_at', id: segment.id });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="segment-members.csv"').send(stream);
  });

  app.get('/segments/:id/history', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'Members at the end of each day, with entries and exits', params: IdParams,
      querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }),
      response: { 200: Type.Object({ points: Type.Array(Type.Object({ date: Type.String(), members: Type.Integer(), entered: Type.Integer(), exited: Type.Integer() })) }) },
    },
  }, async (request) => segmentHistory(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.query.days));

  app.get('/segments/:id/explain/:contactId', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'Why a contact is in (or not in) the segment, condition by condition',
      params: Type.Object({ id: Uuid, contactId: Uuid }),
      response: { 200: Type.Object({ member: Type.Boolean(), matches: Type.Boolean(), explanation: ExplainNode }) },
    },
  }, async (request) => explainMembership(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.params.contactId));

  app.get('/contacts/:id/segments', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['segments'], summary: 'The segments and lists a contact is in', params: IdParams,
      response: { 200: Type.Object({
        segments: Type.Array(Type.Object({ id: Uuid, name: Type.String(), enteredAt: DateTime })),
        lists: Type.Array(Type.Object({ id: Uuid, name: Type.String(), addedAt: DateTime })),
      }) },
    },
  }, async (request) => contactMemberships(db, workspaceAccess(request).workspaceId, request.params.id));

  // ── Static lists ──

  app.get('/lists', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lists'], summary: 'All static lists', response: { 200: Type.Object({ items: Type.Array(ListView) }) } },
  }, async (request) => ({ items: await listLists(db, workspaceAccess(request).workspaceId) }));

  app.post('/lists', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lists'], summary: 'Create a static list', body: Type.Object({ name: Name, description: Type.Optional(Description) }, { additionalProperties: false }),
      response: { 201: ListView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const list = await db.transaction().execute((trx) => createList(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return list;
  });

  app.get('/lists/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lists'], summary: 'One list', params: IdParams, response: { 200: ListView } },
  }, async (request) => getList(db, workspaceAccess(request).workspaceId, request.params.id));

  app.patch('/lists/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lists'], summary: 'Rename or describe a list', params: IdParams,
      body: Type.Object({ name: Type.Optional(Name), description: Type.Optional(Description) }, { additionalProperties: false }), response: { 200: ListView },
    },
  }, async (request) => updateList(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.body));

  app.delete('/lists/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['lists'], summary: 'Delete a list (segments using it are flagged, not broken)', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await db.transaction().execute((trx) => deleteList(trx, clock, access.workspaceId, access.actor, request.params.id));
    return reply.status(204).send();
  });

  app.get('/lists/:id/members', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['lists'], summary: 'Members, most recently added first', params: IdParams, querystring: Page,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ contact: ContactRef, addedAt: DateTime })), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request) => listListMembers(db, workspaceAccess(request).workspaceId, request.params.id, request.query));

  app.get('/lists/:id/members.csv', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lists'], summary: 'Export the members as CSV (streamed)', params: IdParams },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const list = await getList(db, workspaceId, request.params.id);
    const stream = membersCsv(db, workspaceId, { table: 'list_members', key: 'list_id', since: 'added_at', id: list.id });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="list-members.csv"').send(stream);
  });

  app.post('/lists/:id/members', {
    config: { access: 'records:write' },
    schema: { tags: ['lists'], summary: 'Add contacts', params: IdParams, body: ContactIds, response: { 200: Type.Object({ added: Type.Integer() }) } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => addToList(trx, clock, access.workspaceId, access.actor, request.params.id, request.body.contactIds));
  });

  app.post('/lists/:id/members/remove', {
    config: { access: 'records:write' },
    schema: { tags: ['lists'], summary: 'Remove contacts', params: IdParams, body: ContactIds, response: { 200: Type.Object({ removed: Type.Integer() }) } },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    return db.transaction().execute((trx) => removeFromList(trx, clock, workspaceId, request.params.id, request.body.contactIds));
  });

  app.post('/lists/:id/members/from-definition', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lists'], summary: 'Add every contact matching a condition now', params: IdParams,
      body: Type.Object({ definition: Definition }, { additionalProperties: false }), response: { 200: Type.Object({ added: Type.Integer() }) },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => addMatchingToList(trx, clock, access.workspaceId, access.actor, request.params.id, request.body.definition));
  });

  app.post('/lists/:id/members/import', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lists'], summary: 'Add contacts by email from a CSV file (body: text/csv with an email column); reports every line that added no one',
      params: IdParams, body: Type.String({ description: 'CSV text' }),
      response: { 200: Type.Object({ added: Type.Integer(), rejected: Type.Array(Type.Object({ line: Type.Integer(), reason: Type.String() })) }) },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => importToList(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });
};
