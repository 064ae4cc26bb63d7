import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { workspaceAccess } from '../../platform/http/access-hook.js';
import { badRequest } from '../../platform/http/errors.js';
import { Uuid } from '../../platform/http/schema-types.js';
import { createCompany, deleteCompany, getCompany, listCompanies, updateCompany } from './companies.js';
import { createContact, deleteContact, getContact, listContacts, updateContact } from './contacts.js';
import { createCustomField, listCustomFields, updateCustomField } from './custom-fields.js';
import {
  Company, CompanyInput, Contact, ContactInput, CustomField, CustomFieldInput, CustomFieldPatch, ListQuery, ObjectType, Page,
  TimelineItem, customFilterProperties,
} from './schemas.js';
import { bulkUpdate } from './bulk.js';
import { eraseContact, exportContact } from './privacy.js';
import { findDuplicates, mergeCompanies, mergeContacts } from './merge.js';
import { completenessOf, getRecordRules, qualityReport, setRecordRules } from './quality.js';
import { listTimeline } from './timeline.js';

const IdParams = Type.Object({ id: Uuid });
const Completeness = Type.Object({ score: Type.Integer(), missing: Type.Array(Type.String()) });
const TimelineQuery = Type.Object({ limit: ListQuery.limit, cursor: ListQuery.cursor });

