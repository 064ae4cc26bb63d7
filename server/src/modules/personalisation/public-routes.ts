import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { badRequest, unauthorized } from '../../platform/http/errors.js';
import { AddressRateLimit, writeKeyResolver } from '../events/index.js';
import { impressionCounter } from './impressions.js';
import { resolveSlots } from './resolve.js';

type Query = { writeKey?: string; anonymousId?: string; userId?: string; keys?: string };

/**
 * `GET /v1/slots?writeKey=…&anonymousId=…&keys=home-hero,pricing`: the content of each slot
 * for this visitor — the first segment rule their contact matches, or the default. A plain
 * GET with the public write key in the query, so a browser sends it without a preflight.
 */
export function personalisationPublicRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    const workspaceOf = writeKeyResolver(ctx);
    const rateLimit = new AddressRateLimit(ctx.config.ingestRatePerIp, 'personalisation requests');
    const impressions = impressionCounter(ctx);
    app.addHook('onClose', async () => impressions.flush());

    app.get<{ Querystring: Query }>('/v1/slots', {
      config: { access: 'public' },
      schema: {
        tags: ['personalisation'], summary: 'Public: the content of each named slot for one website visitor (what t.js calls)', security: [],
        querystring: {
          type: 'object',
          properties: {
            writeKey: { type: 'string', description: 'the workspace\'s public write key' }, anonymousId: { type: 'string', description: 'at most 200 characters' }, userId: { type: 'string', description: 'at most 500 characters' },
            keys: { type: 'string', description: 'comma-separated slot keys, at most 20' },
          },
        },
      },
    }, async (request, reply) => {
      const started = performance.now();
      reply.header('access-control-allow-origin', '*').header('cache-control', 'private, no-store');
      rateLimit.check(request.ip);
      const { writeKey, anonymousId, userId } = request.query;
      if (!writeKey) throw unauthorized('Send the workspace write key as writeKey');
      const keys = (request.query.keys ?? '').split(',').map((key) => key.trim()).filter(Boolean);
      if (!keys.length) throw badRequest('name the slots to fill: keys=home-hero,pricing', 'keys');
      if (keys.length > 20) throw badRequest('at most 20 slots per request', 'keys');
      if ((anonymousId?.length ?? 0) > 200 || (userId?.length ?? 0) > 500) throw badRequest('anonymousId or userId is too long', anonymousId && anonymousId.length > 200 ? 'anonymousId' : 'userId');
      const source = await workspaceOf(writeKey);
      if (!source) throw unauthorized('The write key is unknown or revoked');
      const shown = await resolveSlots(ctx.db, source.workspaceId, { anonymousId, userId }, keys);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      const slots: Record<string, { content: string; variant: string }> = {};
      for (const [slot, content] of shown) {
        slots[slot.key] = content;
        impressions.count(source.workspaceId, slot.id, content.variant, day);
      }
      // The time Tandem took, for the site owner's dev tools (and bench/forms).
      return reply.header('server-timing', `app;dur=${(performance.now() - started).toFixed(2)}`).send({ slots });
    });
  };
}
