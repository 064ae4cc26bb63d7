import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { contactSummaries } from '../contacts/index.js';
import { funnelContacts, funnelReport } from './funnel.js';
import { leadsBehind, type Period, rejectionReport, slaReport, sourceReport } from './handoff.js';

const PeriodQuery = {
  from: Type.Optional(DateTime), to: Type.Optional(DateTime),
};
const Grouping = Type.Union([Type.Literal('cohort'), Type.Literal('source'), Type.Literal('none')], { default: 'none' });
const Json = Type.Unsafe<unknown>({ type: 'object', additionalProperties: true });
const ContactRef = Type.Object({ id: Uuid, name: Type.String(), email: Nullable(Type.String()), companyName: Nullable(Type.String()) });

/** The last twelve months unless told otherwise. */
function periodOf(query: { from?: Date | string; to?: Date | string }, now: Date): Period {
  const to = query.to ? new Date(query.to) : new Date(now.getTime() + 1000);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 365 * 86_400_000);
  if (from >= to) throw badRequest('from must be before to', 'from');
  return { from, to };
}

/** The shared funnel, SLA compliance, rejection reasons and lead sources; every figure drills down. */
export const analyticsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  const contactsOf = async (workspaceId: string, ids: string[]) => {
    const found = await contactSummaries(db, workspaceId, ids);
    return ids.map((id) => found.get(id)).filter((contact) => contact !== undefined);
  };

  app.get('/reports/funnel', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['reports'], summary: 'Stage-to-stage conversion and median days in stage, in total and by cohort month or first-touch source',
      querystring: Type.Object({ ...PeriodQuery, groupBy: Grouping }), response: { 200: Json },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const period = periodOf(request.query, clock.now());
    return { ...period, groupBy: request.query.groupBy, ...(await funnelReport(db, workspaceId, { ...period, groupBy: request.query.groupBy })) };
  });

  app.get('/reports/funnel/contacts', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['reports'], summary: 'The contacts behind a funnel figure',
      querystring: Type.Object({
        ...PeriodQuery, groupBy: Grouping, stage: Type.String({ maxLength: 50 }), group: Type.Optional(Type.String({ maxLength: 100 })),
        converted: Type.Optional(Type.Boolean({ description: 'true: those who reached the next stage; false: those who did not' })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(ContactRef) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const ids = await funnelContacts(db, workspaceId, { ...periodOf(request.query, clock.now()), ...request.query });
    return { items: await contactsOf(workspaceId, ids) };
  });

  app.get('/reports/sla', {
    config: { access: 'workspace:read' },
    schema: { tags: ['reports'], summary: 'SLA compliance of leads assigned in the period, by rep and by team', querystring: Type.Object(PeriodQuery), response: { 200: Json } },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const period = periodOf(request.query, clock.now());
    return { ...period, ...(await slaReport(db, workspaceId, period, clock.now())) };
  });

  app.get('/reports/rejections', {
    config: { access: 'workspace:read' },
    schema: { tags: ['reports'], summary: 'Rejected leads per month and reason', querystring: Type.Object(PeriodQuery), response: { 200: Json } },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const period = periodOf(request.query, clock.now());
    return { ...period, items: await rejectionReport(db, workspaceId, period) };
  });

  app.get('/reports/lead-sources', {
    config: { access: 'workspace:read' },
    schema: { tags: ['reports'], summary: 'Leads, MQLs, SQLs, customers and won amount by first-touch channel', querystring: Type.Object(PeriodQuery), response: { 200: Json } },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const period = periodOf(request.query, clock.now());
    return { ...period, items: await sourceReport(db, workspaceId, period) };
  });

  app.get('/reports/leads', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['reports'], summary: 'The leads behind an SLA or rejection figure',
      querystring: Type.Object({
        ...PeriodQuery,
        ownerId: Type.Optional(Type.Union([Uuid, Type.Literal('none')], { description: 'a user id, or none for unassigned leads' })),
        teamId: Type.Optional(Type.Union([Uuid, Type.Literal('none')], { description: 'a team id, or none for leads without a team' })),
        rejected: Type.Optional(Type.Boolean({ description: 'only rejected leads (by when they were rejected)' })),
        outcome: Type.Optional(Type.Union([Type.Literal('in_time'), Type.Literal('late'), Type.Literal('breached_open'), Type.Literal('open')])),
        reason: Type.Optional(Type.String({ maxLength: 50 })), month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })),
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ leadId: Uuid, contact: ContactRef })) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const rows = await leadsBehind(db, workspaceId, periodOf(request.query, clock.now()), clock.now(), request.query);
    const contacts = await contactSummaries(db, workspaceId, rows.map((row) => row.contactId));
    return { items: rows.flatMap((row) => (contacts.has(row.contactId) ? [{ leadId: row.leadId, contact: contacts.get(row.contactId)! }] : [])) };
  });
};
