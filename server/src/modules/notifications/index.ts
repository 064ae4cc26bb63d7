import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, Nullable } from '../../platform/http/schema-types.js';
import type { TandemModule } from '../../platform/module.js';
import { emailNotifications, emailQueue, listNotifications, markRead } from './notifications.js';

export { notify, notifyEach, type NotificationInput } from './notifications.js';

const Notification = Type.Object({
  id: Type.Integer(), kind: Type.String(), title: Type.String(), body: Nullable(Type.String()), link: Nullable(Type.String()), createdAt: DateTime, readAt: Nullable(DateTime),
});

/** The signed-in person's notifications; an API key has no person to notify. */
function personOf(request: Parameters<typeof workspaceAccess>[0]) {
  const access = workspaceAccess(request);
  if (access.actor.type !== 'user') throw badRequest('notifications belong to a signed-in person, not an API key');
  return { workspaceId: access.workspaceId, userId: access.actor.id };
}

const routes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/notifications', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['notifications'], summary: 'My notifications, newest first, with the unread count',
      querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Type.Integer({ minimum: 1, maximum: 200, default: 30 }) }),
      response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(Notification) }) },
    },
  }, async (request) => {
    const { workspaceId, userId } = personOf(request);
    return listNotifications(ctx.db, workspaceId, userId, { unreadOnly: request.query.unread, limit: request.query.limit });
  });

  app.post('/notifications/read', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['notifications'], summary: 'Mark notifications read (all when no ids are given)',
      body: Type.Object({ ids: Type.Optional(Type.Array(Type.Integer(), { maxItems: 500 })) }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    const { workspaceId, userId } = personOf(request);
    await markRead(ctx.db, ctx.clock, workspaceId, userId, request.body.ids ?? 'all');
    reply.status(204);
  });
};

/** In-app notifications (a lead assigned to you, an SLA reminder, an escalation), copied by email. */
export const notificationsModule: TandemModule = {
  name: 'notifications',
  routes,
  jobs: (ctx) => ({
    [emailQueue]: async (job) => emailNotifications(ctx.db, ctx.clock, ctx.config, ctx.logger, job.workspaceId!, job.payload.ids as number[]),
  }),
};
