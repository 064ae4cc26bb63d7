import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest, conflict } from '../../platform/http/errors.js';
import { DateTime, Nullable, NullableDateTime, Uuid } from '../../platform/http/schema-types.js';
import { getContact } from '../contacts/index.js';
import { segmentMemberIds } from '../segments/index.js';
import { enrol } from './enrol.js';
import type { JourneyGraph, JourneyRules } from './graph.js';
import {
  changeStatus, compileVersion, createJourney, getJourney, getVersion, type JourneyVersion, LaunchRefused, launchJourney, listJourneys, loadVersion, updateJourney,
} from './journeys.js';
import { simulate } from './simulate.js';
import { contactJourneys, enrolmentTrace, journeyStats, listEnrolments } from './stats.js';
import { problemsOf } from './validate.js';
import { webhookSecret } from './webhooks.js';

const Json = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const Graph = Type.Object({
  nodes: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }), type: Type.String({ minLength: 1, maxLength: 50 }) }, { additionalProperties: true }), { maxItems: 300 }),
  edges: Type.Array(Type.Object({
    id: Type.String({ minLength: 1, maxLength: 200 }), from: Type.String({ minLength: 1, maxLength: 100 }), handle: Type.String({ minLength: 1, maxLength: 100 }), to: Type.String({ minLength: 1, maxLength: 100 }),
  }, { additionalProperties: false }), { maxItems: 1000 }),
}, { additionalProperties: false, description: 'docs/journeys.md: nodes (trigger, waits, branches, actions) and edges leaving a node by an exit' });
const Rules = Type.Object({
  reentry: Type.Optional(Json), goal: Type.Optional(Nullable(Json)), exitWhen: Type.Optional(Nullable(Json)), maxInFlight: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
}, { additionalProperties: false });
const Problem = Type.Object({ nodeId: Nullable(Type.String()), field: Type.String(), message: Type.String() });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('live'), Type.Literal('paused'), Type.Literal('archived')]);
const EnrolmentStatus = Type.Union([Type.Literal('active'), Type.Literal('completed'), Type.Literal('exited'), Type.Literal('converted')]);
const JourneyView = Type.Object({
  id: Uuid, name: Type.String(), description: Nullable(Type.String()), status: Status, liveVersion: Nullable(Type.Integer()),
  draft: Type.Object({ graph: Json, rules: Json }), problems: Type.Array(Problem),
  versions: Type.Array(Type.Object({ version: Type.Integer(), publishedAt: DateTime, publishedBy: Nullable(Uuid) })), createdAt: DateTime, updatedAt: DateTime,
});
const Enrolment = Type.Object({
  id: Uuid, contactId: Uuid, contactName: Nullable(Type.String()), contactEmail: Nullable(Type.String()), version: Type.Integer(), nodeId: Type.String(),
  status: EnrolmentStatus, dueAt: NullableDateTime, enteredAt: DateTime, finishedAt: NullableDateTime, exitReason: Nullable(Type.String()),
});
const Step = Type.Object({ nodeId: Type.String(), at: DateTime, outcome: Type.String(), detail: Nullable(Type.String()) });
const IdParams = Type.Object({ id: Uuid });
const LaunchRefusedReply = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String(), field: Type.Optional(Type.String()), problems: Type.Array(Problem) });

