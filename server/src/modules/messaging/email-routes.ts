import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { getWorkspace } from '../accounts/index.js';
import { contactsWithCompanies } from '../contacts/index.js';
import { render } from './compile.js';
import { webhookUrl } from './bounce-intake.js';
import { cancelBroadcast, createBroadcast, getBroadcast, listBroadcasts, messageStats } from './broadcasts.js';
import { addDomain, listDomains, removeDomain } from './domains.js';
import { listMessages, queueMessages } from './messages.js';
import { saveSendLimits, sendLimitsOf } from './send-limits.js';
import { archiveTemplate, compileOrRefuse, createTemplate, getTemplate, listSnippets, listTemplates, saveSnippet, updateTemplate } from './templates.js';

const IdParams = Type.Object({ id: Uuid });
const Kind = Type.Union([Type.Literal('marketing'), Type.Literal('transactional')]);
const TemplateBody = {
  name: Type.String({ minLength: 1, maxLength: 200 }), kind: Kind, topicKey: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  subject: Type.String({ minLength: 1, maxLength: 500 }), preheader: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), mjml: Type.String({ minLength: 1, maxLength: 500_000 }),
};
const TemplateView = Type.Object({
  id: Uuid, name: Type.String(), kind: Kind, topicKey: Nullable(Type.String()), subject: Type.String(), preheader: Nullable(Type.String()), mjml: Type.String(),
  version: Type.Integer(), createdAt: DateTime, updatedAt: DateTime,
});
const Json = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const Rendered = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });

