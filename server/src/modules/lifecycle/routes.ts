import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { backtest } from './backtest.js';
import { approveDefinition, createDraft, getDefinition, listDefinitions, updateDraft, withdrawDraft } from './definitions.js';
import { acceptLead, convertLead, explainLead, getLead, listLeads, rejectLead } from './leads.js';
import { getLifecycleSettings, saveLifecycleSettings } from './settings.js';
import { createTeam, listTeams, updateTeam } from './teams.js';
import { contactLifecycle, setStageByPerson } from './transitions.js';

const Condition = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true, description: 'A condition of the segment language (docs/segments.md)' });
const IdParams = Type.Object({ id: Uuid });
const Json = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const Stage = Type.String({ maxLength: 50 });
const LeadStatus = Type.Union(['new', 'working', 'nurturing', 'recycled', 'disqualified', 'converted'].map((status) => Type.Literal(status)));
const ContactRef = Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()), companyName: Nullable(Type.String()) });
const LeadView = Type.Object({
  id: Uuid, status: Type.String(), contact: ContactRef, ownerId: Nullable(Uuid), teamId: Nullable(Uuid), teamName: Nullable(Type.String()), routedBy: Type.String(),
  definitionVersion: Type.Integer(), grade: Type.String(), tier: Type.String(), fit: Type.Integer(), engagement: Type.Number(), mqlAt: DateTime, assignedAt: Nullable(DateTime), slaDueAt: Nullable(DateTime),
  slaRemainingMs: Nullable(Type.Number()), remindedAt: Nullable(DateTime), escalatedAt: Nullable(DateTime), acceptedAt: Nullable(DateTime),
  rejectedAt: Nullable(DateTime), rejectReason: Nullable(Type.String()), rejectNote: Nullable(Type.String()), convertedAt: Nullable(DateTime), dealId: Nullable(Uuid),
});
const DefinitionBody = Type.Object({
  criteria: Type.Object({
    fitMin: Type.Number({ minimum: -100_000, maximum: 100_000 }), engagementMin: Type.Number({ minimum: -100_000, maximum: 100_000 }),
    conditions: Type.Optional(Nullable(Condition)),
  }, { additionalProperties: false }),
  slaHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720 })),
  routing: Type.Object({
    accountOwnerFirst: Type.Optional(Type.Boolean()),
    rules: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), condition: Condition, teamId: Uuid }, { additionalProperties: false }), { maxItems: 50 })),
    fallbackTeamId: Type.Optional(Nullable(Uuid)),
  }, { additionalProperties: false }),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
}, { additionalProperties: false });
const DefinitionView = Type.Object({
  id: Uuid, version: Type.Integer(), status: Type.String(), criteria: Json, slaHours: Type.Integer(), routing: Json, notes: Nullable(Type.String()),
  createdBy: Nullable(Uuid), createdAt: DateTime, liveAt: Nullable(DateTime), retiredAt: Nullable(DateTime),
  approvals: Type.Array(Type.Object({ userId: Uuid, name: Type.String(), side: Type.String(), approvedAt: DateTime })),
  awaiting: Type.Array(Type.String()),
});
const Member = Type.Object({ userId: Uuid, capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })), away: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const TeamView = Type.Object({
  id: Uuid, name: Type.String(), leadUserId: Nullable(Uuid), createdAt: DateTime,
  members: Type.Array(Type.Object({
    userId: Uuid, name: Type.String(), email: Type.String(), capacity: Type.Integer(), away: Type.Boolean(), openLeads: Type.Integer(), lastAssignedAt: Nullable(DateTime),
  })),
});
const Settings = Type.Object({
  stages: Type.Array(Type.Object({ key: Stage, label: Type.String({ maxLength: 100 }), enabled: Type.Boolean() }, { additionalProperties: false })),
  rejectReasons: Type.Array(Type.Object({ key: Type.String({ maxLength: 50 }), label: Type.String({ maxLength: 100 }) }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });

/** Lifecycle stages, the lead definition with its approvals and backtest, teams, the sales queue. */
export const lifecycleRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/lifecycle/settings', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'Stage labels and the reasons a rep may give for rejecting a lead', response: { 200: Settings } },
  }, async (request) => getLifecycleSettings(db, workspaceAccess(request).workspaceId));

  app.put('/lifecycle/settings', {
    config: { access: 'fields:manage' },
    schema: { tags: ['lifecycle'], summary: 'Rename or switch off stages; edit the rejection reasons ("other" always stays)', body: Settings, response: { 200: Settings } },
  }, async (request) => saveLifecycleSettings(db, clock, workspaceAccess(request).workspaceId, request.body as never));

  app.get('/contacts/:id/lifecycle', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'A contact\'s stage transitions (who, when, why) and hand-offs', params: IdParams, response: { 200: Json } },
  }, async (request) => contactLifecycle(db, workspaceAccess(request).workspaceId, request.params.id));

  app.put('/contacts/:id/lifecycle-stage', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lifecycle'], summary: 'Set a contact\'s stage by hand; moving back needs a reason', params: IdParams,
      body: Type.Object({ stage: Stage, reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }, { additionalProperties: false }),
      response: { 200: Json },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => setStageByPerson(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.get('/sales-teams', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'Sales teams with members, capacity, away flags and open leads', response: { 200: Type.Object({ items: Type.Array(TeamView) }) } },
  }, async (request) => ({ items: await listTeams(db, workspaceAccess(request).workspaceId) }));

  app.post('/sales-teams', {
    config: { access: 'members:manage' },
    schema: {
      tags: ['lifecycle'], summary: 'Create a team for routing',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), leadUserId: Type.Optional(Nullable(Uuid)), members: Type.Optional(Type.Array(Member, { maxItems: 500 })) }, { additionalProperties: false }),
      response: { 201: TeamView },
    },
  }, async (request, reply) => {
    const team = await db.transaction().execute((trx) => createTeam(trx, clock, workspaceAccess(request).workspaceId, request.body));
    reply.status(201);
    return team;
  });

  app.patch('/sales-teams/:id', {
    config: { access: 'members:manage' },
    schema: {
      tags: ['lifecycle'], summary: 'Rename a team, change its lead or its members (capacity, away)', params: IdParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), leadUserId: Type.Optional(Nullable(Uuid)), members: Type.Optional(Type.Array(Member, { maxItems: 500 })) }, { additionalProperties: false }),
      response: { 200: TeamView },
    },
  }, async (request) => db.transaction().execute((trx) => updateTeam(trx, workspaceAccess(request).workspaceId, request.params.id, request.body)));

  app.get('/lead-definitions', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'Every version of the lead definition, newest first, with approvals', response: { 200: Type.Object({ items: Type.Array(DefinitionView) }) } },
  }, async (request) => ({ items: await listDefinitions(db, workspaceAccess(request).workspaceId) }));

  app.post('/lead-definitions', {
    config: { access: 'records:write' },
    schema: { tags: ['lifecycle'], summary: 'Draft a new version (it goes live once marketing and sales approve it)', body: DefinitionBody, response: { 201: DefinitionView } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const definition = await db.transaction().execute((trx) => createDraft(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return definition;
  });

  app.get('/lead-definitions/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'One version', params: IdParams, response: { 200: DefinitionView } },
  }, async (request) => getDefinition(db, workspaceAccess(request).workspaceId, request.params.id));

  app.put('/lead-definitions/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['lifecycle'], summary: 'Edit a draft (its approvals are withdrawn)', params: IdParams, body: DefinitionBody, response: { 200: DefinitionView } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateDraft(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.post('/lead-definitions/:id/approve', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'Approve a draft for your side (marketer or sales); the second side\'s approval makes it live', params: IdParams, response: { 200: DefinitionView } },
  }, async (request) => {
    const access = workspaceAccess(request);
    if (access.actor.type !== 'user') throw badRequest('a person approves a lead definition, not an API key');
    const person = { userId: access.actor.id, role: access.role, label: access.actor.label };
    return db.transaction().execute((trx) => approveDefinition(trx, clock, access.workspaceId, person, request.params.id));
  });

  app.delete('/lead-definitions/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['lifecycle'], summary: 'Withdraw a draft (a live or retired version stays in the history)', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await db.transaction().execute((trx) => withdrawDraft(trx, clock, access.workspaceId, access.actor, request.params.id));
    reply.status(204);
  });

  app.get('/lead-definitions/:id/backtest', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['lifecycle'], summary: 'How many contacts this version would have made MQL in the last N days, and how many of them converted, beside the live version',
      params: IdParams, querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 730, default: 90 }) }), response: { 200: Json },
    },
  }, async (request) => backtest(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.query.days));

  app.get('/leads', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['lifecycle'], summary: 'The sales queue: open leads by SLA urgency and grade (owner=me for my leads)',
      querystring: Type.Object({
        owner: Type.Optional(Type.String({ description: '"me" or a user id' })), teamId: Type.Optional(Uuid),
        status: Type.Optional(Type.String({ description: 'Comma-separated statuses, e.g. new,working' })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(LeadView) }) },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    const { owner, teamId, status, limit } = request.query;
    if (owner === 'me' && access.actor.type !== 'user') throw badRequest('owner=me needs a signed-in person; an API key gives a user id', 'owner');
    const ownerId = owner === 'me' ? access.actor.id : owner;
    if (ownerId && !/^[0-9a-f-]{36}$/i.test(ownerId)) throw badRequest('owner is "me" or a user id', 'owner');
    const statuses = status?.split(',').map((value) => value.trim()).filter(Boolean);
    const known = ['new', 'working', 'nurturing', 'recycled', 'disqualified', 'converted'];
    const unknown = statuses?.find((value) => !known.includes(value));
    if (unknown) throw badRequest(`status ${unknown} is not one of ${known.join(', ')}`, 'status');
    return { items: await listLeads(db, clock, access.workspaceId, { ownerId, teamId, status: statuses as never, limit }) };
  });

  app.get('/leads/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'A lead with why: its score ledger and touchpoint trail', params: IdParams, response: { 200: Json } },
  }, async (request) => explainLead(db, clock, workspaceAccess(request).workspaceId, request.params.id));

  app.post('/leads/:id/accept', {
    config: { access: 'records:write' },
    schema: { tags: ['lifecycle'], summary: 'Accept: the contact becomes SAL', params: IdParams, response: { 200: LeadView } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => acceptLead(trx, clock, access.workspaceId, access, request.params.id));
  });

  app.post('/leads/:id/reject', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lifecycle'], summary: 'Reject with a reason (a note for "other"): recycle to nurturing or disqualify', params: IdParams,
      body: Type.Object({
        reason: Type.Optional(Type.String({ maxLength: 50 })), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        outcome: Type.Optional(Type.Union([Type.Literal('recycle'), Type.Literal('disqualify')])),
      }, { additionalProperties: false }),
      response: { 200: LeadView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => rejectLead(trx, clock, access.workspaceId, access, request.params.id, request.body));
  });

  app.post('/leads/:id/convert', {
    config: { access: 'records:write' },
    schema: {
      tags: ['lifecycle'], summary: 'Convert: a deal with the contact, the contact becomes an opportunity', params: IdParams,
      body: Type.Object({ dealName: Type.Optional(Type.String({ maxLength: 200 })), amount: Type.Optional(Nullable(Type.Number({ minimum: 0 }))), pipelineId: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 200: LeadView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => convertLead(trx, clock, access.workspaceId, access, request.params.id, request.body));
  });

  app.get('/leads/:id/summary', {
    config: { access: 'workspace:read' },
    schema: { tags: ['lifecycle'], summary: 'A lead without its explanation', params: IdParams, response: { 200: LeadView } },
  }, async (request) => getLead(db, clock, workspaceAccess(request).workspaceId, request.params.id));
};
