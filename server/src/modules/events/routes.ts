import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { createApiKey, listApiKeys } from '../accounts/index.js';
import { getContact } from '../contacts/index.js';
import { contactTracking, getEvent, listEvents } from './queries.js';
import { getTrackingSettings, updateTrackingSettings } from './settings.js';
import { eventTypes } from './tables.js';

const EventTypeSchema = Type.Unsafe<(typeof eventTypes)[number]>({ type: 'string', enum: [...eventTypes] });
const Json = Type.Record(Type.String(), Type.Unknown());

const EventView = Type.Object({
  id: Type.Integer(), type: EventTypeSchema, name: Nullable(Type.String()), messageId: Type.String(),
  anonymousId: Nullable(Type.String()), userId: Nullable(Type.String()),
  contact: Nullable(Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()) })),
  sessionId: Nullable(Type.String()), channel: Type.String(), touchOwner: Type.String(), pagePath: Nullable(Type.String()),
  occurredAt: DateTime, receivedAt: DateTime, payload: Json,
});

const Settings = Type.Object({
  retentionDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'Events older than this are deleted' }),
  respectDoNotTrack: Type.Boolean({ description: 'Store nothing from browsers that send Do-Not-Track' }),
  requireConsent: Type.Boolean({ description: 'The snippet sends nothing until the visitor consents (tandem.consent(true))' }),
  ownDomains: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 100, description: 'Other hosts of the brand: navigation between them is not a referral' }),
  partnerDomains: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 500, description: 'Referrals from these hosts are partner-owned touchpoints' }),
  traitMappings: Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 100 }), { description: 'trait → contact field (jobTitle, custom.plan …)' }),
}, { additionalProperties: false });

const SettingsView = Type.Intersect([Settings, Type.Object({
  scriptUrl: Type.String({ description: 'Where the browser tracker is served' }),
  collectUrl: Type.String({ description: 'Base URL of the Segment-compatible collection API' }),
  writeKeys: Type.Array(Type.Object({ id: Uuid, name: Type.String(), key: Type.String() })),
})]);

/** The live event view, a contact's tracking identity and the workspace's tracking settings. */
export const eventRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock, config } = ctx;

  app.get('/events', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['events'], summary: 'Events as they arrive, newest first (poll with after=<newest id> for a live view)',
      querystring: Type.Object({
        type: Type.Optional(EventTypeSchema), name: Type.Optional(Type.String({ maxLength: 200 })), contactId: Type.Optional(Uuid),
        anonymousId: Type.Optional(Type.String({ maxLength: 500 })), userId: Type.Optional(Type.String({ maxLength: 500 })),
        after: Type.Optional(Type.Integer({ minimum: 0 })), before: Type.Optional(Type.Integer({ minimum: 0 })),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(EventView), nextBefore: Nullable(Type.Integer()) }) },
    },
  }, async (request) => listEvents(db, workspaceAccess(request).workspaceId, request.query));

  app.get('/events/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['events'], summary: 'One event with its raw payload and resolved contact', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: EventView } },
  }, async (request) => getEvent(db, workspaceAccess(request).workspaceId, request.params.id));

  app.get('/contacts/:id/tracking', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['events'], summary: "A contact's ids (userId, external ids), browsers and web visits", params: Type.Object({ id: Uuid }),
      response: { 200: Type.Object({
        identities: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), createdAt: DateTime })),
        visitors: Type.Array(Type.Object({ key: Type.String(), userId: Nullable(Type.String()), firstSeenAt: DateTime, lastSeenAt: DateTime })),
        sessions: Type.Array(Type.Object({
          id: Type.String(), startedAt: DateTime, lastEventAt: DateTime, eventCount: Type.Integer(), pageCount: Type.Integer(),
          channel: Type.String(), touchOwner: Type.String(), source: Nullable(Type.String()), medium: Nullable(Type.String()),
          campaign: Nullable(Type.String()), referrer: Nullable(Type.String()), landingPage: Nullable(Type.String()),
        })),
      }) },
    },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const contact = await getContact(db, workspaceId, request.params.id);
    return contactTracking(db, workspaceId, contact.id);
  });

  async function settingsView(workspaceId: string) {
    const keys = await listApiKeys(db, workspaceId);
    return {
      ...(await getTrackingSettings(db, workspaceId)),
      scriptUrl: `${config.publicUrl}/t.js`, collectUrl: config.publicUrl,
      writeKeys: keys.filter((key) => key.kind === 'write' && !key.revokedAt && key.publicKey).map((key) => ({ id: key.id, name: key.name, key: key.publicKey! })),
    };
  }

  app.get('/tracking/settings', {
    config: { access: 'workspace:read' },
    schema: { tags: ['events'], summary: 'Tracking settings, write keys and where the snippet loads from', response: { 200: SettingsView } },
  }, async (request) => settingsView(workspaceAccess(request).workspaceId));

  // Write keys only send events (they are public in every page), so whoever sets up
  // tracking may make one without the right to manage the API's secret keys.
  app.post('/tracking/write-keys', {
    config: { access: 'tracking:manage' },
    schema: {
      tags: ['events'], summary: 'Create a write key for the snippet and the Segment libraries',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Uuid, name: Type.String(), key: Type.String() }) },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const key = await db.transaction().execute((trx) => createApiKey(trx, clock, {
      workspaceId: access.workspaceId, kind: 'write', name: request.body.name, actor: access.actor,
      createdBy: access.actor.type === 'user' ? access.actor.id : null, ip: request.ip,
    }));
    reply.status(201);
    return { id: key.id, name: key.name, key: key.key };
  });

  app.put('/tracking/settings', {
    config: { access: 'tracking:manage' },
    schema: { tags: ['events'], summary: 'Change retention, consent, Do-Not-Track, domains and trait mappings', body: Type.Partial(Settings), response: { 200: SettingsView } },
  }, async (request) => {
    const access = workspaceAccess(request);
    await db.transaction().execute((trx) => updateTrackingSettings(trx, clock, access.workspaceId, access.actor, request.body));
    return settingsView(access.workspaceId);
  });
};
