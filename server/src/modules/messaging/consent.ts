import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { escapeLike } from '../../platform/text.js';
import type { AuditActor } from '../accounts/index.js';
import { getContact, publishContactChanges, recordTouchpoint } from '../contacts/index.js';
import type { ConsentStatus, LawfulBasis, MarketingBasis, SuppressionReason } from './tables.js';

/** All marketing email; a subscription topic's purpose is `topic:<key>`. */
export const marketingEmail = 'marketing_email';
export const lawfulBases: readonly LawfulBasis[] = ['consent', 'legitimate_interest', 'contract', 'legal_obligation'];

export interface ConsentInput {
  purpose: string;
  status: ConsentStatus;
  lawfulBasis?: LawfulBasis;
  /** Where it was given or withdrawn: form, api, import, preference_centre, unsubscribe_link, double_opt_in, … */
  source: string;
  /** The words the person saw when agreeing (the evidence regulators ask for). */
  wording?: string | null;
  ip?: string | null;
}

async function checkPurpose(db: DbOrTx, workspaceId: string, purpose: string) {
  if (purpose === marketingEmail) return;
  const topic = purpose.startsWith('topic:') ? purpose.slice('topic:'.length) : null;
  const found = topic && await db.selectFrom('subscription_topics').select('id')
    .where('workspace_id', '=', workspaceId).where('key', '=', topic).where('archived_at', 'is', null).executeTakeFirst();
  if (!found) throw badRequest(`purpose must be ${marketingEmail} or topic:<key> of a subscription topic`, 'purpose');
}

/**
 * Records consent given or withdrawn: a record for the history, the current state beside
 * it, a touchpoint on the timeline and a change of `consent` for the segments that read it —
 * all in the caller's transaction.
 */
export async function recordConsent(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, contactId: string, input: ConsentInput) {
  const contact = await getContact(db, workspaceId, contactId);
  await checkPurpose(db, workspaceId, input.purpose);
  if (input.status !== 'withdrawn' && !input.wording?.trim() && input.source !== 'api' && input.source !== 'import') {
    throw badRequest('consent given needs the wording the person agreed to', 'wording');
  }
  const now = clock.now();
  const lawfulBasis = input.lawfulBasis ?? 'consent';
  const record = await db.insertInto('consent_records').values({
    workspace_id: workspaceId, contact_id: contact.id, purpose: input.purpose, status: input.status, lawful_basis: lawfulBasis, source: input.source,
    wording: input.wording?.trim() || null, ip: input.ip ?? null, actor_type: actor.type, actor_id: actor.id ?? null, actor_label: actor.label, recorded_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const state = { status: input.status, lawful_basis: lawfulBasis, record_id: record.id, updated_at: now };
  await db.insertInto('consent_state').values({ workspace_id: workspaceId, contact_id: contact.id, purpose: input.purpose, ...state })
    .onConflict((oc) => oc.columns(['workspace_id', 'contact_id', 'purpose']).doUpdateSet(state)).execute();
  await recordTouchpoint(db, clock, {
    workspaceId, kind: `consent.${input.status}`, contactId: contact.id, actor,
    source: { type: 'consent', id: String(record.id) }, data: { purpose: input.purpose, lawfulBasis, source: input.source },
  });
  await publishContactChanges(db, clock, workspaceId, [{ id: contact.id, fields: ['consent'] }]);
  return { ...(await consentOf(db, workspaceId, contact.id)), recordId: record.id };
}

/** A contact's consent now, per purpose, its suppression, and the history. */
export async function consentOf(db: DbOrTx, workspaceId: string, contactId: string) {
  const contact = await getContact(db, workspaceId, contactId);
  const [state, history, suppression, settings] = await Promise.all([
    db.selectFrom('consent_state').select(['purpose', 'status', 'lawful_basis', 'updated_at']).where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).orderBy('purpose').execute(),
    db.selectFrom('consent_records').selectAll().where('workspace_id', '=', workspaceId).where('contact_id', '=', contact.id).orderBy('recorded_at', 'desc').orderBy('id', 'desc').limit(200).execute(),
    contact.email
      ? db.selectFrom('suppressions').select(['reason', 'note', 'created_at']).where('workspace_id', '=', workspaceId).where('email', '=', contact.email).executeTakeFirst()
      : undefined,
    messagingSettings(db, workspaceId),
  ]);
  const marketing = state.find((row) => row.purpose === marketingEmail);
  return {
    /** Whether marketing email may go to this contact now, and if not, why. */
    marketing: marketingVerdict(settings.marketingBasis, marketing ? { status: marketing.status, lawfulBasis: marketing.lawful_basis } : null, suppression?.reason ?? null, contact.email),
    state: state.map((row) => ({ purpose: row.purpose, status: row.status, lawfulBasis: row.lawful_basis, updatedAt: row.updated_at })),
    suppression: suppression ? { reason: suppression.reason, note: suppression.note, since: suppression.created_at } : null,
    history: history.map((row) => ({
      id: row.id, purpose: row.purpose, status: row.status, lawfulBasis: row.lawful_basis, source: row.source, wording: row.wording, ip: row.ip,
      actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label }, recordedAt: row.recorded_at,
    })),
  };
}

/**
 * The rule every marketing send obeys: an address, not suppressed, and the basis the
 * workspace requires — granted consent, or (where allowed) legitimate interest not objected to.
 */
