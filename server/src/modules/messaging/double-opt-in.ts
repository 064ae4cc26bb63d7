import type { Clock } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { installationSecret, sign, verify } from '../../platform/security/signed.js';
import type { AuditActor } from '../accounts/index.js';
import { type ConsentInput, messagingSettings, recordConsent } from './consent.js';
import { queueMessages } from './messages.js';

/**
 * Double opt-in: consent given on a form is *pending* until the person confirms it from the
 * email it sends. The link opens a page whose button confirms — a link scanner that fetches
 * every URL of a message confirms nothing.
 */
const confirmation = `<mjml><mj-body><mj-section><mj-column>
  <mj-text font-size="18px">Please confirm your subscription</mj-text>
  <mj-text>You asked {{ workspace.name }} to send you email{% if data.purpose %} ({{ data.purpose }}){% endif %}. Confirm it, and we will.</mj-text>
  <mj-button href="{{ data.confirmUrl }}">Yes, send me email</mj-button>
  <mj-text font-size="12px" color="#6b7280">If you did not ask for this, ignore this message: nothing will be sent.</mj-text>
</mj-column></mj-section></mj-body></mjml>`;

export async function confirmationUrl(db: DbOrTx, publicUrl: string, workspaceId: string, recordId: number): Promise<string> {
  return `${publicUrl}/c/${sign(await installationSecret(db, 'tracking'), `c|${workspaceId}|${recordId}`)}`;
}

/** Records the consent as pending and sends the confirmation email (transactional: it needs no consent). */
export async function requestConfirmation(db: DbOrTx, clock: Clock, publicUrl: string, workspaceId: string, actor: AuditActor, contactId: string, input: ConsentInput) {
  const pending = await recordConsent(db, clock, workspaceId, actor, contactId, { ...input, status: 'pending' });
  const confirmUrl = await confirmationUrl(db, publicUrl, workspaceId, pending.recordId);
  await queueMessages(db, clock, workspaceId, [{
    contactId, content: { kind: 'transactional', subject: 'Please confirm your subscription', mjml: confirmation },
    data: { confirmUrl, purpose: input.purpose === 'marketing_email' ? null : input.purpose.replace(/^topic:/, '') }, idempotencyKey: `confirm:${pending.recordId}`,
  }]);
  return pending;
}

export interface PendingConfirmation {
  workspaceId: string;
  contactId: string;
  purpose: string;
  wording: string | null;
  lawfulBasis: string;
  /** Still pending: not confirmed yet, nor withdrawn since. */
  open: boolean;
}

export async function pendingConfirmation(ctx: AppContext, token: string): Promise<PendingConfirmation | null> {
  const payload = verify(await installationSecret(ctx.db, 'tracking'), token);
  const [prefix, workspaceId, recordId] = payload?.split('|') ?? [];
  if (prefix !== 'c' || !workspaceId || !recordId) return null;
  const record = await ctx.db.selectFrom('consent_records').select(['contact_id', 'purpose', 'wording', 'lawful_basis'])
    .where('workspace_id', '=', workspaceId).where('id', '=', Number(recordId)).executeTakeFirst();
  if (!record) return null;
  const state = await ctx.db.selectFrom('consent_state').select(['record_id', 'status'])
    .where('workspace_id', '=', workspaceId).where('contact_id', '=', record.contact_id).where('purpose', '=', record.purpose).executeTakeFirst();
  return {
    workspaceId, contactId: record.contact_id, purpose: record.purpose, wording: record.wording, lawfulBasis: record.lawful_basis,
    open: state?.status === 'pending' && state.record_id === Number(recordId),
  };
}

export async function confirm(ctx: AppContext, pending: PendingConfirmation, ip: string) {
  await ctx.db.transaction().execute((trx) => recordConsent(trx, ctx.clock, pending.workspaceId, { type: 'system', label: 'double opt-in' }, pending.contactId, {
    purpose: pending.purpose, status: 'granted', lawfulBasis: pending.lawfulBasis as never, source: 'double_opt_in', wording: pending.wording, ip,
  }));
}

/**
 * Consent ticked on a form: with the workspace's double opt-in (the default), it stays
 * pending until the person confirms by the emailed link; without it, it is granted at once.
 */
export async function consentFromForm(
  db: DbOrTx, clock: Clock, publicUrl: string, workspaceId: string, actor: AuditActor, contactId: string, input: Omit<ConsentInput, 'status' | 'lawfulBasis'>,
) {
  const given = { ...input, status: 'granted' as const, lawfulBasis: 'consent' as const };
  const { doubleOptIn } = await messagingSettings(db, workspaceId);
  return doubleOptIn ? requestConfirmation(db, clock, publicUrl, workspaceId, actor, contactId, given) : recordConsent(db, clock, workspaceId, actor, contactId, given);
}
