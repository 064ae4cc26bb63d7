import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { csvStream } from '../../platform/http/csv.js';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { fieldTypes, hiddenSources } from './definition.js';
import { createForm, type Form, type FormInput, getForm, listForms, updateForm } from './forms.js';
import { formMarkup, keyedConsents } from './html.js';
import { allSubmissions, formConversion, listSubmissions } from './results.js';

/** One of a fixed list of words, as an OpenAPI enum. */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const Field = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 50 }), label: Type.String({ minLength: 1, maxLength: 200 }), type: oneOf(fieldTypes),
  mapTo: Nullable(Type.String({ maxLength: 100 })), required: Type.Optional(Type.Boolean()), options: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })), placeholder: Type.Optional(Type.String({ maxLength: 200 })), source: Type.Optional(oneOf(hiddenSources)),
}, { additionalProperties: false });
const Consent = Type.Object({ purpose: Type.String({ maxLength: 100 }), wording: Type.String({ maxLength: 2000 }), required: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const AfterSubmit = Type.Union([
  Type.Object({ kind: Type.Literal('message'), message: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('redirect'), url: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('asset'), url: Type.String({ maxLength: 2000 }), message: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
]);
const Body = {
  name: Type.String({ minLength: 1, maxLength: 200 }), fields: Type.Array(Field, { maxItems: 50 }), consents: Type.Optional(Type.Array(Consent, { maxItems: 10 })),
  progressive: Type.Optional(Nullable(Type.Object({ maxFields: Type.Integer({ minimum: 1, maximum: 50 }) }, { additionalProperties: false }))),
  afterSubmit: AfterSubmit, submitLabel: Type.Optional(Type.String({ maxLength: 100 })), minSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
};
const FormView = Type.Object({
  id: Uuid, name: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('archived')]), fields: Type.Array(Field), consents: Type.Array(Consent),
  progressive: Nullable(Type.Object({ maxFields: Type.Integer() })), afterSubmit: AfterSubmit, submitLabel: Type.String(), minSeconds: Type.Integer(),
  embed: Type.Object({ script: Type.String(), html: Type.String(), hostedUrl: Type.String() }), createdAt: DateTime, updatedAt: DateTime,
});
const IdParams = Type.Object({ id: Uuid });
const Rate = Type.Object({ key: Type.String(), views: Type.Integer(), submissions: Type.Integer(), rate: Nullable(Type.Number()) });

/** Forms: definitions, their embed code, submissions (and CSV), views → submissions. */
export const formRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;
  const publicUrl = ctx.config.publicUrl;
  const withEmbed = <T extends Form>(form: T) => ({
    ...form,
    embed: {
      script: `<div data-tandem-form="${form.id}"></div>\n<script async src="${publicUrl}/t.js" data-host="${publicUrl}"></script>`,
      html: formMarkup({ ...form, consents: keyedConsents(form.consents) }, { action: `${publicUrl}/f/${form.id}` }),
      hostedUrl: `${publicUrl}/f/${form.id}`,
    },
  });

  app.get('/forms', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['forms'], summary: 'Forms, with their views and submissions',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...FormView.properties, views: Type.Integer(), submissions: Type.Integer() })) }) },
    },
  }, async (request) => ({ items: (await listForms(db, workspaceAccess(request).workspaceId)).map(withEmbed) }));

  app.post('/forms', {
    config: { access: 'records:write' },
    schema: { tags: ['forms'], summary: 'Create a form: fields mapped to contact, company and custom fields, consent boxes, what follows a submission', body: Type.Object(Body, { additionalProperties: false }), response: { 201: FormView } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    reply.status(201);
    return withEmbed(await createForm(db, clock, access.workspaceId, access.actor, request.body as FormInput));
  });

  app.get('/forms/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['forms'], summary: 'A form and its embed code', params: IdParams, response: { 200: FormView } },
  }, async (request) => withEmbed(await getForm(db, workspaceAccess(request).workspaceId, request.params.id)));

  app.patch('/forms/:id', {
    config: { access: 'records:write' },
    schema: {
      tags: ['forms'], summary: 'Change a form, or archive it (its public endpoints stop answering)', params: IdParams,
      body: Type.Partial(Type.Object({ ...Body, archived: Type.Boolean() }, { additionalProperties: false })), response: { 200: FormView },
    },
  }, async (request) => withEmbed(await updateForm(db, clock, workspaceAccess(request).workspaceId, request.params.id, request.body as Partial<FormInput>)));

  app.get('/forms/:id/submissions', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['forms'], summary: 'Submissions, newest first', params: IdParams,
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), before: Type.Optional(Type.String({ format: 'date-time' })) }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Uuid, contactId: Uuid, contactName: Nullable(Type.String()), contactEmail: Nullable(Type.String()), answers: Type.Record(Type.String(), Type.Unknown()),
            pageUrl: Nullable(Type.String()), referrer: Nullable(Type.String()), source: Nullable(Type.String()), utm: Type.Record(Type.String(), Type.String()), submittedAt: DateTime,
          })),
        }),
      },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    await getForm(db, workspaceId, request.params.id);
    return { items: await listSubmissions(db, workspaceId, request.params.id, request.query) };
  });

  app.get('/forms/:id/submissions.csv', {
    config: { access: 'workspace:read' },
    schema: { tags: ['forms'], summary: 'Every submission as CSV (streamed): one column per field, then the page and campaign', params: IdParams },
  }, async (request, reply) => {
    const { workspaceId } = workspaceAccess(request);
    const form = await getForm(db, workspaceId, request.params.id);
    const keys = form.fields.map((field) => field.key);
    const stream = csvStream(['submitted_at', 'contact_id', 'email', ...keys, 'page_url', 'source', 'utm_campaign'], async function* () {
      for await (const row of allSubmissions(db, workspaceId, form.id)) {
        yield [row.submittedAt, row.contactId, row.contactEmail, ...keys.map((key) => row.answers[key]), row.pageUrl, row.source, row.utm.utm_campaign];
      }
    });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="form-submissions.csv"').send(stream);
  });

  app.get('/forms/:id/conversion', {
    config: { access: 'workspace:read' },
    schema: {
      tags: ['forms'], summary: 'Views → submissions, by page and by source', params: IdParams,
      querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 366, default: 30 }) }),
      response: { 200: Type.Object({ views: Type.Integer(), submissions: Type.Integer(), rate: Nullable(Type.Number()), byPage: Type.Array(Rate), bySource: Type.Array(Rate) }) },
    },
  }, async (request) => {
    const { workspaceId } = workspaceAccess(request);
    await getForm(db, workspaceId, request.params.id);
    return formConversion(db, workspaceId, request.params.id, new Date(clock.now().getTime() - request.query.days * 86_400_000));
  });
};
