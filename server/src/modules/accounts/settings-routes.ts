import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { Uuid } from '../../platform/http/schema-types.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.js';
import { listAudit } from './audit.js';
import { createInvitation, listPendingInvitations, revokeInvitation } from './invitations.js';
import { ApiKey, AuditItem, Email, Invitation, Member, RoleSchema, Workspace } from './schemas.js';
import { changeMemberRole, getWorkspace, listMembers, removeMember } from './workspaces.js';

/** Workspace settings: members and roles, invitations, API keys, the audit log. */
export const settingsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const UserParams = Type.Object({ userId: Uuid });
  const IdParams = Type.Object({ id: Uuid });
  const actorUserId = (access: ReturnType<typeof workspaceAccess>) => (access.actor.type === 'user' ? access.actor.id : null);

  app.get('/workspace', {
    config: { access: 'workspace:read' },
    schema: { tags: ['workspace'], summary: 'The workspace this session or key acts in', response: { 200: Workspace } },
  }, async (request) => getWorkspace(ctx.db, workspaceAccess(request).workspaceId));

  app.get('/members', {
    config: { access: 'workspace:read' },
    schema: { tags: ['workspace'], summary: 'Members and their roles', response: { 200: Type.Object({ items: Type.Array(Member) }) } },
  }, async (request) => ({ items: await listMembers(ctx.db, workspaceAccess(request).workspaceId) }));

  app.patch('/members/:userId', {
    config: { access: 'members:manage' },
    schema: { tags: ['workspace'], summary: "Change a member's role", params: UserParams,
      body: Type.Object({ role: RoleSchema }), response: { 200: Member } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return changeMemberRole(ctx.db, ctx.clock, {
      workspaceId: access.workspaceId, userId: request.params.userId, role: request.body.role, actor: access.actor, ip: request.ip,
    });
  });

  app.delete('/members/:userId', {
    config: { access: 'members:manage' },
    schema: { tags: ['workspace'], summary: 'Remove a member from the workspace', params: UserParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await removeMember(ctx.db, ctx.clock, { workspaceId: access.workspaceId, userId: request.params.userId, actor: access.actor, ip: request.ip });
    return reply.status(204).send();
  });

  app.get('/invitations', {
    config: { access: 'members:manage' },
    schema: { tags: ['workspace'], summary: 'Pending invitations', response: { 200: Type.Object({ items: Type.Array(Invitation) }) } },
  }, async (request) => ({ items: await listPendingInvitations(ctx.db, ctx.clock, workspaceAccess(request).workspaceId) }));

  app.post('/invitations', {
    config: { access: 'members:manage' },
    schema: { tags: ['workspace'], summary: 'Invite a person with a role; returns the link to pass on',
      body: Type.Object({ email: Email, role: RoleSchema }),
      response: { 201: Type.Object({ id: Uuid, email: Type.String(), role: RoleSchema, expiresAt: Invitation.properties.expiresAt, inviteUrl: Type.String() }) } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const invitation = await createInvitation(ctx.db, ctx.clock, {
      workspaceId: access.workspaceId, email: request.body.email, role: request.body.role,
      invitedBy: actorUserId(access), actor: access.actor, ip: request.ip,
    });
    reply.status(201);
    const { token, ...rest } = invitation;
    return { ...rest, inviteUrl: `${ctx.config.publicUrl}/invite/${token}` };
  });

  app.delete('/invitations/:id', {
    config: { access: 'members:manage' },
    schema: { tags: ['workspace'], summary: 'Revoke a pending invitation', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await revokeInvitation(ctx.db, ctx.clock, { workspaceId: access.workspaceId, id: request.params.id, actor: access.actor, ip: request.ip });
    return reply.status(204).send();
  });

  app.get('/api-keys', {
    config: { access: 'api_keys:manage' },
    schema: { tags: ['api keys'], summary: 'Secret API keys and public write keys', response: { 200: Type.Object({ items: Type.Array(ApiKey) }) } },
  }, async (request) => ({ items: await listApiKeys(ctx.db, workspaceAccess(request).workspaceId) }));

  app.post('/api-keys', {
    config: { access: 'api_keys:manage' },
    schema: { tags: ['api keys'], summary: 'Create a key; a secret key is returned in full only this once',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        kind: Type.Union([Type.Literal('secret'), Type.Literal('write')]),
        role: Type.Optional(RoleSchema),
      }),
      response: { 201: Type.Intersect([ApiKey, Type.Object({ key: Type.String() })]) } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const key = await ctx.db.transaction().execute((trx) => createApiKey(trx, ctx.clock, {
      workspaceId: access.workspaceId, ...request.body, actor: access.actor, createdBy: actorUserId(access), ip: request.ip,
    }));
    reply.status(201);
    return key;
  });

  app.delete('/api-keys/:id', {
    config: { access: 'api_keys:manage' },
    schema: { tags: ['api keys'], summary: 'Revoke a key (it stops working at once)', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await revokeApiKey(ctx.db, ctx.clock, { workspaceId: access.workspaceId, id: request.params.id, actor: access.actor, ip: request.ip });
    return reply.status(204).send();
  });

  app.get('/audit-log', {
    config: { access: 'audit:read' },
    schema: { tags: ['workspace'], summary: 'Admin actions, newest first',
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), before: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: { 200: Type.Object({ items: Type.Array(AuditItem) }) } },
  }, async (request) => ({
    items: await listAudit(ctx.db, workspaceAccess(request).workspaceId, request.query),
  }));
};