/** Templates and snippets, previews, the transactional API, the ledger and sending domains. */
export const emailRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/email/templates', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'Email templates', response: { 200: Type.Object({ items: Type.Array(TemplateView) }) } },
  }, async (request) => ({ items: await listTemplates(db, workspaceAccess(request).workspaceId) }));

  app.post('/email/templates', {
    config: { access: 'records:write' },
    schema: { tags: ['email'], summary: 'Create a template (MJML layout, Liquid merge fields); it must compile', body: Type.Object(TemplateBody, { additionalProperties: false }), response: { 201: TemplateView } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const template = await db.transaction().execute((trx) => createTemplate(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return template;
  });

  app.get('/email/templates/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'One template', params: IdParams, response: { 200: TemplateView } },
  }, async (request) => getTemplate(db, workspaceAccess(request).workspaceId, request.params.id));

  app.patch('/email/templates/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['email'], summary: 'Change a template (a new version)', params: IdParams,
      body: Type.Partial(Type.Object(TemplateBody), { additionalProperties: false }), response: { 200: TemplateView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateTemplate(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/email/templates/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['email'], summary: 'Archive a template', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await archiveTemplate(db, clock, access.workspaceId, access.actor, request.params.id);
    reply.status(204);
  });

  app.get('/email/templates/:id/report', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['email'], summary: 'Every message sent from a template: sent, skipped, failed, bounces by class, human opens and clicks, clicks by link, unsubscribes, complaints',
      params: IdParams, response: { 200: Json },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    await getTemplate(db, workspaceId, request.params.id);
    return messageStats(db, workspaceId, { templateId: request.params.id });
  });

  app.post('/email/preview', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['email'], summary: 'Render a template as a given contact (or with sample data), without sending: the editor\'s live preview',
      body: Type.Object({
        subject: Type.String({ maxLength: 500 }), preheader: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), mjml: Type.String({ maxLength: 500_000 }),
        contactId: Type.Optional(Uuid), data: Type.Optional(Json),
      }, { additionalProperties: false }),
      response: { 200: Rendered },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const compiled = await compileOrRefuse(db, workspaceId, request.body);
    const merge = request.body.contactId ? (await contactsWithCompanies(db, workspaceId, [request.body.contactId])).get(request.body.contactId) : undefined;
    const contact = merge?.contact ?? { firstName: 'Alex', lastName: 'Example', email: 'alex@example.com', custom: {} };
    return render(compiled, {
      contact: { ...contact, name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') }, company: merge?.company ?? { name: 'Example Oy', custom: {} },
      owner: {}, workspace: { name: (await getWorkspace(db, workspaceId)).name }, data: request.body.data ?? {}, unsubscribe_url: '#unsubscribe', preferences_url: '#preferences',
    });
  });

  app.get('/email/snippets', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'Reusable MJML pieces, placed in templates with {% snippet "key" %}', response: { 200: Type.Object({ items: Type.Array(Json) }) } },
  }, async (request) => ({ items: await listSnippets(db, workspaceAccess(request).workspaceId) }));

  app.put('/email/snippets/:key', {
    config: { access: 'records:write' },
    schema: {
      tags: ['email'], summary: 'Create or change a snippet', params: Type.Object({ key: Type.String({ maxLength: 50 }) }),
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), content: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false }),
      response: { 200: Json },
    },
  }, async (request) => saveSnippet(db, clock, workspaceAccess(request).workspaceId, request.params.key, request.body));

  app.post('/messages', {
    config: { access: 'records:write' },
    schema: {
      tags: ['email'], summary: 'Send an email: a template or raw MJML, to a contact or (transactional only) an address; queued and sent in the background',
      body: Type.Object({
        contactId: Type.Optional(Uuid), to: Type.Optional(Type.String({ maxLength: 320 })), templateId: Type.Optional(Uuid),
        content: Type.Optional(Type.Object({ subject: Type.String({ minLength: 1, maxLength: 500 }), mjml: Type.String({ maxLength: 500_000 }), kind: Kind }, { additionalProperties: false })),
        data: Type.Optional(Json), idempotencyKey: Type.Optional(Type.String({ maxLength: 200 })),
      }, { additionalProperties: false }),
      response: { 202: Type.Object({ id: Uuid, state: Type.String() }) },
    },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const [id] = await db.transaction().execute((trx) => queueMessages(trx, clock, workspaceId, [request.body as never]));
    reply.status(202);
    return { id: id!, state: 'queued' };
  });

  app.get('/messages', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['email'], summary: 'The send ledger, newest first',
      querystring: Type.Object({
        contactId: Type.Optional(Uuid), broadcastId: Type.Optional(Uuid), templateId: Type.Optional(Uuid), state: Type.Optional(Type.String({ maxLength: 20 })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(Json) }) },
    },
  }, async (request) => ({ items: await listMessages(db, workspaceAccess(request).workspaceId, request.query) }));

  app.get('/broadcasts', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'Broadcasts, newest first', response: { 200: Type.Object({ items: Type.Array(Json) }) } },
  }, async (request) => ({ items: await listBroadcasts(db, workspaceAccess(request).workspaceId) }));

  app.post('/broadcasts', {
    config: { access: 'records:write' },
    schema: {
      tags: ['email'], summary: 'Schedule a template to a segment or list: now, at a time, or at a local hour in each contact\'s time zone; optionally throttled',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }), templateId: Uuid,
        audience: Type.Object({ kind: Type.Union([Type.Literal('segment'), Type.Literal('list')]), id: Uuid }, { additionalProperties: false }),
        schedule: Type.Union([Type.Literal('now'), Type.Literal('at'), Type.Literal('local_hour')]),
        sendAt: Type.Optional(Nullable(DateTime)), localHour: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 23 }))),
        perMinute: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1_000_000 }))),
      }, { additionalProperties: false }),
      response: { 201: Json },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const broadcast = await db.transaction().execute((trx) => createBroadcast(trx, clock, access.workspaceId, access.actor, request.body as never));
    reply.status(201);
    return broadcast;
  });

  app.get('/broadcasts/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'A broadcast with its report: sent, skipped, bounces, human opens and clicks, clicks by link', params: IdParams, response: { 200: Json } },
  }, async (request) => getBroadcast(db, workspaceAccess(request).workspaceId, request.params.id));

  app.post('/broadcasts/:id/cancel', {
    config: { access: 'records:write' },
    schema: { tags: ['email'], summary: 'Cancel a scheduled broadcast', params: IdParams, response: { 200: Json } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return cancelBroadcast(db, clock, access.workspaceId, access.actor, request.params.id);
  });

  app.get('/email/bounce-settings', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['email'], summary: 'Where bounces and complaints reach Tandem: the provider webhook URL (Amazon SES events through SNS) and the SMTP listener port',
      response: { 200: Type.Object({ webhookUrl: Type.String(), smtpListenerPort: Nullable(Type.Integer()) }) },
    },
  }, async (request) => ({
    webhookUrl: await webhookUrl(db, ctx.config.publicUrl, workspaceAccess(request).workspaceId),
    smtpListenerPort: ctx.config.bounceSmtpPort || null,
  }));

  const Limits = Type.Object({
    quietHours: Nullable(Type.Object({
      start: Type.Integer({ minimum: 0, maximum: 23 }), end: Type.Integer({ minimum: 0, maximum: 23 }), timezone: Type.String({ minLength: 1, maxLength: 100 }),
    }, { additionalProperties: false })),
    frequencyCap: Nullable(Type.Object({ count: Type.Integer({ minimum: 1, maximum: 1000 }), days: Type.Integer({ minimum: 1, maximum: 365 }) }, { additionalProperties: false })),
  }, { additionalProperties: false });

  app.get('/email/send-limits', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'Quiet hours and the frequency cap every automated marketing send obeys', response: { 200: Limits } },
  }, async (request) => sendLimitsOf(db, workspaceAccess(request).workspaceId));

  app.put('/email/send-limits', {
    config: { access: 'fields:manage' },
    schema: { tags: ['email'], summary: 'Change quiet hours and the frequency cap', body: Limits, response: { 200: Limits } },
  }, async (request) => saveSendLimits(db, clock, workspaceAccess(request).workspaceId, request.body));

  app.get('/sending-domains', {
    config: { access: 'workspace:read' },
    schema: { tags: ['email'], summary: 'Sending domains with the DNS records to publish (DKIM, SPF, DMARC)', response: { 200: Type.Object({ items: Type.Array(Json) }) } },
  }, async (request) => ({ items: await listDomains(db, workspaceAccess(request).workspaceId) }));

  app.post('/sending-domains', {
    config: { access: 'fields:manage' },
    schema: {
      tags: ['email'], summary: 'Add a sending domain; a DKIM key is made for it',
      body: Type.Object({
        domain: Type.String({ maxLength: 253 }), fromEmail: Type.String({ maxLength: 320 }), fromName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), isDefault: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 201: Json },
    },
  }, async (request, reply) => {
    const domain = await db.transaction().execute((trx) => addDomain(trx, clock, workspaceAccess(request).workspaceId, request.body));
    reply.status(201);
    return domain;
  });

  app.delete('/sending-domains/:id', {
    config: { access: 'fields:manage' },
    schema: { tags: ['email'], summary: 'Remove a sending domain', params: IdParams },
  }, async (request, reply) => {
    await removeDomain(db, workspaceAccess(request).workspaceId, request.params.id);
    reply.status(204);
  });
};
