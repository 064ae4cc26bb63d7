import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { archiveRule, createRule, listRules, rescoreQueue, updateRule } from './rules.js';
import { companyScore, explainScore, regradeAll } from './scores.js';
import { getSettings, saveSettings } from './settings.js';

const Condition = Type.Unsafe<unknown>({
  type: 'object', additionalProperties: true,
  description: 'A condition of the segment language (docs/segments.md): for fit, on contact and company fields; for engagement, one event, email or form condition',
});
const Kind = Type.Union([Type.Literal('fit'), Type.Literal('engagement')]);
const Cap = Nullable(Type.Object({
  points: Type.Integer({ minimum: 1, maximum: 100_000 }),
  period: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month'), Type.Literal('ever')]),
}, { additionalProperties: false }));
const Points = Type.Integer({ minimum: -1000, maximum: 1000, not: { const: 0 }, description: 'Negative for a penalty (competitor, unsubscribed)' });
const RuleView = Type.Object({
  id: Uuid, kind: Kind, name: Type.String(), condition: Condition, points: Type.Integer(), cap: Cap, active: Type.Boolean(), createdAt: DateTime, updatedAt: DateTime,
});
const Settings = Type.Object({
  halfLifeDays: Type.Number({ exclusiveMinimum: 0, maximum: 3650 }),
  fitGrades: Type.Object({ A: Type.Number(), B: Type.Number(), C: Type.Number() }, { additionalProperties: false }),
  engagementLevels: Type.Object({ 1: Type.Number(), 2: Type.Number(), 3: Type.Number() }, { additionalProperties: false }),
}, { additionalProperties: false });
const Score = {
  fit: Type.Integer(), engagement: Type.Number(), fitGrade: Type.String(), engagementLevel: Type.Integer(), grade: Type.String(),
  tier: Type.Union([Type.Literal('cold'), Type.Literal('warm'), Type.Literal('hot')]),
};
const IdParams = Type.Object({ id: Uuid });

/** Scoring rules and settings, a contact's score explained, an account's score. */
export const scoringRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/scoring/rules', {
    config: { access: 'workspace:read' },
    schema: { tags: ['scoring'], summary: 'The fit and engagement rules', querystring: Type.Object({ kind: Type.Optional(Kind) }), response: { 200: Type.Object({ items: Type.Array(RuleView) }) } },
  }, async (request) => ({ items: await listRules(db, workspaceAccess(request).workspaceId, { kind: request.query.kind }) }));

  app.post('/scoring/rules', {
    config: { access: 'scoring:manage' },
    schema: {
      tags: ['scoring'], summary: 'Add a rule; everyone is rescored with it in the background',
      body: Type.Object({
        kind: Kind, name: Type.String({ minLength: 1, maxLength: 200 }), condition: Condition, points: Points, cap: Type.Optional(Cap), active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 201: RuleView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const rule = await db.transaction().execute((trx) => createRule(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return rule;
  });

  app.patch('/scoring/rules/:id', {
    config: { access: 'scoring:manage' },
    schema: {
      tags: ['scoring'], summary: 'Change a rule; everyone is rescored in the background', params: IdParams,
      body: Type.Object({
        name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), condition: Type.Optional(Condition), points: Type.Optional(Points),
        cap: Type.Optional(Cap), active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: RuleView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateRule(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/scoring/rules/:id', {
    config: { access: 'scoring:manage' },
    schema: { tags: ['scoring'], summary: 'Archive a rule (the ledger keeps its entries); everyone is rescored', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    await db.transaction().execute((trx) => archiveRule(trx, clock, access.workspaceId, access.actor, request.params.id));
    reply.status(204);
  });

  app.post('/scoring/rescore', {
    config: { access: 'scoring:manage' },
    schema: {
      tags: ['scoring'], summary: 'Compute everyone\'s fit or engagement again from the rules and the stored events',
      body: Type.Object({ kind: Kind }, { additionalProperties: false }), response: { 202: Type.Object({ queued: Type.Boolean() }) },
    },
  }, async (request, reply) => {
    await enqueue(db, clock, { queue: rescoreQueue, workspaceId: workspaceAccess(request).workspaceId, payload: { kind: request.body.kind } });
    reply.status(202);
    return { queued: true };
  });

  app.get('/scoring/settings', {
    config: { access: 'workspace:read' },
    schema: { tags: ['scoring'], summary: 'Half-life of engagement and the grade thresholds', response: { 200: Settings } },
  }, async (request) => getSettings(db, workspaceAccess(request).workspaceId));

  app.put('/scoring/settings', {
    config: { access: 'scoring:manage' },
    schema: { tags: ['scoring'], summary: 'Change the half-life or the thresholds; grades are recomputed', body: Settings, response: { 200: Settings } },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const settings = await saveSettings(db, clock, workspaceId, request.body);
    await regradeAll(ctx, workspaceId);
    return settings;
  });

  app.get('/contacts/:id/score', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['scoring'], summary: 'A contact\'s scores and why: the fit rules it matches and the ledger of points', params: IdParams,
      response: { 200: Type.Object({
        ...Score, halfLifeDays: Type.Number(), lastDecayAt: Nullable(DateTime),
        fitRules: Type.Array(Type.Object({ ruleId: Uuid, name: Type.String(), points: Type.Integer() })),
        ledger: Type.Array(Type.Object({
          id: Type.Integer(), kind: Kind, ruleId: Nullable(Uuid), rule: Type.String(), eventId: Nullable(Type.Integer()), event: Nullable(Type.String()),
          points: Type.Number(), worth: Type.Number({ description: 'What the points are worth after decay' }), at: DateTime,
        })),
      }) },
    },
  }, async (request) => explainScore(db, workspaceAccess(request).workspaceId, request.params.id));

  app.get('/companies/:id/score', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['scoring'], summary: 'An account\'s score from its people', params: IdParams,
      response: { 200: Type.Object({
        contacts: Type.Integer(), bestFit: Type.Integer(), engagement: Type.Number(),
        tiers: Type.Object({ hot: Type.Integer(), warm: Type.Integer(), cold: Type.Integer() }),
      }) },
    },
  }, async (request) => companyScore(db, workspaceAccess(request).workspaceId, request.params.id));
};
