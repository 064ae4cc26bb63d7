import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type Authenticator, type RouteAccess, type SessionUser, type WorkspaceAccess, roleAllows, sessionCookie,
} from './access.js';
import { forbidden, unauthorized } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every API route and its declared access, for docs and the tenancy test. */
    routeCatalog: { method: string; url: string; access: RouteAccess }[];
  }
  interface FastifyRequest {
    session: SessionUser | null;
    access: WorkspaceAccess | null;
  }
}

/**
 * Resolves the caller of every request and enforces the route's declared access. A route
 * under /api/v1 that declares none is refused at start-up, so no route is open by mistake.
 */
export function registerAccessHook(app: FastifyInstance, authenticator: Authenticator) {
  app.decorateRequest('session', null);
  app.decorateRequest('access', null);

  app.decorate('routeCatalog', []);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.routeCatalog.push({ method, url: route.url, access });
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public') return;

    const bearer = bearerToken(request);
    if (bearer && access !== 'session') {
      const keyAccess = await authenticator.fromSecretKey(bearer);
      if (!keyAccess) throw unauthorized('The API key is unknown or revoked');
      if (!roleAllows(keyAccess.role, access)) throw forbidden(`This API key's role (${keyAccess.role}) does not allow this`);
      request.access = keyAccess;
      return;
    }

    const token = request.cookies[sessionCookie];
    const session = token ? await authenticator.fromSessionToken(token) : null;
    if (!session) throw unauthorized();
    request.session = session;
    if (access === 'session') return;
    if (!session.workspaceId || !session.role) throw forbidden('Open a workspace you are a member of first');
    if (!roleAllows(session.role, access)) throw forbidden(`Your role (${session.role}) does not allow this`);
    request.access = {
      workspaceId: session.workspaceId,
      role: session.role,
      actor: { type: 'user', id: session.userId, label: session.email },
    };
  });
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice('Bearer '.length).trim() || null;
}

/** The workspace access of a route that declared a permission (set by the hook). */
export function workspaceAccess(request: FastifyRequest): WorkspaceAccess {
  if (!request.access) throw unauthorized();
  return request.access;
}

/** The signed-in person of a route that declared `session` access. */
export function sessionUser(request: FastifyRequest): SessionUser {
  if (!request.session) throw unauthorized();
  return request.session;
}
