import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { isIsoDate } from '../../platform/text.js';
import type { CrmObject, CustomFieldType, CustomValues } from './tables.js';

export interface CustomFieldDefinition {
  id: string;
  objectType: CrmObject;
  key: string;
  label: string;
  type: CustomFieldType;
  options: { value: string; label: string }[];
  required: boolean;
  position: number;
  createdAt: Date;
  archivedAt: Date | null;
}

const maxTextLength = 10_000;

export async function listCustomFields(db: DbOrTx, workspaceId: string, objectType?: CrmObject, options: { includeArchived?: boolean } = {}) {
  let query = db.selectFrom('custom_fields').selectAll().where('workspace_id', '=', workspaceId);
  if (objectType) query = query.where('object_type', '=', objectType);
  if (!options.includeArchived) query = query.where('archived_at', 'is', null);
  const rows = await query.orderBy('object_type').orderBy('position').orderBy('created_at').execute();
  return rows.map(toDefinition);
}

export async function createCustomField(
  db: DbOrTx, clock: Clock,
  input: { workspaceId: string; objectType: CrmObject; key: string; label: string; type: CustomFieldType;
    options?: { value: string; label: string }[]; required?: boolean; position?: number },
): Promise<CustomFieldDefinition> {
  const options = checkOptions(input.type, input.options ?? []);
  const existing = await db.selectFrom('custom_fields').select('id')
    .where('workspace_id', '=', input.workspaceId).where('object_type', '=', input.objectType).where('key', '=', input.key)
    .executeTakeFirst();
  if (existing) throw conflict(`A ${input.objectType} field with key "${input.key}" exists already`, 'key');
  const row = await db.insertInto('custom_fields').values({
    workspace_id: input.workspaceId, object_type: input.objectType, key: input.key, label: input.label.trim(), type: input.type,
    options: JSON.stringify(options) as never, required: input.required ?? false, position: input.position ?? 0, created_at: clock.now(),
  }).returningAll().executeTakeFirstOrThrow();
  return toDefinition(row);
}

export async function updateCustomField(
  db: DbOrTx, clock: Clock,
  input: { workspaceId: string; id: string; label?: string; options?: { value: string; label: string }[]; required?: boolean; position?: number; archived?: boolean },
): Promise<CustomFieldDefinition> {
  const current = await db.selectFrom('custom_fields').selectAll()
    .where('workspace_id', '=', input.workspaceId).where('id', '=', input.id).executeTakeFirst();
  if (!current) throw notFound('Custom field');
  const row = await db.updateTable('custom_fields').set({
    ...(input.label !== undefined ? { label: input.label.trim() } : {}),
    ...(input.options !== undefined ? { options: JSON.stringify(checkOptions(current.type, input.options)) as never } : {}),
    ...(input.required !== undefined ? { required: input.required } : {}),
    ...(input.position !== undefined ? { position: input.position } : {}),
    ...(input.archived !== undefined ? { archived_at: input.archived ? clock.now() : null } : {}),
  }).where('workspace_id', '=', input.workspaceId).where('id', '=', input.id).returningAll().executeTakeFirstOrThrow();
  return toDefinition(row);
}

function checkOptions(type: CustomFieldType, options: { value: string; label: string }[]) {
  const isSelect = type === 'select' || type === 'multi_select';
  if (!isSelect && options.length) throw badRequest(`options only apply to select and multi_select fields`, 'options');
  if (isSelect && !options.length) throw badRequest(`a ${type} field needs at least one option`, 'options');
  const values = new Set<string>();
  for (const option of options) {
    if (values.has(option.value)) throw badRequest(`option value "${option.value}" appears twice`, 'options');
    values.add(option.value);
  }
  return options;
}

/**
 * Checks custom values against the definitions: unknown keys, wrong types and values
 * outside a select's options are refused, naming `custom.<key>`. `null` removes a value.
 * With `requireAll`, required fields must be present (a new record).
 */
export function validateCustomValues(
  definitions: CustomFieldDefinition[], input: Record<string, unknown>, options: { requireAll: boolean; current?: CustomValues },
): { set: CustomValues; remove: string[] } {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const set: CustomValues = {};
  const remove: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    const definition = byKey.get(key);
    const field = `custom.${key}`;
    if (!definition) throw badRequest(`${field} is not a field of this object; define it in Settings → Custom fields first`, field);
    if (value === null) {
      if (definition.required) throw badRequest(`${field} is required`, field);
      remove.push(key);
      continue;
    }
    set[key] = checkValue(definition, value, field);
  }
  if (options.requireAll) {
    for (const definition of definitions) {
      if (definition.required && set[definition.key] === undefined && options.current?.[definition.key] === undefined) {
        throw badRequest(`custom.${definition.key} is required`, `custom.${definition.key}`);
      }
    }
  }
  return { set, remove };
}

function checkValue(definition: CustomFieldDefinition, value: unknown, field: string): string | number | boolean | string[] {
  switch (definition.type) {
    case 'text':
      if (typeof value !== 'string') throw badRequest(`${field} must be text`, field);
      if (value.length > maxTextLength) throw badRequest(`${field} must be at most ${maxTextLength} characters`, field);
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${field} must be a number`, field);
      return value;
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) throw badRequest(`${field} must be a date as YYYY-MM-DD`, field);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw badRequest(`${field} must be true or false`, field);
      return value;
    case 'select': {
      const allowed = definition.options.map((o) => o.value);
      if (typeof value !== 'string' || !allowed.includes(value)) throw badRequest(`${field} must be one of ${allowed.join(', ')}`, field);
      return value;
    }
    case 'multi_select': {
      const allowed = new Set(definition.options.map((o) => o.value));
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !allowed.has(v))) {
        throw badRequest(`${field} must be a list of ${[...allowed].join(', ')}`, field);
      }
      return [...new Set(value as string[])];
    }
  }
}

function toDefinition(row: {
  id: string; object_type: CrmObject; key: string; label: string; type: CustomFieldType;
  options: { value: string; label: string }[]; required: boolean; position: number; created_at: Date; archived_at: Date | null;
}): CustomFieldDefinition {
  return {
    id: row.id, objectType: row.object_type, key: row.key, label: row.label, type: row.type, options: row.options,
    required: row.required, position: row.position, createdAt: row.created_at, archivedAt: row.archived_at,
  };
}
