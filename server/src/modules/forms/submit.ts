import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, type HttpError, httpError } from '../../platform/http/errors.js';
import { installationSecret, sign, verify } from '../../platform/security/signed.js';
import { isEmailAddress, isIsoDate } from '../../platform/text.js';
import { type Contact, getContact } from '../contacts/index.js';
import { ingestEvents, readEvent, visitorContact } from '../events/index.js';
import { consentFromForm } from '../messaging/index.js';
import { formSubmittedEvent } from '../segments/index.js';
import type { FormField } from './definition.js';
import type { Form } from './forms.js';
import { type FieldError, keyedConsents } from './html.js';

const utmKeys = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
/** A UTM parameter's name in Segment's `context.campaign`: utm_campaign → name, utm_source → source, … */
const campaignField = (utmKey: string) => (utmKey === 'utm_campaign' ? 'name' : utmKey.slice(4));

/** The field's value as the contact holds it now, or undefined when unknown. */
function knownValue(contact: Contact, mapTo: string): unknown {
  if (mapTo.startsWith('custom.')) return contact.custom[mapTo.slice(7)];
  if (mapTo.startsWith('company.')) return contact.companyId ?? undefined;
  const value = (contact as unknown as Record<string, unknown>)[mapTo];
  return value === null || value === '' ? undefined : value;
}

/**
 * The fields this visitor is asked. With progressive profiling, a field whose value is
 * already known for the visitor's contact is left out and the next unknown ones take its
 * place, at most `maxFields` of them: a returning visitor is never asked the same thing twice.
 */
export function fieldsFor(form: Form, contact: Contact | null): FormField[] {
  if (!form.progressive) return form.fields;
  const unknown = form.fields.filter((field) => field.type !== 'hidden' && !(contact && field.mapTo && knownValue(contact, field.mapTo) !== undefined));
  const asked = new Set(unknown.slice(0, form.progressive.maxFields));
  return form.fields.filter((field) => field.type === 'hidden' || asked.has(field));
}

async function visitorsContact(db: DbOrTx, form: Form, anonymousId: string | null): Promise<Contact | null> {
  const id = anonymousId ? await visitorContact(db, form.workspaceId, anonymousId) : null;
  return id ? getContact(db, form.workspaceId, id) : null;
}

/** A signed render time: a submission sooner than the form's minimum after it is a bot's. */
async function renderToken(db: DbOrTx, formId: string, at: Date): Promise<string> {
  return sign(await installationSecret(db, 'forms'), `${formId}.${at.getTime()}`);
}

/** What a page needs to draw the form for this visitor (the embed script and the hosted page). */
export async function renderForm(ctx: Pick<AppContext, 'db' | 'clock'>, form: Form, anonymousId: string | null) {
  const contact = await visitorsContact(ctx.db, form, anonymousId);
  return {
    id: form.id, name: form.name, submitLabel: form.submitLabel, known: contact !== null,
    fields: fieldsFor(form, contact).map(({ key, label, type, required, options, maxLength, placeholder, source }) => ({ key, label, type, required: !!required, options, maxLength, placeholder, source })),
    consents: keyedConsents(form.consents).map(({ key, purpose, wording, required }) => ({ key, purpose, wording, required: !!required })),
    token: await renderToken(ctx.db, form.id, ctx.clock.now()),
  };
}

export interface SubmissionInput {
  answers: Record<string, unknown>;
  /** `consent_<index>` → ticked. */
  consents: Record<string, boolean>;
  anonymousId: string | null;
  page: { url: string | null; referrer: string | null; title: string | null };
  /** The visit's campaign as the tracker kept it (Segment's names: source, medium, name, term, content), used when the page's address has none. */
  campaign: Record<string, string> | null;
  token: string | null;
  /** The honeypot: a field people never see and bots fill in. */
  honeypot: string | null;
  ip: string | null;
}

/** A refused submission: every wrong field, each with what is wrong, the first also as `field`. */
export type FormErrors = HttpError & { errors: FieldError[] };

function refused(errors: FieldError[]): FormErrors {
  const first = errors[0]!;
  return Object.assign(httpError(400, errors.length === 1 ? first.message : `${errors.length} fields need attention: ${first.message}`, first.field), { errors });
}