/** Contacts, companies, custom fields, timelines and search. */
export const contactRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { db, clock } = ctx;

  app.get('/custom-fields', {
    config: { access: 'workspace:read' },
    schema: { tags: ['custom fields'], summary: 'Custom fields of contacts, companies and deals',
      querystring: Type.Object({ objectType: Type.Optional(ObjectType), includeArchived: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(CustomField) }) } },
  }, async (request) => ({
    items: await listCustomFields(db, workspaceAccess(request).workspaceId, request.query.objectType, { includeArchived: request.query.includeArchived }),
  }));

  app.post('/custom-fields', {
    config: { access: 'fields:manage' },
    schema: { tags: ['custom fields'], summary: 'Define a custom field (no schema change needed)', body: CustomFieldInput, response: { 201: CustomField } },
  }, async (request, reply) => {
    reply.status(201);
    return createCustomField(db, clock, { workspaceId: workspaceAccess(request).workspaceId, ...request.body });
  });

  app.patch('/custom-fields/:id', {
    config: { access: 'fields:manage' },
    schema: { tags: ['custom fields'], summary: 'Rename, reorder, change options, require or archive a custom field', params: IdParams, body: CustomFieldPatch, response: { 200: CustomField } },
  }, async (request) => updateCustomField(db, clock, { workspaceId: workspaceAccess(request).workspaceId, id: request.params.id, ...request.body }));

  app.get('/contacts', {
    config: { access: 'workspace:read' },
    schema: { tags: ['contacts'], summary: 'List contacts: filters, custom.<key>=value, sort, cursor pagination',
      querystring: Type.Object({
        ...ListQuery,
        email: Type.Optional(Type.String({ maxLength: 320 })),
        ownerId: Type.Optional(Uuid), companyId: Type.Optional(Uuid), lifecycleStage: Type.Optional(Type.String({ maxLength: 50 })),
        tag: Type.Optional(Type.String({ maxLength: 100 })), country: Type.Optional(Type.String({ maxLength: 100 })),
      }, customFilterProperties),
      response: { 200: Page(Contact) } },
  }, async (request) => listContacts(db, workspaceAccess(request).workspaceId, request.query));

  app.post('/contacts', {
    config: { access: 'records:write' },
    schema: { tags: ['contacts'], summary: 'Create a contact (linked to a company by email domain unless companyId is given)', body: ContactInput, response: { 201: Contact } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const contact = await db.transaction().execute((trx) => createContact(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return contact;
  });

  app.get('/contacts/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['contacts'], summary: 'A contact with its completeness (a merged-away id answers with the surviving record)', params: IdParams,
      response: { 200: Type.Intersect([Contact, Type.Object({ completeness: Completeness })]) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const contact = await getContact(db, workspaceId, request.params.id);
    return { ...contact, completeness: completenessOf(await getRecordRules(db, workspaceId, 'contact'), contact as unknown as Record<string, unknown>) };
  });

  app.patch('/contacts/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['contacts'], summary: 'Update a contact; every changed field lands on its timeline', params: IdParams, body: ContactInput, response: { 200: Contact } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateContact(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/contacts/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['contacts'], summary: 'Delete a contact', params: IdParams },
  }, async (request, reply) => {
    await deleteContact(db, workspaceAccess(request).workspaceId, request.params.id);
    return reply.status(204).send();
  });

  app.get('/contacts/:id/timeline', {
    config: { access: 'workspace:read' },
    schema: { tags: ['contacts'], summary: "A contact's touchpoints, newest first", params: IdParams, querystring: TimelineQuery, response: { 200: Page(TimelineItem) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const contact = await getContact(db, workspaceId, request.params.id);
    return listTimeline(db, workspaceId, { contactId: contact.id }, request.query);
  });

  app.get('/companies', {
    config: { access: 'workspace:read' },
    schema: { tags: ['companies'], summary: 'List companies: filters, custom.<key>=value, sort, cursor pagination',
      querystring: Type.Object({
        ...ListQuery,
        domain: Type.Optional(Type.String({ maxLength: 300 })), ownerId: Type.Optional(Uuid),
        tag: Type.Optional(Type.String({ maxLength: 100 })), country: Type.Optional(Type.String({ maxLength: 100 })),
        industry: Type.Optional(Type.String({ maxLength: 200 })),
      }, customFilterProperties),
      response: { 200: Page(Company) } },
  }, async (request) => listCompanies(db, workspaceAccess(request).workspaceId, request.query));

  app.post('/companies', {
    config: { access: 'records:write' },
    schema: { tags: ['companies'], summary: 'Create a company (the domain is normalised and unique)', body: Type.Intersect([CompanyInput, Type.Object({ name: Type.String({ minLength: 1 }) })]), response: { 201: Company } },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const company = await db.transaction().execute((trx) => createCompany(trx, clock, access.workspaceId, access.actor, request.body));
    reply.status(201);
    return company;
  });

  app.get('/companies/:id', {
    config: { access: 'workspace:read' },
    schema: { tags: ['companies'], summary: 'A company with its completeness', params: IdParams,
      response: { 200: Type.Intersect([Company, Type.Object({ completeness: Completeness })]) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const company = await getCompany(db, workspaceId, request.params.id);
    return { ...company, completeness: completenessOf(await getRecordRules(db, workspaceId, 'company'), company as unknown as Record<string, unknown>) };
  });

  const QualityObjectSchema = Type.Unsafe<'contact' | 'company'>({ type: 'string', enum: ['contact', 'company'] });
  const Rules = { requiredFields: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }), completenessFields: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 }) };

  app.get('/data-quality', {
    config: { access: 'workspace:read' },
    schema: { tags: ['data quality'], summary: 'Required fields, completeness fields, and completeness overall and per owner',
      querystring: Type.Object({ objectType: QualityObjectSchema }),
      response: { 200: Type.Object({
        ...Rules,
        overall: Type.Object({ records: Type.Integer(), completeness: Type.Number() }),
        byOwner: Type.Array(Type.Object({ ownerId: Type.Union([Uuid, Type.Null()]), ownerEmail: Type.Union([Type.String(), Type.Null()]), records: Type.Integer(), completeness: Type.Number() })),
      }) } },
  }, async (request) => qualityReport(db, workspaceAccess(request).workspaceId, request.query.objectType));

  app.put('/data-quality/rules', {
    config: { access: 'fields:manage' },
    schema: { tags: ['data quality'], summary: 'Set the required and completeness fields of contacts or companies',
      body: Type.Object({ objectType: QualityObjectSchema, ...Rules }, { additionalProperties: false }),
      response: { 200: Type.Object(Rules) } },
  }, async (request) => {
    const { objectType, ...rules } = request.body;
    return setRecordRules(db, clock, workspaceAccess(request).workspaceId, objectType, rules);
  });

  app.patch('/companies/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['companies'], summary: 'Update a company', params: IdParams, body: CompanyInput, response: { 200: Company } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => updateCompany(trx, clock, access.workspaceId, access.actor, request.params.id, request.body));
  });

  app.delete('/companies/:id', {
    config: { access: 'records:write' },
    schema: { tags: ['companies'], summary: 'Delete a company (its contacts stay, unlinked)', params: IdParams },
  }, async (request, reply) => {
    await deleteCompany(db, workspaceAccess(request).workspaceId, request.params.id);
    return reply.status(204).send();
  });

  app.get('/companies/:id/timeline', {
    config: { access: 'workspace:read' },
    schema: { tags: ['companies'], summary: "A company's touchpoints and those of its contacts, newest first", params: IdParams, querystring: TimelineQuery, response: { 200: Page(TimelineItem) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const company = await getCompany(db, workspaceId, request.params.id);
    return listTimeline(db, workspaceId, { companyId: company.id }, request.query);
  });

  const BulkBody = Type.Object({
    ids: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }),
    action: Type.Unsafe<'addTags' | 'removeTags' | 'assignOwner' | 'setLifecycleStage' | 'delete'>({ type: 'string', enum: ['addTags', 'removeTags', 'assignOwner', 'setLifecycleStage', 'delete'] }),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    ownerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    lifecycleStage: Type.Optional(Type.String({ maxLength: 50 })),
  }, { additionalProperties: false });

  for (const object of ['contact', 'company'] as const) {
    app.post(`/${object === 'contact' ? 'contacts' : 'companies'}/bulk`, {
      config: { access: 'records:write' },
      schema: { tags: [object === 'contact' ? 'contacts' : 'companies'], summary: `Tag, untag, assign, ${object === 'contact' ? 'set the stage of, ' : ''}or delete up to 1000 ${object === 'contact' ? 'contacts' : 'companies'} at once`,
        body: BulkBody, response: { 200: Type.Object({ changed: Type.Integer() }) } },
    }, async (request) => {
      const access = workspaceAccess(request);
      const { ids, action, tags, ownerId, lifecycleStage } = request.body;
      const change = action === 'addTags' || action === 'removeTags'
        ? { action, tags: tags ?? [] }
        : action === 'assignOwner' ? { action, ownerId: ownerId ?? null }
        : action === 'setLifecycleStage' ? { action, lifecycleStage: lifecycleStage ?? '' }
        : { action };
      if ((action === 'addTags' || action === 'removeTags') && !tags?.length) throw badRequest(`${action} needs tags`, 'tags');
      const changed = await db.transaction().execute((trx) => bulkUpdate(trx, clock, access.workspaceId, access.actor, object, ids, change));
      return { changed };
    });
  }

  const MergeBody = Type.Object({
    primaryId: Uuid,
    duplicateId: Uuid,
    keep: Type.Optional(Type.Record(Type.String(), Type.Unsafe<'primary' | 'duplicate'>({ type: 'string', enum: ['primary', 'duplicate'] }),
      { description: 'Per field, whose value survives; by default the primary\'s unless it is empty' })),
  }, { additionalProperties: false });
  const DuplicateQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) });

  app.get('/contacts/duplicates', {
    config: { access: 'workspace:read' },
    schema: { tags: ['contacts'], summary: 'Likely duplicate contacts: the same mailbox, or the same name at the same company', querystring: DuplicateQuery,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ reason: Type.String(), records: Type.Array(Contact) })) }) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const groups = await findDuplicates(db, workspaceId, 'contact', request.query.limit);
    return { items: await Promise.all(groups.map(async (g) => ({ reason: g.reason, records: await Promise.all(g.ids.map((id) => getContact(db, workspaceId, id))) }))) };
  });

  app.post('/contacts/merge', {
    config: { access: 'records:write' },
    schema: { tags: ['contacts'], summary: 'Merge a duplicate into a primary contact; everything related moves, the old id keeps resolving', body: MergeBody, response: { 200: Contact } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => mergeContacts(trx, clock, access.workspaceId, access.actor, request.body));
  });

  app.get('/companies/duplicates', {
    config: { access: 'workspace:read' },
    schema: { tags: ['companies'], summary: 'Likely duplicate companies: the same name once legal suffixes are ignored', querystring: DuplicateQuery,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ reason: Type.String(), records: Type.Array(Company) })) }) } },
  }, async (request) => {
    const workspaceId = workspaceAccess(request).workspaceId;
    const groups = await findDuplicates(db, workspaceId, 'company', request.query.limit);
    return { items: await Promise.all(groups.map(async (g) => ({ reason: g.reason, records: await Promise.all(g.ids.map((id) => getCompany(db, workspaceId, id))) }))) };
  });

  app.post('/companies/merge', {
    config: { access: 'records:write' },
    schema: { tags: ['companies'], summary: 'Merge a duplicate into a primary company; its contacts, deals and history move', body: MergeBody, response: { 200: Company } },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => mergeCompanies(trx, clock, access.workspaceId, access.actor, request.body));
  });

  app.get('/contacts/:id/export', {
    config: { access: 'privacy:manage' },
    schema: { tags: ['privacy'], summary: 'Everything held on a person, as JSON (a subject access request); audited', params: IdParams },
  }, async (request, reply) => {
    const access = workspaceAccess(request);
    const data = await exportContact(db, clock, access.workspaceId, access.actor, request.params.id);
    return reply.header('content-disposition', `attachment; filename="contact-${request.params.id}.json"`).send(data);
  });

  app.post('/contacts/:id/erase', {
    config: { access: 'privacy:manage' },
    schema: {
      tags: ['privacy'], summary: 'Erase a person: personal data removed, anonymous counts kept; audited. Confirm with the contact\'s email (or id)',
      params: IdParams, body: Type.Object({ confirm: Type.String({ minLength: 1, maxLength: 320 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ erased: Type.Boolean(), kept: Type.Record(Type.String(), Type.Integer()) }) },
    },
  }, async (request) => {
    const access = workspaceAccess(request);
    return db.transaction().execute((trx) => eraseContact(trx, clock, access.workspaceId, access.actor, request.params.id, request.body.confirm));
  });
};
