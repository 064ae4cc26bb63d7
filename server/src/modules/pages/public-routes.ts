import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { isHttpError } from '../../platform/http/errors.js';
import { htmlPage } from '../../platform/http/html-page.js';
import { acceptFormPosts } from '../../platform/http/urlencoded.js';
import { escapeHtml } from '../../platform/text.js';
import { AddressRateLimit, asksNotToBeTracked, cachedTrackingSettings, ingestEvents, readEvent } from '../events/index.js';
import {
  countView, type FieldError, fieldErrors, formMarkup, generalErrors, publicForm, readSubmission, renderForm, submissionsLimited, submitForm,
} from '../forms/index.js';
import { type Block, formBlock, pickVariant, type Variant } from './definition.js';
import { type LandingPage, publishedPage } from './pages.js';
import { renderLandingPage } from './render.js';
import { countPage } from './stats.js';

type Params = { Params: { slug: string } };
/** The tracker's anonymous-id cookie: a page view here and the tracker elsewhere on the site are one visitor. */
const visitorCookie = 'tdm_aid';
const variantCookie = (page: LandingPage) => `tdm_lp_${page.id.slice(0, 8)}`;
// Set on a visitor's first conversion: a second submission or click from the same browser is
// not another converted visitor (visitors are counted by the variant cookie the same way).
const convertedCookie = (page: LandingPage) => `tdm_lpc_${page.id.slice(0, 8)}`;
// Link previews and crawlers see the page but are not visitors of an A/B test.
const robots = /bot|crawl|spider|slurp|preview|facebookexternalhit|headless/i;

const notFoundPage = () => htmlPage('Page not found', '<h1>This page does not exist</h1><p>It may have been unpublished.</p>');

/**
 * Landing pages at /p/<slug>, rendered on the server (they need no JavaScript):
 *  - GET shows the visitor their variant (kept in a cookie; new visitors are split by the
 *    weights), counts the view, records it as a page event of the visitor, and draws the
 *    page's form for that visitor (progressive profiling included);
 *  - POST takes the form's submission, counts the conversion for the variant, and answers
 *    with the thank-you in place of the form, a redirect, or the page with its errors;
 *  - GET /p/<slug>/go/<block> follows a call to action, counted as the conversion of a
 *    variant without a form.
 */