export function isFormErrors(error: unknown): error is FormErrors {
  return error instanceof Error && Array.isArray((error as FormErrors).errors);
}

async function checkNotBot(db: DbOrTx, now: Date, form: Form, input: SubmissionInput) {
  if (input.honeypot) throw badRequest('the submission looks automated', '_hp');
  // A plain HTML form pasted into a page carries no render time; the honeypot and the rate limit guard it.
  if (!input.token) return;
  const payload = verify(await installationSecret(db, 'forms'), input.token);
  const [formId, at] = payload?.split('.') ?? [];
  if (formId !== form.id || !at) throw badRequest('the form has expired; reload the page and send it again', '_t');
  if (now.getTime() - Number(at) < form.minSeconds * 1000) throw badRequest('the form was sent faster than a person can fill it in', '_t');
}

function parseUrl(url: string | null): URL | null {
  try {
    return url ? new URL(url) : null;
  } catch {
    return null;
  }
}

/** Each asked field's answer, checked: what is missing or malformed is reported by field. */
function readAnswers(fields: FormField[], input: SubmissionInput): Record<string, string | number | boolean> {
  const errors: FieldError[] = [];
  const answers: Record<string, string | number | boolean> = {};
  const page = parseUrl(input.page.url);
  for (const field of fields) {
    let raw = input.answers[field.key];
    if (field.type === 'hidden' && (raw === undefined || raw === '') && field.source) {
      raw = field.source === 'page_url' ? input.page.url : field.source === 'referrer' ? input.page.referrer : page?.searchParams.get(field.source);
    }
    if (field.type === 'checkbox') {
      const ticked = raw === true || raw === 'true' || raw === 'on' || raw === '1';
      if (field.required && !ticked) errors.push({ field: field.key, message: `${field.label} must be ticked` });
      answers[field.key] = ticked;
      continue;
    }
    const text = raw === undefined || raw === null ? '' : typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : null;
    if (text === null) { errors.push({ field: field.key, message: `${field.label} must be text` }); continue; }
    if (!text) {
      if (field.required) errors.push({ field: field.key, message: `${field.label} is required` });
      continue;
    }
    const maxLength = field.maxLength ?? (field.type === 'textarea' ? 5000 : 500);
    if (text.length > maxLength) { errors.push({ field: field.key, message: `${field.label} is longer than ${maxLength} characters` }); continue; }
    if (field.type === 'email' && !isEmailAddress(text)) { errors.push({ field: field.key, message: `${field.label} must be an email address` }); continue; }
    if (field.type === 'number') {
      if (!Number.isFinite(Number(text))) { errors.push({ field: field.key, message: `${field.label} must be a number` }); continue; }
      answers[field.key] = Number(text);
      continue;
    }
    if (field.type === 'date' && !isIsoDate(text)) { errors.push({ field: field.key, message: `${field.label} must be a date (YYYY-MM-DD)` }); continue; }
    if (field.type === 'select' && !field.options!.includes(text)) { errors.push({ field: field.key, message: `${field.label} must be one of ${field.options!.join(', ')}` }); continue; }
    answers[field.key] = field.type === 'email' ? text.toLowerCase() : text;
  }
  if (errors.length) throw refused(errors);
  return answers;
}

/**
 * A submission, all or nothing: the visitor's identify (the contact found by email or made,
 * the fields filled, the visitor's earlier page views attached), the company, a
 * `Form Submitted` event for segments, scoring and journeys, the submission itself and each
 * ticked consent with its wording — in one transaction. Returns what to show next.
 */
