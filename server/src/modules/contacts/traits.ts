import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { withSavepoint } from '../../platform/db/savepoint.js';
import { isHttpError } from '../../platform/http/errors.js';
import type { AuditActor } from '../accounts/index.js';
import { type Company, type CompanyInput, getCompany, updateCompany } from './companies.js';
import { type Contact, type ContactInput, createContact, getContact, updateContact } from './contacts.js';
import { listCustomFields, validateCustomValues } from './custom-fields.js';
import type { CrmObject } from './tables.js';

/**
 * Profile updates from identify and group traits. The built-in mapping covers the Segment
 * spec's reserved traits; a workspace adds its own (trait → field); a trait whose key is a
 * custom field's key fills it. Every trait is also kept as sent on the record's `traits`.
 *
 * A mapped field is written only when its trait changed since the last identify, so a
 * correction a sales rep made by hand is not undone by the next page load.
 */
/** The contact fields a workspace may map a trait to (besides custom.<key>). */
export const mappableContactFields: readonly string[] = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone', 'source'];

const contactTraitFields: Record<string, string> = {
  email: 'email', firstName: 'firstName', first_name: 'firstName', lastName: 'lastName', last_name: 'lastName',
  phone: 'phone', title: 'jobTitle', jobTitle: 'jobTitle', job_title: 'jobTitle', seniority: 'seniority', persona: 'persona',
  timezone: 'timezone', 'address.country': 'country', country: 'country', 'address.city': 'city', city: 'city',
};
const companyTraitFields: Record<string, string> = {
  name: 'name', website: 'domain', domain: 'domain', industry: 'industry', employees: 'employeeCount',
  employee_count: 'employeeCount', employeeCount: 'employeeCount', 'address.country': 'country', country: 'country',
};

export interface TraitOutcome<T> {
  record: T;
  /** Traits that could not be written to their field, with the reason (kept in `traits`). */
  skipped: { trait: string; reason: string }[];
}

function flatten(traits: Record<string, unknown>): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(traits)) {
    if (key === 'address' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [part, inner] of Object.entries(value)) flat.set(`address.${part}`, inner);
    } else flat.set(key, value);
  }
  return flat;
}

const snakeCase = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase();

function changedTraits(previous: Record<string, unknown>, traits: Record<string, unknown>): Map<string, unknown> {
  const before = flatten(previous);
  const changed = new Map<string, unknown>();
  for (const [key, value] of flatten(traits)) {
    if (JSON.stringify(before.get(key) ?? null) !== JSON.stringify(value ?? null)) changed.set(key, value);
  }
  return changed;
}

/** The fields the changed traits map to: built-in map, then the workspace's, then custom keys. */
async function mappedInput(
  db: DbOrTx, workspaceId: string, objectType: CrmObject, changed: Map<string, unknown>,
  builtIn: Record<string, string>, mappings: Record<string, string>,
) {
  const customKeys = new Set((await listCustomFields(db, workspaceId, objectType)).map((field) => field.key));
  const input: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const [trait, value] of changed) {
    if (value === undefined) continue;
    const target = mappings[trait] ?? builtIn[trait] ?? (customKeys.has(snakeCase(trait)) ? `custom.${snakeCase(trait)}` : null);
    if (!target) continue;
    if (target.startsWith('custom.')) {
      custom[target.slice(7)] = value;
      sources[target] = trait;
    } else {
      input[target] = typeof value === 'number' && target !== 'employeeCount' ? String(value) : value;
      sources[target] = trait;
    }
  }
  if (objectType === 'contact' && typeof changed.get('name') === 'string' && input.firstName === undefined && input.lastName === undefined) {
    const [first, ...rest] = String(changed.get('name')).trim().split(/\s+/);
    input.firstName = first || null;
    if (rest.length) input.lastName = rest.join(' ');
  }
  return { input, custom, sources };
}

/**
 * Writes field by field when the whole update is refused, so one bad trait (an invalid
 * time zone, say) does not stop the others.
 */
