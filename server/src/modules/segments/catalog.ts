import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import { lifecycleStages, listCustomFields } from '../contacts/index.js';
import type { CustomFieldType } from '../contacts/index.js';
import type { FieldType } from './definition.js';
import { operatorsByType } from './definition.js';

/**
 * The fields a segment can filter on: the contact's own, its custom fields, and its
 * company's (read through `company_id`). Each knows its SQL expression on `c` (contacts) or
 * `co` (companies) and the change-feed name that says when it changed.
 */
export interface FieldSpec {
  key: string;
  label: string;
  type: FieldType;
  group: 'Contact' | 'Scores' | 'Consent' | 'Company' | 'Contact custom fields' | 'Company custom fields';
  options?: { value: string; label: string }[];
  on: 'contact' | 'company';
  expression: RawBuilder<unknown>;
  /** The contacts change-feed field(s) whose change re-evaluates the condition. */
  feed: string | readonly string[];
}

export interface Catalog {
  fields: Map<string, FieldSpec>;
  /** Custom fields archived: a saved segment naming one is flagged, not broken. */
  archived: Set<string>;
}

const contactColumns: [key: string, label: string, column: string, type: FieldType][] = [
  ['email', 'Email', 'email', 'text'], ['firstName', 'First name', 'first_name', 'text'], ['lastName', 'Last name', 'last_name', 'text'],
  ['phone', 'Phone', 'phone', 'text'], ['jobTitle', 'Job title', 'job_title', 'text'], ['persona', 'Persona', 'persona', 'text'],
  ['seniority', 'Seniority', 'seniority', 'text'], ['country', 'Country', 'country', 'text'], ['city', 'City', 'city', 'text'],
  ['timezone', 'Time zone', 'timezone', 'text'], ['source', 'Source', 'source', 'text'], ['lifecycleStage', 'Lifecycle stage', 'lifecycle_stage', 'stage'],
  ['owner', 'Owner', 'owner_id', 'user'], ['tags', 'Tags', 'tags', 'tags'], ['createdAt', 'Created', 'created_at', 'date'], ['updatedAt', 'Updated', 'updated_at', 'date'],
];

const companyColumns: [key: string, label: string, column: string, type: FieldType][] = [
  ['name', 'Company name', 'name', 'text'], ['domain', 'Company domain', 'domain', 'text'], ['industry', 'Industry', 'industry', 'text'],
  ['employeeCount', 'Employees', 'employee_count', 'number'], ['revenueBand', 'Revenue band', 'revenue_band', 'text'],
  ['country', 'Company country', 'country', 'text'], ['owner', 'Account owner', 'owner_id', 'user'], ['tags', 'Company tags', 'tags', 'tags'],
];

// Scores live in the scoring module's table; the change feed names them `score`.
const scoreColumns: [key: string, label: string, column: string, type: FieldType][] = [
  ['fitScore', 'Fit score', 'fit', 'number'], ['engagementScore', 'Engagement score', 'engagement', 'number'],
  ['fitGrade', 'Fit grade', 'fit_grade', 'select'], ['engagementLevel', 'Engagement level', 'engagement_level', 'number'],
  ['tier', 'Tier', 'tier', 'select'],
];
const scoreDefaults: Record<string, RawBuilder<unknown>> = {
  fitScore: sql`0`, engagementScore: sql`0`, fitGrade: sql`'D'`, engagementLevel: sql`4`, tier: sql`'cold'`,
};
const gradeOptions: Record<string, { value: string; label: string }[]> = {
  fitGrade: ['A', 'B', 'C', 'D'].map((grade) => ({ value: grade, label: grade })),
  tier: ['hot', 'warm', 'cold'].map((tier) => ({ value: tier, label: tier[0]!.toUpperCase() + tier.slice(1) })),
};

// Consent lives in the messaging module's tables; its changes come through the feed as `consent`.
const consentOptions = ['granted', 'pending', 'withdrawn', 'unknown'].map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }));

async function loadTopics(db: DbOrTx, workspaceId: string) {
  return db.selectFrom('subscription_topics').select(['key', 'name']).where('workspace_id', '=', workspaceId).where('archived_at', 'is', null).orderBy('name').execute();
}

function consentFields(topics: { key: string; name: string }[]): FieldSpec[] {
  const consent = (key: string, label: string, purpose: string): FieldSpec => ({
    key, label, type: 'select', group: 'Consent', on: 'contact', feed: 'consent', options: consentOptions,
    expression: sql`coalesce((select s.status from consent_state s where s.workspace_id = c.workspace_id and s.contact_id = c.id and s.purpose = ${purpose}), 'unknown')`,
  });
  return [
    consent('consent.marketingEmail', 'Consent to marketing email', 'marketing_email'),
    ...topics.map((topic) => consent(`consent.topic.${topic.key}`, `Subscribed to ${topic.name}`, `topic:${topic.key}`)),
    {
      key: 'suppressed', label: 'Email suppressed', type: 'boolean', group: 'Consent', on: 'contact', feed: ['consent', 'email'],
      expression: sql`exists (select 1 from suppressions x where x.workspace_id = c.workspace_id and x.email = c.email)`,
    },
  ];
}