export function marketingVerdict(
  basis: MarketingBasis, consent: { status: ConsentStatus; lawfulBasis: LawfulBasis } | null, suppressed: SuppressionReason | null, email: string | null,
): { allowed: boolean; reason: string } {
  if (!email) return { allowed: false, reason: 'no email address' };
  if (suppressed) return { allowed: false, reason: `suppressed (${suppressed.replace('_', ' ')})` };
  if (consent?.status === 'withdrawn') return { allowed: false, reason: 'consent withdrawn' };
  if (consent?.status === 'pending') return { allowed: false, reason: 'consent awaits the person\'s confirmation by email' };
  if (consent?.status === 'granted' && (consent.lawfulBasis === 'consent' || basis === 'consent_or_legitimate_interest')) {
    return { allowed: true, reason: consent.lawfulBasis === 'consent' ? 'consent given' : 'legitimate interest' };
  }
  return { allowed: false, reason: basis === 'consent' ? 'no consent given (the workspace requires opt-in)' : 'no consent or legitimate interest recorded' };
}

export async function messagingSettings(db: DbOrTx, workspaceId: string): Promise<{ marketingBasis: MarketingBasis; doubleOptIn: boolean }> {
  const row = await db.selectFrom('messaging_settings').select(['marketing_basis', 'double_opt_in']).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return { marketingBasis: row?.marketing_basis ?? 'consent', doubleOptIn: row?.double_opt_in ?? true };
}

export async function saveMessagingSettings(db: DbOrTx, clock: Clock, workspaceId: string, input: { marketingBasis: MarketingBasis; doubleOptIn: boolean }) {
  const values = { marketing_basis: input.marketingBasis, double_opt_in: input.doubleOptIn, updated_at: clock.now() };
  await db.insertInto('messaging_settings').values({ workspace_id: workspaceId, ...values }).onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  return messagingSettings(db, workspaceId);
}

// ── Suppression list ──────────────────────────────────────────────────────────────────────

/** The contacts behind an address: suppressing one changes what their segments may read. */
async function contactsWithEmail(db: DbOrTx, workspaceId: string, email: string) {
  const rows = await db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('email', '=', email).execute();
  return rows.map((row) => ({ id: row.id, fields: ['consent'] }));
}

export async function suppress(db: DbOrTx, clock: Clock, workspaceId: string, input: { email: string; reason: SuppressionReason; note?: string | null }) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badRequest('email must be an email address', 'email');
  const row = await db.insertInto('suppressions').values({ workspace_id: workspaceId, email, reason: input.reason, note: input.note ?? null, created_at: clock.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'email']).doUpdateSet({ reason: input.reason, note: input.note ?? null }))
    .returning(['email', 'reason', 'note', 'created_at']).executeTakeFirstOrThrow();
  await publishContactChanges(db, clock, workspaceId, await contactsWithEmail(db, workspaceId, email));
  return { email: row.email, reason: row.reason, note: row.note, createdAt: row.created_at };
}

export async function unsuppress(db: DbOrTx, clock: Clock, workspaceId: string, email: string) {
  const removed = await db.deleteFrom('suppressions').where('workspace_id', '=', workspaceId).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!removed.numDeletedRows) throw notFound('suppressed address');
  await publishContactChanges(db, clock, workspaceId, await contactsWithEmail(db, workspaceId, email.trim().toLowerCase()));
}

export async function listSuppressions(db: DbOrTx, workspaceId: string, page: { limit: number; search?: string }) {
  let query = db.selectFrom('suppressions').where('workspace_id', '=', workspaceId);
  if (page.search) query = query.where('email', 'like', `%${escapeLike(page.search.toLowerCase())}%`);
  const [rows, { count }] = await Promise.all([
    query.select(['email', 'reason', 'note', 'created_at']).orderBy('created_at', 'desc').limit(page.limit).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count), items: rows.map((row) => ({ email: row.email, reason: row.reason, note: row.note, createdAt: row.created_at })) };
}

// ── Topics ────────────────────────────────────────────────────────────────────────────────

export async function listTopics(db: DbOrTx, workspaceId: string) {
  const rows = await db.selectFrom('subscription_topics').select(['id', 'key', 'name', 'description', 'created_at', 'archived_at'])
    .where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map((row) => ({ id: row.id, key: row.key, name: row.name, description: row.description, createdAt: row.created_at, archived: row.archived_at !== null }));
}

export async function createTopic(db: DbOrTx, clock: Clock, workspaceId: string, input: { key: string; name: string; description?: string | null }) {
  if (!/^[a-z][a-z0-9_]{0,49}$/.test(input.key)) throw badRequest('key is 1–50 lower-case letters, digits or _, starting with a letter', 'key');
  const row = await db.insertInto('subscription_topics').values({
    workspace_id: workspaceId, key: input.key, name: input.name.trim(), description: input.description ?? null, created_at: clock.now(),
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!row) throw badRequest(`a topic with the key ${input.key} exists`, 'key');
  return (await listTopics(db, workspaceId)).find((topic) => topic.id === row.id)!;
}

export async function updateTopic(db: DbOrTx, clock: Clock, workspaceId: string, id: string, input: { name?: string; description?: string | null; archived?: boolean }) {
  const topic = (await listTopics(db, workspaceId)).find((row) => row.id === id);
  if (!topic) throw notFound('subscription topic');
  await db.updateTable('subscription_topics').set({
    name: input.name?.trim() ?? topic.name,
    description: input.description === undefined ? topic.description : input.description,
    ...(input.archived === undefined ? {} : { archived_at: input.archived ? clock.now() : null }),
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  return (await listTopics(db, workspaceId)).find((row) => row.id === id)!;
}
