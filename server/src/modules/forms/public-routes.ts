import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { htmlPage } from '../../platform/http/html-page.js';
import { acceptFormPosts } from '../../platform/http/urlencoded.js';
import { type HttpError, isHttpError } from '../../platform/http/errors.js';
import { consumeRateLimit } from '../../platform/security/rate-limit.js';
import { escapeHtml } from '../../platform/text.js';
import type { AfterSubmit } from './definition.js';
import { type FieldError, formMarkup } from './html.js';
import { type Form, publicForm } from './forms.js';
import { countView, isFormErrors, renderForm, type SubmissionInput, submitForm } from './submit.js';

type Params = { Params: { id: string } };
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** A submission as the embed script sends it (JSON) or as a plain HTML form posts it (flat fields). */
export function readSubmission(request: FastifyRequest, body: Record<string, unknown>, html: boolean): SubmissionInput {
  if (!html) {
    const page = (body.page ?? {}) as Record<string, unknown>;
    return {
      answers: (body.answers ?? {}) as Record<string, unknown>, consents: (body.consents ?? {}) as Record<string, boolean>,
      anonymousId: text(body.anonymousId), page: { url: text(page.url), referrer: text(page.referrer), title: text(page.title) },
      campaign: body.campaign && typeof body.campaign === 'object' ? body.campaign as Record<string, string> : null,
      token: text(body.token), honeypot: text(body._hp), ip: request.ip,
    };
  }
  const consents = Object.fromEntries(Object.entries(body).filter(([key]) => key.startsWith('consent_')).map(([key, value]) => [key, value === 'on' || value === 'true' || value === '1']));
  return {
    answers: body, consents, anonymousId: text(body._aid), page: { url: text(body._url) ?? text(request.headers.referer), referrer: text(body._ref), title: null },
    campaign: null, token: text(body._t), honeypot: text(body._hp), ip: request.ip,
  };
}

function thanksPage(form: Form, after: AfterSubmit): string {
  const message = after.kind === 'redirect' ? 'Thank you.' : after.message;
  const asset = after.kind === 'asset' ? `<p><a href="${escapeHtml(after.url)}">Download</a></p>` : '';
  return htmlPage(form.name, `<h1>${escapeHtml(form.name)}</h1><p role="status">${escapeHtml(message)}</p>${asset}`);
}

/** The hosted form: works with no JavaScript at all (a link in an email, a QR code, a plain page). */
function formPage(rendered: Awaited<ReturnType<typeof renderForm>>, errors: FieldError[] = [], values?: Record<string, unknown>): string {
  return htmlPage(rendered.name, `<h1>${escapeHtml(rendered.name)}</h1>${generalErrors(errors)}\n${formMarkup(rendered, { action: `/f/${rendered.id}`, token: rendered.token, errors, values })}`);
}

/** The errors that belong to no field (a bot check, an expired form), shown above it. */
export function generalErrors(errors: FieldError[]): string {
  return errors.filter((error) => error.field.startsWith('_')).map((error) => `<p class="error" role="alert">${escapeHtml(error.message)}</p>`).join('');
}

/** The errors of a refused submission, by field. */
export function fieldErrors(error: HttpError): FieldError[] {
  return isFormErrors(error) ? error.errors : [{ field: error.field ?? '_', message: error.message }];
}

/** Refuses (429) a submission beyond the per-address limit; true when it did. */
export async function submissionsLimited(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const result = await consumeRateLimit(ctx.db, ctx.clock, `form:${request.ip}`, { limit: ctx.config.formRatePerIp, windowSeconds: 60 });
  if (!result.allowed) reply.header('retry-after', String(result.retryAfterSeconds)).status(429).send({ statusCode: 429, error: 'Too Many Requests', message: 'too many submissions from this address; try again in a minute' });
  return !result.allowed;
}

/**
 * Public form endpoints, for any website: `GET /f/:id/form.json` (the definition for this visitor,
 * with progressive profiling), `POST /f/:id` (JSON from the embed script, or a plain HTML
 * form post), `GET /f/:id` (a hosted page that needs no JavaScript). Rate-limited per IP.
 */
export function formPublicRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    acceptFormPosts(app);
    app.addHook('onSend', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*').header('access-control-allow-methods', 'GET, POST, OPTIONS').header('access-control-allow-headers', 'content-type');
    });
    app.options('/f/*', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.header('access-control-max-age', '86400').status(204).send());

    const formOf = async (id: string) => (uuidPattern.test(id) ? publicForm(ctx.db, id).catch(() => null) : null);

    app.get<Params & { Querystring: { anonymousId?: string; url?: string; referrer?: string } }>('/f/:id/form.json', { config: { access: 'public' } }, async (request, reply) => {
      const form = await formOf(request.params.id);
      if (!form) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'Form not found' });
      await countView(ctx.db, form, ctx.clock.now(), { url: request.query.url ?? null, referrer: request.query.referrer ?? null });
      return reply.header('cache-control', 'no-store').send(await renderForm(ctx, form, request.query.anonymousId ?? null));
    });

    app.get<Params>('/f/:id', { config: { access: 'public' } }, async (request, reply) => {
      const form = await formOf(request.params.id);
      if (!form) return reply.status(404).type('text/html').send(htmlPage('Form not found', '<h1>This form does not exist</h1>'));
      await countView(ctx.db, form, ctx.clock.now(), { url: request.headers.referer ?? null, referrer: null });
      return reply.type('text/html').header('cache-control', 'no-store').send(formPage(await renderForm(ctx, form, null)));
    });

    app.post<Params & { Body: Record<string, unknown> | undefined }>('/f/:id', { config: { access: 'public' }, bodyLimit: 64 * 1024 }, async (request, reply) => {
      if (await submissionsLimited(ctx, request, reply)) return reply;
      const html = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ?? false;
      const form = await formOf(request.params.id);
      if (!form) return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'Form not found' });
      try {
        const submitted = await submitForm(ctx, form, readSubmission(request, request.body ?? {}, html));
        if (!html) return { ok: true, submissionId: submitted.submissionId, afterSubmit: submitted.afterSubmit };
        if (submitted.afterSubmit.kind === 'redirect') return reply.redirect(submitted.afterSubmit.url, 303);
        return reply.type('text/html').send(thanksPage(form, submitted.afterSubmit));
      } catch (error) {
        if (!isHttpError(error)) throw error;
        const errors = fieldErrors(error);
        if (html) return reply.status(400).type('text/html').send(formPage(await renderForm(ctx, form, null), errors, request.body));
        return reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: error.message, field: error.field, errors });
      }
    });
  };
}
