import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { listCustomFields } from '../contacts/index.js';
import { type CompiledTemplate, compileTemplate, type MergeFields, standardFields, TemplateError } from './compile.js';

export type TemplateKind = 'marketing' | 'transactional';

export interface EmailTemplate {
  id: string;
  name: string;
  kind: TemplateKind;
  topicKey: string | null;
  subject: string;
  preheader: string | null;
  mjml: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface TemplateInput {
  name: string;
  kind: TemplateKind;
  topicKey?: string | null;
  subject: string;
  preheader?: string | null;
  mjml: string;
}

const columns = ['id', 'name', 'kind', 'topic_key', 'subject', 'preheader', 'mjml', 'version', 'created_at', 'updated_at'] as const;
type Row = { id: string; name: string; kind: string; topic_key: string | null; subject: string; preheader: string | null; mjml: string; version: number; created_at: Date; updated_at: Date };

function toTemplate(row: Row): EmailTemplate {
  return {
    id: row.id, name: row.name, kind: row.kind as TemplateKind, topicKey: row.topic_key, subject: row.subject, preheader: row.preheader, mjml: row.mjml,
    version: row.version, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export async function mergeFieldsOf(db: DbOrTx, workspaceId: string): Promise<MergeFields> {
  const custom = await listCustomFields(db, workspaceId);
  return {
    contact: new Set([...standardFields.contact, 'custom']),
    company: new Set([...standardFields.company, 'custom']),
    contactCustom: new Set(custom.filter((field) => field.objectType === 'contact').map((field) => field.key)),
    companyCustom: new Set(custom.filter((field) => field.objectType === 'company').map((field) => field.key)),
  };
}

export async function snippetsOf(db: DbOrTx, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('email_snippets').select(['key', 'content']).where('workspace_id', '=', workspaceId).execute();
  return new Map(rows.map((row) => [row.key, row.content]));
}

/** Compiles, or answers 400 naming the field (subject or mjml) and what is wrong. */
export async function compileOrRefuse(db: DbOrTx, workspaceId: string, source: Pick<TemplateInput, 'subject' | 'preheader' | 'mjml'>): Promise<CompiledTemplate> {
  try {
    return await compileTemplate(source, await snippetsOf(db, workspaceId), await mergeFieldsOf(db, workspaceId));
  } catch (error) {
    if (error instanceof TemplateError) throw badRequest(`${error.field} ${error.message}`, error.field);
    throw error;
  }
}

// Compiled versions, shared by every send of the process; a new version is a new key.
const compiledCache = new Map<string, CompiledTemplate>();

export async function compiledTemplate(db: DbOrTx, workspaceId: string, template: EmailTemplate): Promise<CompiledTemplate> {
  const key = `${workspaceId}:${template.id}:${template.version}`;
  let compiled = compiledCache.get(key);
  if (!compiled) {
    compiled = await compileOrRefuse(db, workspaceId, template);
    if (compiledCache.size > 500) compiledCache.clear();
    compiledCache.set(key, compiled);
  }
  return compiled;
}

async function checkTopic(db: DbOrTx, workspaceId: string, input: Pick<TemplateInput, 'kind' | 'topicKey'>) {
  if (!input.topicKey) return;
  if (input.kind !== 'marketing') throw badRequest('only marketing email belongs to a subscription topic', 'topicKey');
  const topic = await db.selectFrom('subscription_topics').select('id').where('workspace_id', '=', workspaceId).where('key', '=', input.topicKey).executeTakeFirst();
  if (!topic) throw badRequest(`no subscription topic "${input.topicKey}"`, 'topicKey');
}

export async function listTemplates(db: DbOrTx, workspaceId: string): Promise<EmailTemplate[]> {
  const rows = await db.selectFrom('email_templates').select(columns).where('workspace_id', '=', workspaceId).where('archived_at', 'is', null).orderBy('updated_at', 'desc').execute();
  return rows.map(toTemplate);
}

export async function getTemplate(db: DbOrTx, workspaceId: string, id: string): Promise<EmailTemplate> {
  const row = await db.selectFrom('email_templates').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('email template');
  return toTemplate(row);
}

/** Empty texts are absent values (the JSON schema layer turns a null into ""). */
function normalised<T extends Partial<TemplateInput>>(input: T): T {
  return {
    ...input,
    ...(input.topicKey !== undefined ? { topicKey: input.topicKey || null } : {}),
    ...(input.preheader !== undefined ? { preheader: input.preheader?.trim() || null } : {}),
  };
}

export async function createTemplate(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, given: TemplateInput): Promise<EmailTemplate> {
  const input = normalised(given);
  await checkTopic(db, workspaceId, input);
  await compileOrRefuse(db, workspaceId, input);
  const now = clock.now();
  const row = await db.insertInto('email_templates').values({
    workspace_id: workspaceId, name: input.name.trim(), kind: input.kind, topic_key: input.topicKey ?? null, subject: input.subject, preheader: input.preheader ?? null,
    mjml: input.mjml, created_at: now, updated_at: now,
  }).returning(columns).executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'email_template.created', target: { type: 'email_template', id: row.id }, data: { name: row.name } });
  return toTemplate(row);
}

/** Each change is a new version: messages in flight keep rendering the version they were queued with. */
export async function updateTemplate(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, patch: Partial<TemplateInput>): Promise<EmailTemplate> {
  const before = await getTemplate(db, workspaceId, id);
  const merged = { ...before, ...normalised(patch) };
  await checkTopic(db, workspaceId, merged);
  await compileOrRefuse(db, workspaceId, merged);
  const row = await db.updateTable('email_templates').set({
    name: merged.name.trim(), kind: merged.kind, topic_key: merged.topicKey ?? null, subject: merged.subject, preheader: merged.preheader ?? null, mjml: merged.mjml,
    version: before.version + 1, updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'email_template.updated', target: { type: 'email_template', id }, data: { version: row.version } });
  return toTemplate(row);
}

export async function archiveTemplate(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string): Promise<void> {
  await getTemplate(db, workspaceId, id);
  await db.updateTable('email_templates').set({ archived_at: clock.now() }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'email_template.archived', target: { type: 'email_template', id } });
}

export async function listSnippets(db: DbOrTx, workspaceId: string) {
  const rows = await db.selectFrom('email_snippets').selectAll().where('workspace_id', '=', workspaceId).orderBy('key').execute();
  return rows.map((row) => ({ key: row.key, name: row.name, content: row.content, updatedAt: row.updated_at }));
}

export async function saveSnippet(db: DbOrTx, clock: Clock, workspaceId: string, key: string, input: { name: string; content: string }) {
  if (!/^[a-z][a-z0-9_-]{0,49}$/.test(key)) throw badRequest('a snippet key is 1–50 lower-case letters, digits, _ or -', 'key');
  const values = { name: input.name.trim(), content: input.content, updated_at: clock.now() };
  await db.insertInto('email_snippets').values({ workspace_id: workspaceId, key, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet(values)).execute();
  return { key, ...values, updatedAt: values.updated_at };
}