export async function submitForm(ctx: AppContext, form: Form, input: SubmissionInput) {
  const now = ctx.clock.now();
  await checkNotBot(ctx.db, now, form, input);
  const contact = await visitorsContact(ctx.db, form, input.anonymousId);
  const answers = readAnswers(fieldsFor(form, contact), input);
  const missing = form.consents.flatMap((consent, index) => (consent.required && !input.consents[`consent_${index}`] ? [{ field: `consent_${index}`, message: 'this box must be ticked to send the form' }] : []));
  if (missing.length) throw refused(missing);

  const traits: Record<string, unknown> = {};
  const company: Record<string, unknown> = {};
  for (const field of form.fields) {
    const value = answers[field.key];
    if (value === undefined || !field.mapTo) continue;
    if (field.mapTo === 'company.name') company.name = value;
    else if (field.mapTo === 'company.domain') company.website = value;
    else traits[field.mapTo.startsWith('custom.') ? field.mapTo.slice(7) : field.mapTo] = value;
  }
  const page = parseUrl(input.page.url);
  const fromPage = Object.fromEntries(utmKeys.flatMap((key) => (page?.searchParams.get(key) ? [[key, page.searchParams.get(key)!]] : [])));
  const fromVisit = Object.fromEntries(utmKeys.flatMap((key) => {
    const value = input.campaign?.[campaignField(key)];
    return typeof value === 'string' && value ? [[key, value.slice(0, 200)]] : [];
  }));
  const utm: Record<string, string> = Object.keys(fromPage).length ? fromPage : fromVisit;
  const submissionId = randomUUID();
  const anonymousId = input.anonymousId ?? `form-${submissionId}`;
  const context = {
    ip: input.ip, page: { url: input.page.url, referrer: input.page.referrer, title: input.page.title, path: page?.pathname ?? null },
    ...(Object.keys(utm).length ? { campaign: Object.fromEntries(Object.entries(utm).map(([key, value]) => [campaignField(key), value])) } : {}),
  };
  const timestamp = now.toISOString();
  const raw = [
    { type: 'identify', anonymousId, messageId: `form-${submissionId}-identify`, traits, context, timestamp },
    ...(company.name || company.website
      ? [{ type: 'group', anonymousId, messageId: `form-${submissionId}-group`, groupId: `form-company:${String(company.website ?? company.name).toLowerCase()}`, traits: company, context, timestamp }]
      : []),
    { type: 'track', anonymousId, messageId: `form-${submissionId}`, event: formSubmittedEvent, properties: { formId: form.id, formName: form.name, submissionId }, context, timestamp },
  ];
  const events = raw.map((event, index) => readEvent(event, { index, receivedAt: now }));
  const actor = { type: 'system' as const, label: `Form: ${form.name}` };
  let contactId: string | null = null;
  await ingestEvents(ctx, { workspaceId: form.workspaceId, actor, contactSource: 'form' }, events, async (trx, contactOf) => {
    contactId = contactOf(`form-${submissionId}`);
    if (!contactId) throw badRequest('give your email address', form.fields.find((field) => field.mapTo === 'email')!.key);
    await trx.insertInto('form_submissions').values({
      workspace_id: form.workspaceId, id: submissionId, form_id: form.id, contact_id: contactId, answers: JSON.stringify(answers),
      page_url: input.page.url, referrer: input.page.referrer, source: utm.utm_source ?? (parseUrl(input.page.referrer)?.hostname || null),
      utm: JSON.stringify(utm), anonymous_id: input.anonymousId, submitted_at: now,
    }).execute();
    for (const [index, consent] of form.consents.entries()) {
      if (!input.consents[`consent_${index}`]) continue;
      await consentFromForm(trx, ctx.clock, ctx.config.publicUrl, form.workspaceId, actor, contactId, { purpose: consent.purpose, source: `form:${form.id}`, wording: consent.wording, ip: input.ip });
    }
  });
  return { submissionId, contactId: contactId!, afterSubmit: form.afterSubmit };
}

/** Counts a view of the form, by day, page and source (the conversion report's denominator). */
export async function countView(db: DbOrTx, form: Form, now: Date, page: { url: string | null; referrer: string | null }) {
  const url = parseUrl(page.url);
  const source = url?.searchParams.get('utm_source') ?? parseUrl(page.referrer)?.hostname ?? '';
  await sql`
    insert into form_views (workspace_id, form_id, day, page_path, source, views)
    values (${form.workspaceId}, ${form.id}, ${now.toISOString().slice(0, 10)}::date, ${url?.pathname ?? ''}, ${source}, 1)
    on conflict (workspace_id, form_id, day, page_path, source) do update set views = form_views.views + 1`.execute(db);
}