export function pagePublicRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    acceptFormPosts(app);

    const secure = ctx.config.publicUrl.startsWith('https:');
    // Every view writes (counts, a page event): a flood from one address is refused like one at /v1.
    const rateLimit = new AddressRateLimit(ctx.config.ingestRatePerIp, 'page views');
    const isRobot = (request: FastifyRequest) => robots.test(request.headers['user-agent'] ?? '');
    const pageUrl = (request: FastifyRequest) => `${ctx.config.publicUrl}${request.url}`;
    // A page's own cookies (its variant, its conversion) stay with the page for 90 days.
    const pageCookie = (page: LandingPage) => ({ path: `/p/${page.slug}`, maxAge: 90 * 86_400, sameSite: 'lax' as const, secure, httpOnly: true });

    /** The visitor's variant: the one in their cookie, else a new draw (and `isNew`). */
    function variantFor(request: FastifyRequest, page: LandingPage, asked?: unknown): { variant: Variant; isNew: boolean } {
      const kept = page.variants.find((variant) => variant.key === (asked ?? request.cookies[variantCookie(page)]));
      return kept ? { variant: kept, isNew: false } : { variant: pickVariant(page.variants, Math.random() * 100), isNew: true };
    }

    function keepVariant(reply: FastifyReply, page: LandingPage, variant: Variant) {
      reply.setCookie(variantCookie(page), variant.key, pageCookie(page));
    }

    /** Counts the visitor's conversion on the variant, once per browser. */
    async function countConversion(request: FastifyRequest, reply: FastifyReply, page: LandingPage, variant: Variant) {
      if (request.cookies[convertedCookie(page)]) return;
      await countPage(ctx.db, page, variant.key, ctx.clock.now(), { conversions: 1 });
      reply.setCookie(convertedCookie(page), variant.key, pageCookie(page));
    }

    /** The visitor's anonymous id, new if they have none, or null when the workspace may not track them yet. */
    async function visitorOf(request: FastifyRequest, reply: FastifyReply, page: LandingPage): Promise<string | null> {
      const settings = await cachedTrackingSettings(ctx.db, page.workspaceId);
      const declined = settings.respectDoNotTrack && asksNotToBeTracked(request.headers);
      const consented = !settings.requireConsent || request.cookies.tdm_consent === '1';
      if (declined || !consented) return null;
      const known = request.cookies[visitorCookie];
      if (known && known.length <= 200) return known;
      const created = randomUUID();
      reply.setCookie(visitorCookie, created, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', secure });
      return created;
    }

    /** The view as the visitor's page event, so it is on their timeline once they are known. */
    async function recordPageView(request: FastifyRequest, page: LandingPage, variant: Variant, anonymousId: string) {
      // The address keeps its utm_* parameters: the touchpoint reads the campaign from them.
      const url = new URL(pageUrl(request));
      const properties = { url: url.href, path: url.pathname, search: url.search, referrer: request.headers.referer ?? '', title: page.title, landingPageId: page.id, variant: variant.key };
      const event = readEvent({
        type: 'page', anonymousId, messageId: `lp-${randomUUID()}`, name: page.title, properties,
        context: { ip: request.ip, userAgent: request.headers['user-agent'], page: properties },
        timestamp: ctx.clock.now().toISOString(),
      }, { index: 0, receivedAt: ctx.clock.now() });
      await ingestEvents(ctx, { workspaceId: page.workspaceId, actor: { type: 'system', label: `Landing page: ${page.name}` } }, [event]);
    }

    /** The page's form for this visitor, with what they typed and the errors after a refusal. */
    async function formHtml(request: FastifyRequest, page: LandingPage, variant: Variant, anonymousId: string | null, refused?: { errors: FieldError[]; values: Record<string, unknown>; url: string; referrer: string }) {
      const block = formBlock(variant);
      if (!block) return undefined;
      const form = await publicForm(ctx.db, block.formId).catch(() => null);
      if (!form) return { html: '<p>This form is no longer available.</p>' };
      const rendered = await renderForm(ctx, form, anonymousId);
      const url = refused?.url ?? pageUrl(request);
      const referrer = refused?.referrer ?? request.headers.referer ?? '';
      if (!refused) await countView(ctx.db, form, ctx.clock.now(), { url, referrer });
      const hidden = { _v: variant.key, _url: url, _ref: referrer };
      return { html: generalErrors(refused?.errors ?? []) + formMarkup(rendered, { action: `/p/${page.slug}#form`, token: rendered.token, errors: refused?.errors, values: refused?.values, hidden }) };
    }

    const render = (page: LandingPage, variant: Variant, form?: { html: string }) =>
      renderLandingPage(page, variant, { publicUrl: ctx.config.publicUrl, form, trackClicks: !formBlock(variant) });

    app.get<Params>('/p/:slug', { config: { access: 'public' } }, async (request, reply) => {
      rateLimit.check(request.ip);
      const page = await publishedPage(ctx.db, request.params.slug);
      if (!page) return reply.status(404).type('text/html').send(notFoundPage());
      const { variant, isNew } = variantFor(request, page);
      const robot = isRobot(request);
      if (isNew && !robot) keepVariant(reply, page, variant);
      const anonymousId = robot ? null : await visitorOf(request, reply, page);
      if (!robot) {
        await countPage(ctx.db, page, variant.key, ctx.clock.now(), { views: 1, visitors: isNew ? 1 : 0 });
        // A view that cannot be recorded as an event must not cost the visitor the page.
        if (anonymousId) await recordPageView(request, page, variant, anonymousId).catch((error: unknown) => request.log.warn({ err: error }, 'landing page view not recorded as an event'));
      }
      const form = await formHtml(request, page, variant, anonymousId);
      return reply.type('text/html').header('cache-control', 'private, no-store').send(render(page, variant, form));
    });

    app.post<Params & { Body: Record<string, unknown> | undefined }>('/p/:slug', { config: { access: 'public' }, bodyLimit: 64 * 1024 }, async (request, reply) => {
      if (await submissionsLimited(ctx, request, reply)) return reply;
      const page = await publishedPage(ctx.db, request.params.slug);
      if (!page) return reply.status(404).type('text/html').send(notFoundPage());
      const body = request.body ?? {};
      const { variant } = variantFor(request, page, body._v);
      const block = formBlock(variant);
      const form = block && await publicForm(ctx.db, block.formId).catch(() => null);
      if (!form) return reply.status(404).type('text/html').send(htmlPage(page.title, '<h1>This form is no longer available</h1>'));
      const input = readSubmission(request, body, true);
      input.anonymousId = request.cookies[visitorCookie] ?? null;
      try {
        const submitted = await submitForm(ctx, form, input);
        await countConversion(request, reply, page, variant);
        const after = submitted.afterSubmit;
        if (after.kind === 'redirect') return reply.redirect(after.url, 303);
        const asset = after.kind === 'asset' ? `<p><a class="button" href="${escapeHtml(after.url)}">Download</a></p>` : '';
        return reply.type('text/html').header('cache-control', 'no-store').send(render(page, variant, { html: `<p class="thanks" role="status">${escapeHtml(after.message)}</p>${asset}` }));
      } catch (error) {
        if (!isHttpError(error)) throw error;
        const refused = { errors: fieldErrors(error), values: body, url: input.page.url ?? pageUrl(request), referrer: input.page.referrer ?? '' };
        const html = await formHtml(request, page, variant, input.anonymousId, refused);
        return reply.status(400).type('text/html').header('cache-control', 'no-store').send(render(page, variant, html));
      }
    });

    app.get<{ Params: { slug: string; block: string } }>('/p/:slug/go/:block', { config: { access: 'public' } }, async (request, reply) => {
      rateLimit.check(request.ip);
      const page = await publishedPage(ctx.db, request.params.slug);
      if (!page) return reply.status(404).type('text/html').send(notFoundPage());
      const { variant } = variantFor(request, page);
      const block: Block | undefined = variant.blocks[Number(request.params.block)];
      const target = block?.type === 'cta' ? block.url : block?.type === 'hero' ? block.ctaUrl : undefined;
      if (!target) return reply.status(404).type('text/html').send(notFoundPage());
      if (!formBlock(variant) && !isRobot(request)) await countConversion(request, reply, page, variant);
      return reply.redirect(target, 302);
    });
  };
}
