import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import { withSavepoint } from '../../platform/db/savepoint.js';
import type { Logger } from '../../platform/logger.js';
import { isHttpError } from '../../platform/http/errors.js';
import { isEmailAddress, normaliseEmail } from '../../platform/text.js';
import { type AuditActor, recordAudit } from '../accounts/index.js';
import {
  type KnownIdentities, applyCompanyTraits, applyContactTraits, companyByIdentity, type Contact, contactsByIdentity, createCompany, createContactFromTraits, findCompanyByDomain,
  findContactByEmail, getCompany, getContact, linkCompanyIdentity, linkContactIdentity, listContactIdentities, mergeContacts, normaliseDomain,
  traitsUnchanged, updateContact,
} from '../contacts/index.js';
import type { IncomingEvent } from './payload.js';
import type { TrackingSettings } from './settings.js';

/**
 * The identity graph at work: identify, alias and group calls tie anonymous visitors,
 * userIds, emails and external ids to contacts and companies.
 *
 * Two known contacts are merged only on proof that they are one person (one call names
 * both of their ids) and never when both have an email and the emails differ: two
 * addresses may be two people sharing a browser.
 */
export interface VisitorState {
  key: string;
  userId: string | null;
  contactId: string | null;
  sessionId: string | null;
  sessionLastAt: Date | null;
  sessionTouch: string | null;
  /** A userId was seen on this visitor for the first time in this batch: it is saved with it. */
  learnedUserId: boolean;
}

export interface IdentityScope {
  trx: Tx;
  clock: Clock;
  logger: Logger;
  workspaceId: string;
  actor: AuditActor;
  /** The source of contacts created here. */
  contactSource: string;
  settings: TrackingSettings;
  /** The batch's visitors, locked for this transaction. */
  visitors: Map<string, VisitorState>;
  /** Contacts whose events changed hands: their first/last touch is worked out again. */
  relinked: Set<string>;
  /** The batch's ids as they were before it, for calls that change nothing. */
  known: KnownIdentities;
  /** Records this batch has written: what `known` says of them is out of date. */
  changed: Set<string>;
}

function emailOf(traits: Record<string, unknown>): string | null {
  const email = typeof traits.email === 'string' ? normaliseEmail(traits.email) : '';
  return isEmailAddress(email) ? email : null;
}

function externalIds(event: IncomingEvent): { kind: `external:${string}`; value: string }[] {
  const list = event.context.externalIds;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: { id?: unknown; type?: unknown }) => {
    const type = typeof entry?.type === 'string' ? entry.type.toLowerCase().replace(/[^a-z0-9_.-]/g, '_').slice(0, 64) : '';
    const id = typeof entry?.id === 'string' || typeof entry?.id === 'number' ? String(entry.id) : '';
    return type && id && id.length <= 500 ? [{ kind: `external:${type}` as const, value: id }] : [];
  });
}

async function userContact(scope: IdentityScope, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  return (await contactsByIdentity(scope.trx, scope.workspaceId, 'user_id', [userId])).get(userId) ?? null;
}

/** Runs a step that may be refused (a CRM rule, a race on a unique email) without losing the batch. */
async function attempt<T>(scope: IdentityScope, what: string, step: () => Promise<T>): Promise<T | null> {
  try {
    return await withSavepoint(scope.trx, step);
  } catch (error) {
    const known = isHttpError(error) || (error as { code?: string }).code === '23505';
    if (!known) throw error;
    scope.logger.warn({ workspaceId: scope.workspaceId, reason: (error as Error).message }, `tracking could not ${what}`);
    return null;
  }
}

/**
 * Ties visitors to a contact. A visitor seen before as nobody hands its earlier events
 * and visits to the contact; one known as somebody else (a shared computer) keeps its
 * history and is this contact's from now on.
 */
export async function linkVisitors(scope: IdentityScope, contactId: string, match: { keys?: string[]; userId?: string | null }): Promise<void> {
  const keys = match.keys ?? [];
  if (!keys.length && !match.userId) return;
  const { rows } = await sql<{ key: string; previous: string | null }>`
    with target as (
      select key, contact_id from visitors
       where workspace_id = ${scope.workspaceId}
         and (key = any(${keys}::text[]) or (${match.userId ?? null}::text is not null and user_id = ${match.userId ?? null}))
         and contact_id is distinct from ${contactId}::uuid
       order by key for update
    )
    update visitors v set contact_id = ${contactId}::uuid from target
     where v.workspace_id = ${scope.workspaceId} and v.key = target.key
    returning v.key, target.contact_id as previous`.execute(scope.trx);
  for (const row of rows) {
    const state = scope.visitors.get(row.key);
    if (state) state.contactId = contactId;
  }
  const anonymous = rows.filter((row) => row.previous === null).map((row) => row.key);
  if (!anonymous.length) return;
  await sql`update events set contact_id = ${contactId} where workspace_id = ${scope.workspaceId} and visitor_key = any(${anonymous}::text[]) and contact_id is null`.execute(scope.trx);
  await sql`update web_sessions set contact_id = ${contactId} where workspace_id = ${scope.workspaceId} and visitor_key = any(${anonymous}::text[]) and contact_id is null`.execute(scope.trx);
  scope.relinked.add(contactId);
}

