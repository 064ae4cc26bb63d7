import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { DateTime, Uuid } from '../../platform/http/schema-types.js';
import { getContact } from '../contacts/index.js';
import { namesOf, segmentIdsOf } from '../segments/index.js';
import { impressionCounter, impressionsBySlot, slotImpressions } from './impressions.js';
import { contentFor, forgetSlots } from './resolve.js';
import { type ContentSlot, createSlot, getSlot, listSlots, type SlotInput, updateSlot } from './slots.js';

const Rule = Type.Object({ segmentId: Uuid, content: Type.String({ maxLength: 20_000 }) }, { additionalProperties: false });
const Body = {
  key: Type.String({ minLength: 1, maxLength: 60 }), name: Type.String({ minLength: 1, maxLength: 200 }),
  defaultContent: Type.Optional(Type.String({ maxLength: 20_000 })), rules: Type.Optional(Type.Array(Rule, { maxItems: 20 })),
};
const SlotView = Type.Object({
  id: Uuid, key: Type.String(), name: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('archived')]),
  defaultContent: Type.String(), rules: Type.Array(Rule), snippet: Type.String(), createdAt: DateTime, updatedAt: DateTime,
});
const IdParams = Type.Object({ id: Uuid });

/** Content slots for web personalisation: definitions, who sees what, and impressions. */
export const personalisationRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  const view = (slot: ContentSlot) => {
    const { workspaceId: _workspace, ...rest } = slot;
    // The default goes in the page itself: it shows until (and unless) Tandem answers.
    return { ...rest, snippet: `<div data-tandem-slot="${slot.key}">${slot.defaultContent}</div>` };
  };

  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * 86_400_000).toISOString().slice(0, 10);

  app.get('/content-slots', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['personalisation'], summary: 'Content slots of the website, with their impressions of the last 30 days',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...SlotView.properties, impressions30d: Type.Integer() })) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    await impressionCounter(ctx).flush();
    const [slots, impressions] = await Promise.all([listSlots(db, workspaceId), impressionsBySlot(db, workspaceId, daysAgo(30))]);
    return { items: slots.map((slot) => ({ ...view(slot), impressions30d: impressions.get(slot.id) ?? 0 })) };
  });

  app.post('/content-slots', {
    config: { access: 'records:write' },
    schema: {
      tags: ['personalisation'], summary: 'Create a content slot: default content and, in order, a content per segment (HTML, inserted as it is)',
      body: Type.Object(Body, { additionalProperties: false }), response: { 201: SlotView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const slot = await createSlot(db, clock, access.workspaceId, access.actor, request.body as SlotInput);
    forgetSlots(access.workspaceId);
    reply.status(201);
    return view(slot);
  });

  app.get('/content-slots/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['personalisation'], summary: 'A content slot', params: IdParams, response: { 200: SlotView } },
  }, async (request) => view(await getSlot(db, workspaceAccess(request).workspaceId, request.params.id)));

  app.patch('/content-slots/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['personalisation'], summary: 'Change a content slot, or archive it (the website keeps its default content)', params: IdParams,
      body: Type.Partial(Type.Object({ ...Body, archived: Type.Boolean() }, { additionalProperties: false })), response: { 200: SlotView },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const slot = await updateSlot(db, clock, workspaceId, request.params.id, request.body as Partial<SlotInput>);
    forgetSlots(workspaceId);
    return view(slot);
  });

  app.get('/content-slots/:id/results', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['personalisation'], summary: 'Impressions of each content: the segment rules, the default, then rules since removed', params: IdParams,
      querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }),
      response: {
        200: Type.Object({
          impressions: Type.Integer(),
          variants: Type.Array(Type.Object({ variant: Type.String(), name: Type.String(), impressions: Type.Integer(), current: Type.Boolean(), segmentDeleted: Type.Boolean() })),
        }),
      },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const slot = await getSlot(db, workspaceId, request.params.id);
    await impressionCounter(ctx).flush();
    const [counts, names] = await Promise.all([slotImpressions(db, workspaceId, slot.id, daysAgo(request.query.days)), namesOf(db, workspaceId)]);
    const current = [...slot.rules.map((rule) => rule.segmentId), 'default'];
    const removed = [...counts.keys()].filter((variant) => !current.includes(variant));
    const variants = [...current, ...removed].map((variant) => {
      const segmentDeleted = variant !== 'default' && !names.segments.has(variant);
      return {
        variant, name: variant === 'default' ? 'Default' : names.segments.get(variant) ?? 'Deleted segment', impressions: counts.get(variant) ?? 0,
        current: current.includes(variant), segmentDeleted,
      };
    });
    return { impressions: variants.reduce((sum, variant) => sum + variant.impressions, 0), variants };
  });

  app.get('/content-slots/:id/preview', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['personalisation'], summary: 'What a contact sees in the slot now, and why', params: IdParams, querystring: Type.Object({ contactId: Uuid }),
      response: { 200: Type.Object({ content: Type.String(), variant: Type.String(), segmentName: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const slot = await getSlot(db, workspaceId, request.params.id);
    await getContact(db, workspaceId, request.query.contactId);
    const shown = contentFor(slot, await segmentIdsOf(db, workspaceId, request.query.contactId));
    const names = shown.variant === 'default' ? null : await namesOf(db, workspaceId);
    return { ...shown, segmentName: names?.segments.get(shown.variant) ?? null };
  });
};