/** Journeys: definitions and versions, launch and status, enrolments, traces, stats and simulation. */
export const journeyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/journeys', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'Journeys with their status and counts',
      response: {
        200: Type.Object({
          journeys: Type.Array(Type.Object({
            id: Uuid, name: Type.String(), description: Nullable(Type.String()), status: Status, liveVersion: Nullable(Type.Integer()), triggerKind: Nullable(Type.String()),
            inFlight: Type.Integer(), entered: Type.Integer(), converted: Type.Integer(), updatedAt: DateTime,
          })),
        }),
      },
    },
  }, async (request) => ({ journeys: await listJourneys(db, workspaceAccess(request).workspaceId) }));

  app.post('/journeys', {
    config: { access: 'journeys:manage' },
    schema: {
      tags: ['journeys'], summary: 'Create a journey (a draft)',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), graph: Type.Optional(Graph), rules: Type.Optional(Rules) }, { additionalProperties: false }),
      response: { 201: JourneyView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const body = request.body as { name: string; description?: string | null; graph?: JourneyGraph; rules?: Partial<JourneyRules> };
    reply.status(201);
    return createJourney(db, clock, access.workspaceId, access.actor, body);
  });

  app.get('/journeys/webhook-secret', {
    config: { access: 'journeys:manage' },
    schema: { tags: ['journeys'], summary: 'The key webhook receivers check the Tandem-Signature header with (HMAC-SHA256)', response: { 200: Type.Object({ secret: Type.String() }) } },
  }, async (request) => ({ secret: await webhookSecret(db, workspaceAccess(request).workspaceId) }));

  app.get('/journeys/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['journeys'], summary: 'A journey: its draft, what blocks launching it, and its versions', params: IdParams, response: { 200: JourneyView } },
  }, async (request) => getJourney(db, workspaceAccess(request).workspaceId, request.params.id));

  app.patch('/journeys/:id', {
    config: { access: 'journeys:manage' },
    schema: {
      tags: ['journeys'], summary: 'Save the draft (kept even when invalid; `problems` says what blocks launch)', params: IdParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), graph: Type.Optional(Graph), rules: Type.Optional(Rules) }, { additionalProperties: false }),
      response: { 200: JourneyView },
    },
  }, async (request) => updateJourney(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.body as { graph?: JourneyGraph; rules?: Partial<JourneyRules> }));

  app.post('/journeys/:id/validate', {
    config: { access: 'workspace:read' },
    schema: { tags: ['journeys'], summary: 'What blocks launching the draft, named by node', params: IdParams, response: { 200: Type.Object({ problems: Type.Array(Problem) }) } },
  }, async (request) => ({ problems: (await getJourney(db, workspaceAccess(request).workspaceId, request.params.id)).problems }));

  app.post('/journeys/:id/launch', {
    config: { access: 'journeys:manage' },
    schema: {
      tags: ['journeys'], summary: 'Publish the draft as the next version and go live; optionally move contacts in flight and enrol a segment', params: IdParams,
      body: Type.Optional(Type.Object({
        migrate: Type.Optional(Type.Union([
          Type.Object({ mode: Type.Literal('stay') }, { additionalProperties: false }),
          Type.Object({ mode: Type.Literal('map'), mapping: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false }),
        ])),
        enrolSegmentId: Type.Optional(Uuid),
      }, { additionalProperties: false })),
      response: { 200: Type.Object({ journey: JourneyView, version: Type.Integer(), enrolled: Type.Integer() }), 400: LaunchRefusedReply },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const body = request.body ?? {};
    try {
      const { version, enrolled } = await db.transaction().execute(async (trx) => {
        const version = await launchJourney(trx, clock, access.workspaceId, access.actor, request.params.id, body.migrate);
        if (!body.enrolSegmentId) return { version, enrolled: 0 };
        const members = await segmentMemberIds(trx, access.workspaceId, body.enrolSegmentId);
        const result = await enrol(trx, clock, access.workspaceId, await loadVersion(trx, access.workspaceId, request.params.id, version), members);
        return { version, enrolled: result.enrolled.length };
      });
      return { journey: await getJourney(db, access.workspaceId, request.params.id), version, enrolled };
    } catch (error) {
      if (!(error instanceof LaunchRefused)) throw error;
      const first = error.problems[0]!;
      reply.status(400);
      return { statusCode: 400, error: 'Bad Request', message: error.message, field: first.nodeId ? `nodes.${first.nodeId}.${first.field}` : first.field, problems: error.problems };
    }
  });

  for (const action of ['pause', 'resume', 'archive'] as const) {
    app.post(`/journeys/:id/${action}`, {
      config: { access: 'journeys:manage' },
      schema: {
        tags: ['journeys'], params: IdParams, response: { 200: JourneyView },
        summary: { pause: 'Pause: no entries and no steps until resumed', resume: 'Resume a paused journey', archive: 'Archive: every enrolment in flight ends' }[action],
      },
    }, async (request) => {
      const access = workspaceAccess(request);
      await db.transaction().execute((trx) => changeStatus(trx, clock, access.workspaceId, access.actor, request.params.id, action));
      return getJourney(db, access.workspaceId, request.params.id);
    });
  }

  app.get('/journeys/:id/versions/:version', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'A published version', params: Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Object({ version: Type.Integer(), graph: Json, rules: Json, publishedAt: DateTime }) },
    },
  }, async (request) => getVersion(db, workspaceAccess(request).workspaceId, request.params.id, request.params.version));

  app.post('/journeys/:id/enrolments', {
    config: { access: 'journeys:manage' },
    schema: {
      tags: ['journeys'], summary: 'Enrol contacts by hand or from another system (entry rules apply)', params: IdParams,
      body: Type.Object({ contactIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          enrolled: Type.Array(Type.Object({ contactId: Uuid, enrolmentId: Uuid })),
          refused: Type.Array(Type.Object({ contactId: Uuid, reason: Type.String() })),
        }),
      },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const journey = await getJourney(db, workspaceId, request.params.id);
    if (journey.status !== 'live' || !journey.liveVersion) throw conflict(`the journey is ${journey.status}; launch it to enrol contacts`);
    return db.transaction().execute(async (trx) => enrol(trx, clock, workspaceId, await loadVersion(trx, workspaceId, journey.id, journey.liveVersion!), request.body.contactIds, { explain: true }));
  });

  app.get('/journeys/:id/enrolments', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'Enrolments, newest first', params: IdParams,
      querystring: Type.Object({ status: Type.Optional(EnrolmentStatus), nodeId: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
      response: { 200: Type.Object({ enrolments: Type.Array(Enrolment) }) },
    },
  }, async (request) => ({
    enrolments: await listEnrolments(db, workspaceAccess(request).workspaceId, request.params.id, { ...request.query, limit: request.query.limit ?? 100 }),
  }));

  app.get('/journeys/:id/enrolments/:enrolmentId/trace', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'Every step of one enrolment: which node when, which way and why', params: Type.Object({ id: Uuid, enrolmentId: Uuid }),
      response: { 200: Type.Object({ enrolment: Enrolment, steps: Type.Array(Type.Object({ step: Type.Integer(), ...Step.properties })) }) },
    },
  }, async (request) => enrolmentTrace(db, workspaceAccess(request).workspaceId, request.params.id, request.params.enrolmentId));

  app.get('/journeys/:id/stats', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'Per node entered / waiting / completed / exited / converted, totals, and random splits with a significance test', params: IdParams,
      querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: {
        200: Type.Object({
          version: Nullable(Type.Integer()),
          totals: Type.Object({ entered: Type.Integer(), active: Type.Integer(), completed: Type.Integer(), exited: Type.Integer(), converted: Type.Integer() }),
          nodes: Type.Record(Type.String(), Type.Object({
            entered: Type.Integer(), waiting: Type.Integer(), completed: Type.Integer(), exited: Type.Integer(), converted: Type.Integer(), skipped: Type.Integer(),
          })),
          splits: Type.Array(Type.Object({
            nodeId: Type.String(), pValue: Nullable(Type.Number()),
            arms: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), entered: Type.Integer(), converted: Type.Integer(), rate: Nullable(Type.Number()) })),
          })),
        }),
      },
    },
  }, async (request) => journeyStats(db, workspaceAccess(request).workspaceId, request.params.id, request.query.version));

  app.post('/journeys/:id/simulate', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'Run the draft (or a version) for chosen contacts or a sample of a segment on a virtual clock, with no side effects', params: IdParams,
      body: Type.Object({
        contactIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 200 })), segmentId: Type.Optional(Uuid),
        sample: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })), version: Type.Optional(Type.Integer({ minimum: 1 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          contacts: Type.Array(Type.Object({ contactId: Uuid, name: Nullable(Type.String()), path: Type.Array(Step), endedAs: Type.String(), endedAt: NullableDateTime })),
          nodes: Type.Record(Type.String(), Type.Object({ entered: Type.Integer() })),
          emails: Type.Array(Type.Object({ contactId: Uuid, templateId: Uuid, templateName: Nullable(Type.String()), at: DateTime, outcome: Type.String() })),
          assumptions: Type.Array(Type.String()),
        }),
      },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const { contactIds, segmentId, sample, version } = request.body;
    const journey = await getJourney(db, workspaceId, request.params.id);
    let ids = contactIds ?? [];
    if (segmentId) ids = await segmentMemberIds(db, workspaceId, segmentId, sample ?? 20);
    if (!ids.length) throw badRequest('choose contacts, or a segment with members', contactIds ? 'contactIds' : 'segmentId');
    for (const id of contactIds ?? []) await getContact(db, workspaceId, id);
    let graph: JourneyVersion;
    if (version) graph = await loadVersion(db, workspaceId, journey.id, version);
    else {
      const draft = journey.draft as { graph: JourneyGraph; rules: JourneyRules };
      const problems = await problemsOf(db, workspaceId, draft.graph, draft.rules, journey.id);
      if (problems.length) throw badRequest(`fix the draft first: ${problems[0]!.nodeId ? `node ${problems[0]!.nodeId}: ` : ''}${problems[0]!.message}`, 'graph');
      graph = compileVersion(journey.id, journey.name, 0, draft.graph, draft.rules);
    }
    return simulate(ctx, workspaceId, graph, ids);
  });

  app.get('/contacts/:id/journeys', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['journeys'], summary: 'The journeys a contact is or was in', params: IdParams,
      response: {
        200: Type.Object({
          enrolments: Type.Array(Type.Object({
            id: Uuid, journeyId: Uuid, journeyName: Type.String(), version: Type.Integer(), nodeId: Type.String(), status: EnrolmentStatus,
            dueAt: NullableDateTime, enteredAt: DateTime, finishedAt: NullableDateTime, exitReason: Nullable(Type.String()),
          })),
        }),
      },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    await getContact(db, workspaceId, request.params.id);
    return { enrolments: await contactJourneys(db, workspaceId, request.params.id) };
  });
};