/** Merges `duplicateId` into `primaryId` when nothing says they are two people. */
async function mergeIfOnePerson(scope: IdentityScope, primaryId: string, duplicateId: string, proof: string): Promise<string> {
  if (primaryId === duplicateId) return primaryId;
  const [primary, duplicate] = [await getContact(scope.trx, scope.workspaceId, primaryId), await getContact(scope.trx, scope.workspaceId, duplicateId)];
  if (primary.email && duplicate.email && primary.email !== duplicate.email) {
    await recordAudit(scope.trx, scope.clock, {
      workspaceId: scope.workspaceId, actor: scope.actor, action: 'contact.merge_refused', target: { type: 'contact', id: primary.id },
      data: { otherId: duplicate.id, reason: `${proof}, but their emails differ (${primary.email}, ${duplicate.email})` },
    });
    return primaryId;
  }
  scope.changed.add(primaryId).add(duplicateId);
  const merged = await mergeContacts(scope.trx, scope.clock, scope.workspaceId, { ...scope.actor, label: `${scope.actor.label} (identity: ${proof})` }, { primaryId, duplicateId });
  for (const state of scope.visitors.values()) if (state.contactId === duplicateId) state.contactId = merged.id;
  scope.relinked.add(merged.id);
  return merged.id;
}

/** Creates the contact an identify describes; null when the workspace's rules refuse it. */
async function createFromIdentify(scope: IdentityScope, base: { email?: string }, traits: Record<string, unknown>): Promise<Contact | null> {
  const created = await attempt(scope, 'create a contact', () =>
    createContactFromTraits(scope.trx, scope.clock, scope.workspaceId, scope.actor, { ...base, source: scope.contactSource }, traits, scope.settings.traitMappings));
  // Another request created the same address a moment ago.
  return created ?? (base.email ? findContactByEmail(scope.trx, scope.workspaceId, base.email) : null);
}

/** A known person identified again with nothing new (every page of a signed-in user). */
function identifiesNothingNew(scope: IdentityScope, event: IncomingEvent, email: string | null, visitor: VisitorState): boolean {
  const byUser = event.userId ? scope.known.byUserId.get(event.userId) : undefined;
  const byEmail = email ? scope.known.byEmail.get(email) : undefined;
  const contact = byUser ?? byEmail;
  if (!contact || scope.changed.has(contact.id) || contact.id !== visitor.contactId) return false;
  if ((event.userId && !byUser) || (byEmail && byEmail.id !== contact.id) || (email && contact.email !== email)) return false;
  return !externalIds(event).length && traitsUnchanged(contact.traits, event.traits);
}

export async function identify(scope: IdentityScope, event: IncomingEvent): Promise<void> {
  const email = emailOf(event.traits);
  const visitor = scope.visitors.get(event.visitorKey)!;
  if (identifiesNothingNew(scope, event, email, visitor)) return;
  const byUser = await userContact(scope, event.userId);
  let contactId = byUser;

  const byEmail = email ? await findContactByEmail(scope.trx, scope.workspaceId, email) : null;
  if (contactId && byEmail && byEmail.id !== contactId) {
    contactId = await mergeIfOnePerson(scope, contactId, byEmail.id, `userId ${event.userId} has the email ${email}`);
  }
  contactId ??= byEmail?.id ?? null;
  const externals = externalIds(event);
  for (const external of externals) {
    const owner = (await contactsByIdentity(scope.trx, scope.workspaceId, external.kind, [external.value])).get(external.value);
    if (owner && contactId && owner !== contactId) contactId = await mergeIfOnePerson(scope, contactId, owner, `${external.kind} ${external.value} is one id`);
    contactId ??= owner ?? null;
  }
  if (!contactId && visitor.contactId) {
    // The browser's known person, unless the call names somebody else.
    const known = await getContact(scope.trx, scope.workspaceId, visitor.contactId);
    const userIds = (await listContactIdentities(scope.trx, scope.workspaceId, known.id)).filter((id) => id.kind === 'user_id');
    const sameEmail = !email || !known.email || known.email === email;
    const sameUser = !event.userId || userIds.length === 0;
    if (sameEmail && sameUser) contactId = known.id;
  }

  let created: Contact | null = null;
  const named = event.traits.firstName || event.traits.lastName || event.traits.name || event.traits.phone;
  if (!contactId && (email || named)) {
    created = await createFromIdentify(scope, email ? { email } : {}, event.traits);
    contactId = created?.id ?? null;
  }
  if (!contactId) {
    // Nobody to attach to yet: remember the userId, so a later identify of it finds this browser.
    if (event.userId && !visitor.userId) Object.assign(visitor, { userId: event.userId, learnedUserId: true });
    return;
  }

  if (event.userId) {
    const owner = await linkContactIdentity(scope.trx, scope.clock, scope.workspaceId, 'user_id', event.userId, contactId);
    if (owner !== contactId) contactId = await mergeIfOnePerson(scope, owner, contactId, `userId ${event.userId} is one id`);
  }
  for (const external of externals) {
    await linkContactIdentity(scope.trx, scope.clock, scope.workspaceId, external.kind, external.value, contactId);
  }
  scope.changed.add(contactId);
  await linkVisitors(scope, contactId, { keys: [event.visitorKey, ...(event.userId ? [`u:${event.userId}`] : [])], userId: event.userId });
  if (created?.id === contactId) return;

  let contact = await getContact(scope.trx, scope.workspaceId, contactId);
  if (email && !contact.email) {
    contact = (await attempt(scope, 'set the email', () => updateContact(scope.trx, scope.clock, scope.workspaceId, scope.actor, contact.id, { email }))) ?? contact;
  }
  const outcome = await applyContactTraits(scope.trx, scope.clock, scope.workspaceId, scope.actor, contact, event.traits, scope.settings.traitMappings);
  if (outcome.skipped.length) scope.logger.info({ workspaceId: scope.workspaceId, contactId: contact.id, skipped: outcome.skipped }, 'identify traits not written to fields');
}

