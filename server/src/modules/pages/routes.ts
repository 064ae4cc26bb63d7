import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { DateTime, Nullable, NullableDateTime, Uuid } from '../../platform/http/schema-types.js';
import { formMarkup, keyedConsents, publicForm } from '../forms/index.js';
import { formBlock, type Variant } from './definition.js';
import { createPage, getPage, type LandingPage, listPages, type PageInput, updatePage } from './pages.js';
import { renderLandingPage } from './render.js';
import { conversionRate, pageResults, pageTotals } from './stats.js';

const Text = (maxLength: number) => Type.String({ maxLength });
const Block = Type.Union([
  Type.Object({ type: Type.Literal('hero'), heading: Text(200), subheading: Type.Optional(Text(500)), imageUrl: Type.Optional(Text(2000)), ctaLabel: Type.Optional(Text(100)), ctaUrl: Type.Optional(Text(2000)) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('text'), heading: Type.Optional(Text(200)), body: Text(10_000) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('image'), url: Text(2000), alt: Text(300), caption: Type.Optional(Text(500)) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('form'), formId: Uuid, heading: Type.Optional(Text(200)) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('cta'), heading: Type.Optional(Text(200)), text: Type.Optional(Text(2000)), label: Text(100), url: Text(2000) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('testimonial'), quote: Text(2000), author: Text(200), role: Type.Optional(Text(200)), imageUrl: Type.Optional(Text(2000)) }, { additionalProperties: false }),
]);
const VariantSchema = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 1 }), name: Type.String({ minLength: 1, maxLength: 100 }), weight: Type.Integer({ minimum: 0, maximum: 100 }),
  blocks: Type.Array(Block, { maxItems: 40 }),
}, { additionalProperties: false });
const Status = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('archived')]);
const Body = {
  name: Type.String({ minLength: 1, maxLength: 200 }), slug: Type.String({ minLength: 1, maxLength: 100 }), title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 500 })), variants: Type.Array(VariantSchema, { minItems: 1, maxItems: 5 }), status: Type.Optional(Status),
};
const PageView = Type.Object({
  id: Uuid, name: Type.String(), slug: Type.String(), url: Type.String(), status: Status, title: Type.String(), description: Type.String(),
  variants: Type.Array(VariantSchema), publishedAt: NullableDateTime, createdAt: DateTime, updatedAt: DateTime,
});
const Counts = { views: Type.Integer(), visitors: Type.Integer(), conversions: Type.Integer(), rate: Nullable(Type.Number()) };
const IdParams = Type.Object({ id: Uuid });

/** Landing pages: definitions, previews (saved or not), and each variant's results. */
export const pageRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  const withUrl = (page: LandingPage) => ({ ...page, url: `${ctx.config.publicUrl}/p/${page.slug}` });

  /** The page as a visitor would see it, with the form drawn but inert, marked as a preview. */
  async function preview(workspaceId: string, page: Pick<LandingPage, 'slug' | 'title' | 'description'>, variant: Variant) {
    const block = formBlock(variant);
    const form = block && await publicForm(db, block.formId).catch(() => null);
    const html = !block ? undefined : form && form.workspaceId === workspaceId
      ? formMarkup({ ...form, consents: keyedConsents(form.consents) }, { action: '#' })
      : '<p>Choose an active form for this block.</p>';
    return renderLandingPage(page, variant, { publicUrl: ctx.config.publicUrl, form: html === undefined ? undefined : { html }, trackClicks: false, preview: true });
  }

  app.get('/pages', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['pages'], summary: 'Landing pages, with their views, visitors and conversions',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...PageView.properties, ...Counts })) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    const [pages, totals] = await Promise.all([listPages(db, workspaceId), pageTotals(db, workspaceId)]);
    return {
      items: pages.map((page) => {
        const counts = totals.get(page.id) ?? { views: 0, visitors: 0, conversions: 0 };
        return { ...withUrl(page), ...counts, rate: conversionRate(counts.conversions, counts.visitors) };
      }),
    };
  });

  app.post('/pages', {
    config: { access: 'records:write' },
    schema: {
      tags: ['pages'], summary: 'Create a landing page: blocks in one or more A/B variants, served at /p/<slug> once published',
      body: Type.Object(Body, { additionalProperties: false }), response: { 201: PageView },
    },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    reply.status(201);
    return withUrl(await createPage(db, clock, access.workspaceId, access.actor, request.body as PageInput));
  });

  app.get('/pages/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['pages'], summary: 'A landing page', params: IdParams, response: { 200: PageView } },
  }, async (request) => withUrl(await getPage(db, workspaceAccess(request).workspaceId, request.params.id)));

  app.patch('/pages/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['pages'], summary: 'Change a landing page, publish it (status published), take it down (draft) or archive it', params: IdParams,
      body: Type.Partial(Type.Object(Body, { additionalProperties: false })), response: { 200: PageView },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return withUrl(await updatePage(db, clock, access.workspaceId, access.actor, request.params.id, request.body as Partial<PageInput>));
  });

  app.get('/pages/:id/results', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['pages'], summary: 'Views, visitors and conversions per variant, with the p-value of each variant against the control (the first)', params: IdParams,
      querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }) }),
      response: {
        200: Type.Object({
          ...Counts, pValue: Nullable(Type.Number()),
          variants: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), weight: Type.Integer(), ...Counts, pValue: Nullable(Type.Number()), lift: Nullable(Type.Number()) })),
        }),
      },
    },
  }, async (request) => {
    const page = await getPage(db, workspaceAccess(request).workspaceId, request.params.id);
    return pageResults(db, page, new Date(clock.now().getTime() - request.query.days * 86_400_000));
  });

  app.get('/pages/:id/preview', {
    config: { access: 'workspace:read' },
    schema: { tags: ['pages'], summary: 'The saved page as HTML, for one variant (default the first); forms do not submit', params: IdParams, querystring: Type.Object({ variant: Type.Optional(Type.String()) }) },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const page = await getPage(db, workspaceId, request.params.id);
    const variant = request.query.variant ? page.variants.find((candidate) => candidate.key === request.query.variant) : page.variants[0];
    if (!variant) throw badRequest(`the page has no variant ${request.query.variant}`, 'variant');
    return reply.type('text/html').header('cache-control', 'no-store').send(await preview(workspaceId, page, variant));
  });

  app.post('/pages/preview', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['pages'], summary: 'An unsaved page as HTML (the editor\'s live preview); it is checked when saved, not here',
      body: Type.Object({ title: Type.String({ maxLength: 200 }), description: Type.Optional(Type.String({ maxLength: 500 })), slug: Type.Optional(Type.String({ maxLength: 100 })), variant: VariantSchema }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const { variant, title, description, slug } = request.body;
    const html = await preview(workspaceId, { slug: slug || 'preview', title: title || 'Untitled page', description: description ?? '' }, variant as Variant);
    return reply.type('text/html').header('cache-control', 'no-store').send(html);
  });
};