const customTypes: Record<CustomFieldType, FieldType> = {
  text: 'text', number: 'number', date: 'date', boolean: 'boolean', select: 'select', multi_select: 'tags',
};

/** A custom value as its type: a wrong-typed stored value reads as unknown rather than failing the query. */
function customExpression(alias: 'c' | 'co', key: string, type: CustomFieldType): RawBuilder<unknown> {
  const value = sql`${sql.ref(`${alias}.custom`)}->${key}`;
  switch (type) {
    case 'number': return sql`case when jsonb_typeof(${value}) = 'number' then (${value})::numeric end`;
    case 'boolean': return sql`case when jsonb_typeof(${value}) = 'boolean' then (${value})::boolean end`;
    case 'date': return sql`case when ${sql.ref(`${alias}.custom`)}->>${key} ~ '^\\d{4}-\\d{2}-\\d{2}' then (${sql.ref(`${alias}.custom`)}->>${key})::date end`;
    case 'multi_select': return sql`case when jsonb_typeof(${value}) = 'array' then array(select jsonb_array_elements_text(${value})) end`;
    default: return sql`${sql.ref(`${alias}.custom`)}->>${key}`;
  }
}

export async function loadCatalog(db: DbOrTx, workspaceId: string, users: { value: string; label: string }[] = []): Promise<Catalog> {
  const fields = new Map<string, FieldSpec>();
  const stageOptions = lifecycleStages.map((stage) => ({ value: stage, label: stage.length <= 3 ? stage.toUpperCase() : stage[0]!.toUpperCase() + stage.slice(1) }));
  const optionsFor = (type: FieldType) => (type === 'stage' ? stageOptions : type === 'user' ? users : undefined);
  for (const [key, label, column, type] of contactColumns) {
    fields.set(key, { key, label, type, group: 'Contact', on: 'contact', expression: sql.ref(`c.${column}`), feed: key, options: optionsFor(type) });
  }
  for (const which of ['firstTouch', 'lastTouch'] as const) {
    const column = which === 'firstTouch' ? 'first_touch' : 'last_touch';
    fields.set(`${which}.channel`, {
      key: `${which}.channel`, label: which === 'firstTouch' ? 'First touch channel' : 'Last touch channel', type: 'text', group: 'Contact',
      on: 'contact', expression: sql`${sql.ref(`c.${column}`)}->>'channel'`, feed: which,
    });
  }
  for (const [key, label, column, type] of scoreColumns) {
    fields.set(key, {
      key, label, type, group: 'Scores', on: 'contact', feed: 'score', options: type === 'select' ? gradeOptions[key] : undefined,
      // A contact never scored has 0 points, grade D, level 4, tier cold: the table's defaults.
      expression: sql`coalesce((select ${sql.ref(`s.${column}`)} from contact_scores s where s.workspace_id = c.workspace_id and s.contact_id = c.id), ${scoreDefaults[key]})`,
    });
  }
  for (const spec of consentFields(await loadTopics(db, workspaceId))) fields.set(spec.key, spec);
  for (const [key, label, column, type] of companyColumns) {
    fields.set(`company.${key}`, { key: `company.${key}`, label, type, group: 'Company', on: 'company', expression: sql.ref(`co.${column}`), feed: 'company', options: optionsFor(type) });
  }
  const archived = new Set<string>();
  for (const field of await listCustomFields(db, workspaceId, undefined, { includeArchived: true })) {
    if (field.objectType === 'deal') continue;
    const onCompany = field.objectType === 'company';
    const key = `${onCompany ? 'company.' : ''}custom.${field.key}`;
    if (field.archivedAt) {
      archived.add(key);
      continue;
    }
    fields.set(key, {
      key, label: field.label, type: customTypes[field.type], group: onCompany ? 'Company custom fields' : 'Contact custom fields',
      on: onCompany ? 'company' : 'contact', expression: customExpression(onCompany ? 'co' : 'c', field.key, field.type),
      feed: onCompany ? 'company' : 'custom', options: field.options.length ? field.options : undefined,
    });
  }
  return { fields, archived };
}

/** The catalog as the builder shows it. */
export function describeFields(catalog: Catalog) {
  return [...catalog.fields.values()].map((field) => ({
    key: field.key, label: field.label, type: field.type, group: field.group, operators: [...operatorsByType[field.type]],
    ...(field.options ? { options: field.options } : {}),
  }));
}