export async function alias(scope: IdentityScope, event: IncomingEvent): Promise<void> {
  const userId = event.userId!;
  const previousId = event.previousId!;
  const byUser = await userContact(scope, userId);
  const previousVisitor = await scope.trx.selectFrom('visitors').select(['contact_id'])
    .where('workspace_id', '=', scope.workspaceId).where('key', 'in', [previousId, `u:${previousId}`]).where('contact_id', 'is not', null)
    .executeTakeFirst();
  const byPrevious = (await userContact(scope, previousId)) ?? previousVisitor?.contact_id ?? null;
  for (const id of [byUser, byPrevious]) if (id) scope.changed.add(id);

  if (byUser && byPrevious) {
    await mergeIfOnePerson(scope, byUser, byPrevious, `alias ${previousId} → ${userId}`);
  } else if (byUser) {
    await linkVisitors(scope, byUser, { keys: [previousId, `u:${previousId}`, event.visitorKey] });
  } else if (byPrevious) {
    await linkContactIdentity(scope.trx, scope.clock, scope.workspaceId, 'user_id', userId, byPrevious);
    await linkVisitors(scope, byPrevious, { keys: [`u:${userId}`, event.visitorKey], userId });
  } else {
    // Neither is known yet: the earlier id is this user's, so its identify will find both.
    await scope.trx.insertInto('visitors')
      .values({ workspace_id: scope.workspaceId, key: previousId, user_id: userId, first_seen_at: event.occurredAt })
      .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet({ user_id: userId })).execute();
    const state = scope.visitors.get(previousId);
    if (state) state.userId = userId;
  }
}

/** A known account sent again with nothing new, its member already linked to it. */
function groupsNothingNew(scope: IdentityScope, event: IncomingEvent, contactId: string | null): boolean {
  const company = scope.known.companiesByGroupId.get(event.groupId!);
  if (!company || scope.changed.has(company.id) || !traitsUnchanged(company.traits, event.traits)) return false;
  if (!contactId) return true;
  const member = event.userId ? scope.known.byUserId.get(event.userId) : undefined;
  return member?.id === contactId && !scope.changed.has(contactId) && member.companyId === company.id;
}

export async function group(scope: IdentityScope, event: IncomingEvent, contactId: string | null): Promise<void> {
  if (groupsNothingNew(scope, event, contactId)) return;
  const groupId = event.groupId!;
  const traits = event.traits;
  const website = typeof traits.website === 'string' ? traits.website : typeof traits.domain === 'string' ? traits.domain : null;
  const domain = website ? normaliseDomain(website) : null;
  const byIdentity = await companyByIdentity(scope.trx, scope.workspaceId, 'group_id', groupId);
  let companyId = byIdentity;
  if (!companyId && domain) companyId = await findCompanyByDomain(scope.trx, scope.workspaceId, domain);
  if (!companyId) {
    const name = (typeof traits.name === 'string' && traits.name.trim()) || domain || groupId;
    companyId = (await attempt(scope, 'create a company', () => createCompany(scope.trx, scope.clock, scope.workspaceId, scope.actor, { name, domain })))?.id ?? null;
  }
  if (!companyId) return;
  scope.changed.add(companyId);
  if (!byIdentity) await linkCompanyIdentity(scope.trx, scope.clock, scope.workspaceId, 'group_id', groupId, companyId);
  const company = await getCompany(scope.trx, scope.workspaceId, companyId);
  // Sent again unchanged (every page of a signed-in user): nothing to write.
  if (!traitsUnchanged(company.traits, traits)) await applyCompanyTraits(scope.trx, scope.clock, scope.workspaceId, scope.actor, company, traits);
  if (contactId) {
    const contact = await getContact(scope.trx, scope.workspaceId, contactId);
    if (contact.companyId !== companyId) {
      scope.changed.add(contactId);
      await attempt(scope, 'link the contact to its company', () => updateContact(scope.trx, scope.clock, scope.workspaceId, scope.actor, contactId, { companyId }));
    }
  }
}
