import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { notFound } from '../../platform/http/errors.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import { listCustomFields } from '../contacts/index.js';
import { listTopics } from '../messaging/index.js';
import { type AfterSubmit, checkDefinition, type ConsentBox, type FormDefinition, type FormField } from './definition.js';

export interface Form extends FormDefinition {
  id: string;
  workspaceId: string;
  name: string;
  status: 'active' | 'archived';
  createdAt: Date;
  updatedAt: Date;
}

type FormRow = {
  workspace_id: string; id: string; name: string; status: 'active' | 'archived'; fields: unknown; consents: unknown; progressive: unknown;
  after_submit: unknown; submit_label: string; min_seconds: number; created_at: Date; updated_at: Date;
};

function toForm(row: FormRow): Form {
  return {
    id: row.id, workspaceId: row.workspace_id, name: row.name, status: row.status, fields: row.fields as FormField[], consents: row.consents as ConsentBox[],
    progressive: row.progressive as Form['progressive'], afterSubmit: row.after_submit as AfterSubmit, submitLabel: row.submit_label, minSeconds: row.min_seconds,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

const columns = ['workspace_id', 'id', 'name', 'status', 'fields', 'consents', 'progressive', 'after_submit', 'submit_label', 'min_seconds', 'created_at', 'updated_at'] as const;

export async function listForms(db: DbOrTx, workspaceId: string) {
  const { rows } = await sql<FormRow & { submissions: string; views: string }>`
    select f.*, (select count(*) from form_submissions s where s.workspace_id = f.workspace_id and s.form_id = f.id) as submissions,
           (select coalesce(sum(v.views), 0) from form_views v where v.workspace_id = f.workspace_id and v.form_id = f.id) as views
      from forms f where f.workspace_id = ${workspaceId} order by f.status, f.updated_at desc`.execute(db);
  return rows.map((row) => ({ ...toForm(row), submissions: Number(row.submissions), views: Number(row.views) }));
}

export async function getForm(db: DbOrTx, workspaceId: string, id: string): Promise<Form> {
  const row = await db.selectFrom('forms').select(columns).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Form');
  return toForm(row as FormRow);
}

/** A form by its id alone (the public endpoints), active ones only. */
export async function publicForm(db: DbOrTx, id: string): Promise<Form> {
  const row = await db.selectFrom('forms').select(columns).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
  if (!row) throw notFound('Form');
  return toForm(row as FormRow);
}

/** The ids of the workspace's active forms (those a landing page may embed). */
export async function activeFormIds(db: DbOrTx, workspaceId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('forms').select('id').where('workspace_id', '=', workspaceId).where('status', '=', 'active').execute();
  return new Set(rows.map((row) => row.id));
}

export interface FormInput {
  name: string;
  fields: FormField[];
  consents?: ConsentBox[];
  progressive?: { maxFields: number } | null;
  afterSubmit: AfterSubmit;
  submitLabel?: string;
  minSeconds?: number;
}

async function checked(db: DbOrTx, workspaceId: string, input: FormInput): Promise<FormDefinition> {
  const [custom, topics] = await Promise.all([listCustomFields(db, workspaceId, 'contact'), listTopics(db, workspaceId)]);
  return checkDefinition({
    fields: input.fields, consents: input.consents ?? [], progressive: input.progressive ?? null, afterSubmit: input.afterSubmit,
    submitLabel: input.submitLabel?.trim() || 'Submit', minSeconds: input.minSeconds ?? 2,
  }, new Set(custom.map((field) => field.key)), new Set(topics.filter((topic) => !topic.archived).map((topic) => topic.key)));
}

function values(definition: FormDefinition) {
  return {
    fields: JSON.stringify(definition.fields), consents: JSON.stringify(definition.consents), progressive: definition.progressive ? JSON.stringify(definition.progressive) : null,
    after_submit: JSON.stringify(definition.afterSubmit), submit_label: definition.submitLabel, min_seconds: definition.minSeconds,
  };
}

export async function createForm(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: FormInput): Promise<Form> {
  const definition = await checked(db, workspaceId, input);
  const now = clock.now();
  const row = await db.insertInto('forms').values({ workspace_id: workspaceId, name: input.name.trim(), ...values(definition), created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'form.created', target: { type: 'form', id: row.id } });
  return getForm(db, workspaceId, row.id);
}

export async function updateForm(db: DbOrTx, clock: Clock, workspaceId: string, id: string, input: Partial<FormInput> & { archived?: boolean }): Promise<Form> {
  const current = await getForm(db, workspaceId, id);
  const definition = await checked(db, workspaceId, { ...current, ...input });
  await db.updateTable('forms').set({
    name: input.name?.trim() ?? current.name, ...values(definition),
    status: input.archived === undefined ? current.status : input.archived ? 'archived' : 'active', updated_at: clock.now(),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return getForm(db, workspaceId, id);
}