async function writeTraits<T>(
  db: DbOrTx, update: (input: Record<string, unknown>) => Promise<T>, current: T,
  mapped: { input: Record<string, unknown>; custom: Record<string, unknown>; sources: Record<string, string> },
  definitions: Awaited<ReturnType<typeof listCustomFields>>,
): Promise<TraitOutcome<T>> {
  const skipped: { trait: string; reason: string }[] = [];
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(mapped.custom)) {
    try {
      Object.assign(custom, validateCustomValues(definitions, { [key]: value }, { requireAll: false }).set);
    } catch (error) {
      skipped.push({ trait: mapped.sources[`custom.${key}`] ?? key, reason: (error as Error).message });
    }
  }
  const entries = [...Object.entries(mapped.input), ...(Object.keys(custom).length ? [['custom', custom] as const] : [])];
  if (!entries.length) return { record: current, skipped };
  let record = current;
  const attempt = async (input: Record<string, unknown>) => {
    try {
      record = await withSavepoint(db, () => update(input));
      return null;
    } catch (error) {
      if (isHttpError(error)) return error.message;
      throw error;
    }
  };
  if ((await attempt(Object.fromEntries(entries))) === null) return { record, skipped };
  for (const [field, value] of entries) {
    const reason = await attempt({ [field]: value });
    if (reason) skipped.push({ trait: field === 'custom' ? Object.keys(custom).join(', ') : mapped.sources[field] ?? field, reason });
  }
  return { record, skipped };
}

async function storeTraits(db: DbOrTx, table: 'contacts' | 'companies', workspaceId: string, id: string, traits: Record<string, unknown>) {
  await db.updateTable(table).set({ traits: sql`traits || ${JSON.stringify(traits)}::jsonb` as never })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** True when every trait sent equals what the contact already holds: nothing to write. */
export function traitsUnchanged(current: Record<string, unknown>, traits: Record<string, unknown>): boolean {
  return changedTraits(current, traits).size === 0;
}

/**
 * Creates a contact from identify traits in one write (one "created" entry on its
 * timeline). Traits a field refuses are left out of the fields and kept in `traits`.
 */
export async function createContactFromTraits(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, base: ContactInput,
  traits: Record<string, unknown>, mappings: Record<string, string>,
): Promise<Contact> {
  const changed = changedTraits({}, traits);
  changed.delete('email');
  const mapped = await mappedInput(db, workspaceId, 'contact', changed, contactTraitFields, mappings);
  const input = { ...mapped.input, ...(Object.keys(mapped.custom).length ? { custom: mapped.custom } : {}), ...base } as ContactInput;
  let contact: Contact;
  try {
    contact = await withSavepoint(db, () => createContact(db, clock, workspaceId, actor, input));
  } catch (error) {
    if (!isHttpError(error)) throw error;
    // A trait a field refuses: create with the identity alone, then write trait by trait.
    contact = await createContact(db, clock, workspaceId, actor, base);
    return (await applyContactTraits(db, clock, workspaceId, actor, contact, traits, mappings)).record;
  }
  await storeTraits(db, 'contacts', workspaceId, contact.id, traits);
  return { ...contact, traits };
}

export async function applyContactTraits(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, contact: Contact,
  traits: Record<string, unknown>, mappings: Record<string, string>,
): Promise<TraitOutcome<Contact>> {
  const changed = changedTraits(contact.traits, traits);
  // The email is an identity: identity resolution decides about it, not a trait update.
  changed.delete('email');
  const mapped = await mappedInput(db, workspaceId, 'contact', changed, contactTraitFields, mappings);
  const definitions = await listCustomFields(db, workspaceId, 'contact');
  const outcome = await writeTraits(db, (input) => updateContact(db, clock, workspaceId, actor, contact.id, input as ContactInput), contact, mapped, definitions);
  await storeTraits(db, 'contacts', workspaceId, contact.id, traits);
  return { record: await getContact(db, workspaceId, contact.id), skipped: outcome.skipped };
}

export async function applyCompanyTraits(
  db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, company: Company, traits: Record<string, unknown>,
): Promise<TraitOutcome<Company>> {
  const mapped = await mappedInput(db, workspaceId, 'company', changedTraits(company.traits, traits), companyTraitFields, {});
  if (typeof mapped.input.employeeCount === 'string') mapped.input.employeeCount = Number.parseInt(mapped.input.employeeCount, 10);
  const definitions = await listCustomFields(db, workspaceId, 'company');
  const outcome = await writeTraits(db, (input) => updateCompany(db, clock, workspaceId, actor, company.id, input as CompanyInput), company, mapped, definitions);
  await storeTraits(db, 'companies', workspaceId, company.id, traits);
  return { record: await getCompany(db, workspaceId, company.id), skipped: outcome.skipped };
}
