import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { Uuid } from '../../platform/http/schema-types.js';
import type { TandemModule } from '../../platform/module.js';
import { searchRecords } from '../contacts/index.js';
import { searchDeals } from '../deals/index.js';

/** One search box across the CRM: each module searches its own records, this merges the ranks. */
const searchRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/search', {
    config: { access: 'workspace:read' },
    schema: { tags: ['search'], summary: 'Ranked search across contacts, companies and deals by name, email, domain and phone',
      querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({
        type: Type.Unsafe<'contact' | 'company' | 'deal'>({ type: 'string', enum: ['contact', 'company', 'deal'] }),
        id: Uuid, title: Type.String(), subtitle: Type.Union([Type.String(), Type.Null()]), score: Type.Number(),
      })) }) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const { q, limit } = request.query;
    const [records, deals] = await Promise.all([searchRecords(ctx.db, workspaceId, q, limit), searchDeals(ctx.db, workspaceId, q, limit)]);
    return { items: [...records, ...deals].sort((a, b) => b.score - a.score).slice(0, limit) };
  });
};

export const searchModule: TandemModule = { name: 'search', routes: searchRoutes };
