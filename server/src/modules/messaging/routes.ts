import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { requestConfirmation } from './double-opt-in.js';
import {
  consentOf, createTopic, lawfulBases, listSuppressions, listTopics, messagingSettings, recordConsent, saveMessagingSettings, suppress, unsuppress,
  updateTopic,
} from './consent.js';

const IdParams = Type.Object({ id: Uuid });
const Basis = Type.Union(lawfulBases.map((basis) => Type.Literal(basis)));
const Reason = Type.Union(['hard_bounce', 'complaint', 'unsubscribe', 'manual'].map((reason) => Type.Literal(reason)));
const Json = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const Topic = Type.Object({ id: Uuid, key: Type.String(), name: Type.String(), description: Nullable(Type.String()), createdAt: DateTime, archived: Type.Boolean() });
const Settings = Type.Object({
  marketingBasis: Type.Union([Type.Literal('consent'), Type.Literal('consent_or_legitimate_interest')]), doubleOptIn: Type.Boolean(),
}, { additionalProperties: false });
const Suppression = Type.Object({ email: Type.String(), reason: Type.String(), note: Nullable(Type.String()), createdAt: DateTime });

/** Consent per contact, the suppression list, subscription topics and what marketing email requires. */
export const messagingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/contacts/:id/consent', {
    config: { access: 'workspace:read' },
    schema: { tags: ['consent'], summary: 'Whether marketing email may go to the contact and why; consent per purpose; the history', params: IdParams, response: { 200: Json } },
  }, async (request) => consentOf(db, workspaceAccess(request).workspaceId, request.params.id));

  app.post('/contacts/:id/consent', {
    config: { access: 'records:write' },
    schema: {
      tags: ['consent'], summary: 'Record consent given or withdrawn (purpose marketing_email or topic:<key>)', params: IdParams,
      body: Type.Object({
        purpose: Type.String({ maxLength: 100 }), status: Type.Union([Type.Literal('granted'), Type.Literal('withdrawn')]), lawfulBasis: Type.Optional(Basis),
        source: Type.String({ minLength: 1, maxLength: 100 }), wording: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))), ip: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
        confirmByEmail: Type.Optional(Type.Boolean({ description: 'Double opt-in: keep the consent pending and email the person a link to confirm it' })),
      }, { additionalProperties: false }),
      response: { 200: Json },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    const { confirmByEmail, ...input } = request.body;
    if (confirmByEmail && input.status !== 'granted') throw badRequest('only consent given is confirmed by email', 'confirmByEmail');
    return db.transaction().execute((trx) => (confirmByEmail
      ? requestConfirmation(trx, clock, ctx.config.publicUrl, access.workspaceId, access.actor, request.params.id, input)
      : recordConsent(trx, clock, access.workspaceId, access.actor, request.params.id, input)));
  });

  app.get('/suppressions', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['consent'], summary: 'Suppressed addresses, newest first',
      querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 320 })), limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(Suppression) }) },
    },
  }, async (request) => listSuppressions(db, workspaceAccess(request).workspaceId, request.query));

  app.post('/suppressions', {
    config: { access: 'records:write' },
    schema: {
      tags: ['consent'], summary: 'Suppress an address (no marketing email, whatever the consent)',
      body: Type.Object({ email: Type.String({ maxLength: 320 }), reason: Type.Optional(Reason), note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }, { additionalProperties: false }),
      response: { 201: Suppression },
    },
  }, async (request, reply) => {
    const suppressed = await db.transaction().execute((trx) => suppress(trx, clock, workspaceAccess(request).workspaceId, { reason: 'manual', ...request.body }));
    reply.status(201);
    return suppressed;
  });

  app.delete('/suppressions/:email', {
    config: { access: 'records:write' },
    schema: { tags: ['consent'], summary: 'Lift a suppression', params: Type.Object({ email: Type.String({ maxLength: 320 }) }) },
  }, async (request, reply) => {
    await db.transaction().execute((trx) => unsuppress(trx, clock, workspaceAccess(request).workspaceId, request.params.email));
    reply.status(204);
  });

  app.get('/subscription-topics', {
    config: { access: 'workspace:read' },
    schema: { tags: ['consent'], summary: 'The preference centre\'s topics', response: { 200: Type.Object({ items: Type.Array(Topic) }) } },
  }, async (request) => ({ items: await listTopics(db, workspaceAccess(request).workspaceId) }));

  app.post('/subscription-topics', {
    config: { access: 'fields:manage' },
    schema: {
      tags: ['consent'], summary: 'Add a topic',
      body: Type.Object({ key: Type.String({ maxLength: 50 }), name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))) }, { additionalProperties: false }),
      response: { 201: Topic },
    },
  }, async (request, reply) => {
    const topic = await createTopic(db, clock, workspaceAccess(request).workspaceId, request.body);
    reply.status(201);
    return topic;
  });

  app.patch('/subscription-topics/:id', {
    config: { access: 'fields:manage' },
    schema: {
      tags: ['consent'], summary: 'Rename, describe or archive a topic', params: IdParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))), archived: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Topic },
    },
  }, async (request) => updateTopic(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.body));

  app.get('/messaging/settings', {
    config: { access: 'workspace:read' },
    schema: { tags: ['consent'], summary: 'The lawful basis marketing email requires, and double opt-in', response: { 200: Settings } },
  }, async (request) => messagingSettings(db, workspaceAccess(request).workspaceId));

  app.put('/messaging/settings', {
    config: { access: 'fields:manage' },
    schema: { tags: ['consent'], summary: 'Change what marketing email requires', body: Settings, response: { 200: Settings } },
  }, async (request) => saveMessagingSettings(db, clock, workspaceAccess(request).workspaceId, request.body));
};
