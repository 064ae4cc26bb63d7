import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest } from '../../platform/http/errors.js';
import { listCustomFields } from './custom-fields.js';

export type QualityObject = 'contact' | 'company';

/** API field → column, for the standard fields that rules can name. */
const standardColumns: Record<QualityObject, Record<string, string>> = {
  contact: {
    email: 'email', firstName: 'first_name', lastName: 'last_name', phone: 'phone', jobTitle: 'job_title', persona: 'persona',
    seniority: 'seniority', country: 'country', city: 'city', timezone: 'timezone', ownerId: 'owner_id', source: 'source', companyId: 'company_id',
  },
  company: { name: 'name', domain: 'domain', industry: 'industry', employeeCount: 'employee_count', revenueBand: 'revenue_band', country: 'country', ownerId: 'owner_id' },
};

const defaultCompleteness: Record<QualityObject, string[]> = {
  contact: ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'companyId', 'country', 'ownerId'],
  company: ['name', 'domain', 'industry', 'employeeCount', 'country', 'ownerId'],
};

export interface RecordRules {
  requiredFields: string[];
  completenessFields: string[];
}

export async function getRecordRules(db: DbOrTx, workspaceId: string, object: QualityObject): Promise<RecordRules> {
  const row = await db.selectFrom('record_rules').select(['required_fields', 'completeness_fields'])
    .where('workspace_id', '=', workspaceId).where('object_type', '=', object).executeTakeFirst();
  return row
    ? { requiredFields: row.required_fields, completenessFields: row.completeness_fields }
    : { requiredFields: [], completenessFields: defaultCompleteness[object] };
}

export async function setRecordRules(db: DbOrTx, clock: Clock, workspaceId: string, object: QualityObject, rules: RecordRules): Promise<RecordRules> {
  const custom = new Set((await listCustomFields(db, workspaceId, object)).map((d) => `custom.${d.key}`));
  for (const [list, name] of [[rules.requiredFields, 'requiredFields'], [rules.completenessFields, 'completenessFields']] as const) {
    for (const field of list) {
      if (!standardColumns[object][field] && !custom.has(field)) throw badRequest(`${name}: ${field} is not a ${object} field`, name);
    }
  }
  if (!rules.completenessFields.length) throw badRequest('completenessFields needs at least one field', 'completenessFields');
  const values = { required_fields: [...new Set(rules.requiredFields)], completeness_fields: [...new Set(rules.completenessFields)], updated_at: clock.now() };
  await db.insertInto('record_rules').values({ workspace_id: workspaceId, object_type: object, ...values })
    .onConflict((oc) => oc.columns(['workspace_id', 'object_type']).doUpdateSet(values)).execute();
  return getRecordRules(db, workspaceId, object);
}

const isFilled = (value: unknown) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && !value.length);

function valueOf(record: Record<string, unknown>, field: string): unknown {
  return field.startsWith('custom.') ? (record.custom as Record<string, unknown> | undefined)?.[field.slice(7)] : record[field];
}

/** Refuses a record that lacks a workspace-required standard field. */
export function checkRequiredFields(rules: RecordRules, record: Record<string, unknown>) {
  for (const field of rules.requiredFields) {
    if (!field.startsWith('custom.') && !isFilled(valueOf(record, field))) {
      throw badRequest(`${field} is required in this workspace`, field);
    }
  }
}

/** How complete a record is: the share of completeness fields it has, and which are missing. */
export function completenessOf(rules: RecordRules, record: Record<string, unknown>) {
  const missing = rules.completenessFields.filter((field) => !isFilled(valueOf(record, field)));
  return { score: Math.round((100 * (rules.completenessFields.length - missing.length)) / rules.completenessFields.length), missing };
}

/** Completeness across the workspace and per owner, computed in one set-based query. */
export async function qualityReport(db: DbOrTx, workspaceId: string, object: QualityObject) {
  const rules = await getRecordRules(db, workspaceId, object);
  const filled = rules.completenessFields.map((field) => field.startsWith('custom.')
    ? sql`(case when r.custom ? ${field.slice(7)} then 1 else 0 end)`
    : sql`(case when ${sql.ref(`r.${standardColumns[object][field]!}`)} is not null then 1 else 0 end)`);
  const score = sql`(${sql.join(filled, sql` + `)})::numeric * 100 / ${rules.completenessFields.length}`;
  const table = sql.table(object === 'contact' ? 'contacts' : 'companies');
  const { rows } = await sql<{ owner_id: string | null; owner_email: string | null; records: string; completeness: string }>`
    select r.owner_id, u.email as owner_email, count(*) as records, round(avg(${score}), 1) as completeness
      from ${table} r left join users u on u.id = r.owner_id
     where r.workspace_id = ${workspaceId}
     group by r.owner_id, u.email
     order by completeness asc`.execute(db);
  const records = rows.reduce((n, r) => n + Number(r.records), 0);
  const overall = records ? rows.reduce((sum, r) => sum + Number(r.completeness) * Number(r.records), 0) / records : 100;
  return {
    ...rules,
    overall: { records, completeness: Math.round(overall * 10) / 10 },
    byOwner: rows.map((r) => ({ ownerId: r.owner_id, ownerEmail: r.owner_email, records: Number(r.records), completeness: Number(r.completeness) })),
  };
}
