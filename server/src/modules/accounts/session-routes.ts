import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { sessionCookie } from '../../platform/http/access.js';
import { sessionUser } from '../../platform/http/access-hook.js';
import { forbidden } from '../../platform/http/errors.js';
import { consumeRateLimit } from '../../platform/security/rate-limit.js';
import { tooManyRequests } from '../../platform/http/errors.js';
import { completeSetup, describeMe, setupStatus, verifyLogin } from './authentication.js';
import { acceptInvitation, describeInvitation } from './invitations.js';
import { Email, Me, Password, RoleSchema } from './schemas.js';
import { createSession, deleteSession, setSessionWorkspace } from './sessions.js';
import { addMember, createWorkspace, workspacesOfUser } from './workspaces.js';
import { Uuid } from '../../platform/http/schema-types.js';

/** Sign-in, sign-out, first-run set-up, invitations being accepted, and the workspace switcher. */
export const sessionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const startSession = async (reply: FastifyReply, userId: string, workspaceId: string | null, ip: string, userAgent?: string) => {
    const session = await createSession(ctx.db, ctx.clock, { userId, workspaceId, ip, userAgent });
    reply.setCookie(sessionCookie, session.token, {
      httpOnly: true, sameSite: 'lax', secure: ctx.config.secureCookies, path: '/', expires: session.expiresAt,
    });
    return describeMe(ctx, { userId, workspaceId });
  };

  // Public endpoints that check a secret (setup, invitation tokens) are rate-limited per IP.
  const limitPublic = async (ip: string, name: string) => {
    const verdict = await consumeRateLimit(ctx.db, ctx.clock, `${name}:ip:${ip}`, { limit: 30, windowSeconds: 600 });
    if (!verdict.allowed) throw tooManyRequests(`Too many requests; try again in ${verdict.retryAfterSeconds} s`, verdict.retryAfterSeconds);
  };

  app.get('/setup', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Whether the first admin account still has to be created',
      response: { 200: Type.Object({ needed: Type.Boolean(), workspaceName: Type.Union([Type.String(), Type.Null()]) }) } },
  }, async () => setupStatus(ctx));

  app.post('/setup', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Create the first admin account (first run only)',
      body: Type.Object({ email: Email, name: Type.String({ maxLength: 200 }), password: Password }),
      response: { 201: Me } },
  }, async (request, reply) => {
    await limitPublic(request.ip, 'setup');
    const { userId, workspaceId } = await completeSetup(ctx, { ...request.body, ip: request.ip });
    reply.status(201);
    return startSession(reply, userId, workspaceId, request.ip, request.headers['user-agent']);
  });

  app.post('/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Sign in with email and password (sets the session cookie)',
      body: Type.Object({ email: Email, password: Password }), response: { 200: Me } },
  }, async (request, reply) => {
    const { userId, defaultWorkspaceId } = await verifyLogin(ctx, { ...request.body, ip: request.ip });
    return startSession(reply, userId, defaultWorkspaceId, request.ip, request.headers['user-agent']);
  });

  app.post('/auth/logout', {
    config: { access: 'session' },
    schema: { tags: ['session'], summary: 'Sign out (ends this session)' },
  }, async (request, reply) => {
    await deleteSession(ctx.db, sessionUser(request).tokenHash);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/me', {
    config: { access: 'session' },
    schema: { tags: ['session'], summary: 'The signed-in person, the open workspace and all of theirs', response: { 200: Me } },
  }, async (request) => describeMe(ctx, sessionUser(request)));

  app.post('/me/workspace', {
    config: { access: 'session' },
    schema: { tags: ['session'], summary: 'Switch the open workspace', body: Type.Object({ workspaceId: Uuid }), response: { 200: Me } },
  }, async (request) => {
    const session = sessionUser(request);
    const workspaces = await workspacesOfUser(ctx.db, session.userId);
    if (!workspaces.some((w) => w.id === request.body.workspaceId)) throw forbidden('You are not a member of that workspace');
    await setSessionWorkspace(ctx.db, session.tokenHash, request.body.workspaceId);
    return describeMe(ctx, { userId: session.userId, workspaceId: request.body.workspaceId });
  });

  app.post('/workspaces', {
    config: { access: 'session' },
    schema: { tags: ['session'], summary: 'Create a workspace; the caller becomes its admin and opens it',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 201: Me } },
  }, async (request, reply) => {
    const session = sessionUser(request);
    const workspace = await ctx.db.transaction().execute(async (trx) => {
      const created = await createWorkspace(trx, request.body.name);
      await addMember(trx, ctx.clock, {
        workspaceId: created.id, userId: session.userId, role: 'admin',
        actor: { type: 'user', id: session.userId, label: session.email }, ip: request.ip,
      });
      return created;
    });
    await setSessionWorkspace(ctx.db, session.tokenHash, workspace.id);
    reply.status(201);
    return describeMe(ctx, { userId: session.userId, workspaceId: workspace.id });
  });

  const InvitationToken = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

  app.get('/invitations/accept/:token', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Describe an invitation before accepting it', params: InvitationToken,
      response: { 200: Type.Object({ email: Type.String(), role: RoleSchema, workspaceName: Type.String(), userExists: Type.Boolean() }) } },
  }, async (request) => {
    await limitPublic(request.ip, 'invitation');
    return describeInvitation(ctx.db, ctx.clock, request.params.token);
  });

  app.post('/invitations/accept/:token', {
    config: { access: 'public' },
    schema: { tags: ['session'], summary: 'Accept an invitation (new people set a name and password)', params: InvitationToken,
      body: Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), password: Password }), response: { 200: Me } },
  }, async (request, reply) => {
    await limitPublic(request.ip, 'invitation');
    const { userId, workspaceId } = await acceptInvitation(ctx.db, ctx.clock, { token: request.params.token, ...request.body, ip: request.ip });
    return startSession(reply, userId, workspaceId, request.ip, request.headers['user-agent']);
  });
};
