import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { Uuid } from '../../platform/http/schema-types.js';
import { listTimeline } from '../contacts/index.js';
import { Page, TimelineItem } from '../contacts/schemas.js';
import { deleteActivity, listActivities, logActivity } from './activities.js';
import { createDeal, deleteDeal, getDeal, linkContact, listDeals, unlinkContact, updateDeal } from './deals.js';
import { exportDealsCsv } from './export.js';
import { createPipeline, listPipelines } from './pipelines.js';
import {
  Activity, ActivityInput, BuyingRole, Deal, DealCreate, DealDetail, DealPatch, DealStatus, Pipeline, PipelineInput, Task, TaskCreate, TaskPatch,
} from './schemas.js';
import { createTask, deleteTask, listTasks, updateTask } from './tasks.js';

const IdParams = Type.Object({ id: Uuid });
const Limit = (max = 200, fallback = 50) => Type.Integer({ minimum: 1, maximum: max, default: fallback });
const SubjectQuery = { contactId: Type.Optional(Uuid), companyId: Type.Optional(Uuid), dealId: Type.Optional(Uuid) };

/** Pipelines and deals, activities, tasks. */
export const dealRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/pipelines', {
    config: { access: 'workspace:read' },
    schema: { tags: ['deals'], summary: 'Pipelines with their ordered stages and win probabilities', response: { 200: Type.Object({ items: Type.Array(Pipeline) }) } },
  }, async (request) => ({ items: await db.transaction().execute((trx) => listPipelines(trx, clock, workspaceAccess(request).workspaceId)) }));

  app.post('/pipelines', {
    config: { access: 'fields:manage' },
    schema: { tags: ['deals'], summary: 'Create a pipeline (needs open, won and lost stages)', body: PipelineInput, response: { 201: Pipeline } },
  }, async (request, reply) => {
    const pipeline = await db.transaction().execute((trx) => createPipeline(trx, clock, workspaceAccess(request).workspaceId, request.body));
    reply.status(201);
    return pipeline;
  });

  app.get('/deals', {
    config: { access: 'workspace:read' },
    schema: { tags: ['deals'], summary: 'Deals, most recently updated first (the board reads one pipeline)',
      querystring: Type.Object({
        pipelineId: Type.Optional(Uuid), stageId: Type.Optional(Uuid), status: Type.Optional(DealStatus), ownerId: Type.Optional(Uuid),
        companyId: Type.Optional(Uuid), contactId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 200 })),
        limit: Limit(500), cursor: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 200: Page(Deal) } },
  }, async (request) => listDeals(db, workspaceAccess(request).workspaceId, request.query));

  app.get('/deals/export', {
    config: { access: 'workspace:read' },
    schema: { tags: ['deals'], summary: 'Export the deals matching the list filters as CSV (streamed)',
      querystring: Type.Object({
        pipelineId: Type.Optional(Uuid), stageId: Type.Optional(Uuid), status: Type.Optional(DealStatus), ownerId: Type.Optional(Uuid),
        companyId: Type.Optional(Uuid), contactId: Type.Optional(Uuid), q: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }) },
  }, async (request, reply) => {
    const stream = await exportDealsCsv(db, workspaceAccess(request).workspaceId, request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="deals.csv"').send(stream);
  });

  app.post('/deals', {
    config: { access: 'records:write' },
    schema: { tags: ['deals'], summary: 'Create a deal (first open stage of the first pipeline unless given)', body: DealCreate, response: { 201: DealDetail } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const deal = await db.transaction().execute((trx) => createDeal(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return deal;
  });

  app.get('/deals/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['deals'], summary: 'A deal with its contacts and stage history', params: IdParams, response: { 200: DealDetail } },
  }, async (request) => getDeal(db, workspaceAccess(request).workspaceId, request.params.id));

  app.patch('/deals/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['deals'], summary: 'Update a deal or move it to a stage (a lost stage needs lostReason)', params: IdParams, body: DealPatch, response: { 200: DealDetail } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateDeal(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/deals/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['deals'], summary: 'Delete a deal', params: IdParams },
  }, async (request, reply) => {
    await deleteDeal(db, workspaceAccess(request).workspaceId, request.params.id);
    return reply.status(204).send();
  });

  app.get('/deals/:id/timeline', {
    config: { access: 'workspace:read' },
    schema: { tags: ['deals'], summary: "A deal's touchpoints, newest first", params: IdParams,
      querystring: Type.Object({ limit: Limit(), cursor: Type.Optional(Type.String({ maxLength: 500 })) }), response: { 200: Page(TimelineItem) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const deal = await getDeal(db, workspaceId, request.params.id);
    return listTimeline(db, workspaceId, { dealId: deal.id }, request.query);
  });

  const DealContactParams = Type.Object({ id: Uuid, contactId: Uuid });

  app.put('/deals/:id/contacts/:contactId', {
    config: { access: 'records:write' },
    schema: { tags: ['deals'], summary: 'Put a contact on a deal with a buying role', params: DealContactParams,
      body: Type.Object({ role: Type.Union([BuyingRole, Type.Null()]) }, { additionalProperties: false }), response: { 200: DealDetail } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute(async (trx) => {
      await linkContact(trx, clock, access.workspaceId, access.actor, request.params.id, request.params.contactId, request.body.role);
      return getDeal(trx, access.workspaceId, request.params.id);
    });
  });

  app.delete('/deals/:id/contacts/:contactId', {
    config: { access: 'records:write' },
    schema: { tags: ['deals'], summary: 'Take a contact off a deal', params: DealContactParams },
  }, async (request, reply) => {
    await unlinkContact(db, workspaceAccess(request).workspaceId, request.params.id, request.params.contactId);
    return reply.status(204).send();
  });

  app.get('/activities', {
    config: { access: 'workspace:read' },
    schema: { tags: ['activities'], summary: 'Notes, calls, meetings and emails of a contact, company or deal, newest first',
      querystring: Type.Object({ ...SubjectQuery, limit: Limit(), cursor: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
      response: { 200: Page(Activity) } },
  }, async (request) => listActivities(db, workspaceAccess(request).workspaceId, request.query));

  app.post('/activities', {
    config: { access: 'records:write' },
    schema: { tags: ['activities'], summary: 'Log a note, call, meeting or email', body: ActivityInput, response: { 201: Activity } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const activity = await db.transaction().execute((trx) => logActivity(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return activity;
  });

  app.delete('/activities/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['activities'], summary: 'Delete an activity (and its timeline entry)', params: IdParams },
  }, async (request, reply) => {
    await db.transaction().execute((trx) => deleteActivity(trx, workspaceAccess(request).workspaceId, request.params.id));
    return reply.status(204).send();
  });

  app.get('/tasks', {
    config: { access: 'workspace:read' },
    schema: { tags: ['tasks'], summary: 'Tasks; assigneeId=me gives "My tasks" (open by default, by due date)',
      querystring: Type.Object({
        ...SubjectQuery, assigneeId: Type.Optional(Type.Union([Uuid, Type.Literal('me')])),
        status: Type.Optional(Type.Unsafe<'open' | 'done' | 'all'>({ type: 'string', enum: ['open', 'done', 'all'] })),
        dueBefore: Type.Optional(Type.String({ format: 'date-time' })), limit: Limit(500, 100),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Task) }) } },
  }, async (request) => {
    const access = workspaceAccess(request);
    let assigneeId = request.query.assigneeId;
    if (assigneeId === 'me') {
      if (access.actor.type !== 'user') throw badRequest('assigneeId=me needs a signed-in person, not an API key', 'assigneeId');
      assigneeId = access.actor.id;
    }
    return listTasks(db, access.workspaceId, { ...request.query, assigneeId });
  });

  app.post('/tasks', {
    config: { access: 'records:write' },
    schema: { tags: ['tasks'], summary: 'Create a task (assigned to its creator unless assigneeId is given)', body: TaskCreate, response: { 201: Task } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const task = await db.transaction().execute((trx) => createTask(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return task;
  });

  app.patch('/tasks/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['tasks'], summary: 'Update a task or mark it done', params: IdParams, body: TaskPatch, response: { 200: Task } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateTask(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/tasks/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['tasks'], summary: 'Delete a task', params: IdParams },
  }, async (request, reply) => {
    await deleteTask(db, workspaceAccess(request).workspaceId, request.params.id);
    return reply.status(204).send();
  });
};
