import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { BounceClass } from './tables.js';
import { marketingEmail, recordConsent, suppress } from './consent.js';

/**
 * What a receiving system told us about a message after it left: normalised to a class
 * from a delivery status notification (RFC 3464), a feedback report (RFC 5965, a complaint)
 * or a provider's event JSON.
 */
export interface DeliveryReport {
  class: BounceClass | 'complaint';
  recipient: string | null;
  /** Our message id, from the X-Tandem-Message header or the Message-ID the report quotes. */
  messageId: string | null;
  status: string | null;
  detail: string | null;
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Enhanced status codes: 5.1.x no such address (hard), 5.7.x refused by policy (block), 4.x.x and full mailboxes (soft). */
export function classifyStatus(status: string | null, action?: string | null): BounceClass {
  if (action && /delayed/i.test(action)) return 'soft';
  if (!status) return 'hard';
  if (status.startsWith('4.') || status === '5.2.2' || status.startsWith('5.4.')) return 'soft';
  if (status.startsWith('5.7.')) return 'block';
  return 'hard';
}

function field(text: string, name: string): string | null {
  const match = text.match(new RegExp(`^${name}:[ \\t]*(.+(?:\\r?\\n[ \\t]+.+)*)`, 'im'));
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

function quotedMessageId(text: string): string | null {
  const header = field(text, 'X-Tandem-Message') ?? field(text, 'Message-ID');
  return header?.match(uuid)?.[0]?.toLowerCase() ?? null;
}

/** Reads a bounce or complaint email as it arrives at the bounce address; null when it is neither. */
export function parseReportEmail(raw: string): DeliveryReport[] | null {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const messageId = quotedMessageId(unfolded.slice(unfolded.search(/\r?\n\r?\n/)));
  if (/report-type="?feedback-report"?/i.test(unfolded) || /^Feedback-Type:/im.test(unfolded)) {
    return [{ class: 'complaint', recipient: field(unfolded, 'Original-Rcpt-To')?.replace(/^rfc822;\s*/i, '').toLowerCase() ?? null, messageId, status: null, detail: field(unfolded, 'Feedback-Type') }];
  }
  if (!/report-type="?delivery-status"?/i.test(unfolded)) return null;
  // One block of fields per recipient, each starting with Final-Recipient.
  const blocks = unfolded.split(/^(?=Final-Recipient:)/im).slice(1);
  return blocks.map((block) => {
    const action = field(block, 'Action');
    const status = field(block, 'Status')?.match(/\d\.\d{1,3}\.\d{1,3}/)?.[0] ?? null;
    return {
      class: classifyStatus(status, action), recipient: field(block, 'Final-Recipient')?.replace(/^rfc822;\s*/i, '').toLowerCase() ?? null,
      messageId, status, detail: field(block, 'Diagnostic-Code'),
    };
  }).filter((report) => report.recipient);
}

/**
 * Amazon SES event JSON (as SNS delivers it: the event in `Message`, or the event itself):
 * Bounce (Permanent → hard, Transient → soft, or block when SES says the content or sender
 * was refused) and Complaint.
 */
export function parseSesEvent(body: unknown): DeliveryReport[] {
  const envelope = body as { Message?: string };
  const event = (typeof envelope?.Message === 'string' ? JSON.parse(envelope.Message) : body) as {
    notificationType?: string; eventType?: string;
    bounce?: { bounceType: string; bounceSubType?: string; bouncedRecipients: { emailAddress: string; status?: string; diagnosticCode?: string }[] };
    complaint?: { complainedRecipients: { emailAddress: string }[]; complaintFeedbackType?: string };
    mail?: { headers?: { name: string; value: string }[]; commonHeaders?: { messageId?: string } };
  };
  const type = event.notificationType ?? event.eventType;
  const headers = event.mail?.headers ?? [];
  const quoted = headers.find((header) => /^x-tandem-message$/i.test(header.name))?.value ?? event.mail?.commonHeaders?.messageId ?? headers.find((header) => /^message-id$/i.test(header.name))?.value;
  const messageId = quoted?.match(uuid)?.[0]?.toLowerCase() ?? null;
  if (type === 'Bounce' && event.bounce) {
    const { bounceType, bounceSubType } = event.bounce;
    return event.bounce.bouncedRecipients.map((recipient) => ({
      class: bounceType === 'Permanent' ? 'hard' : /content|message|attachment/i.test(bounceSubType ?? '') ? 'block' : 'soft',
      recipient: recipient.emailAddress.toLowerCase(), messageId, status: recipient.status ?? null, detail: recipient.diagnosticCode ?? bounceSubType ?? null,
    }));
  }
  if (type === 'Complaint' && event.complaint) {
    return event.complaint.complainedRecipients.map((recipient) => ({
      class: 'complaint' as const, recipient: recipient.emailAddress.toLowerCase(), messageId, status: null, detail: event.complaint!.complaintFeedbackType ?? null,
    }));
  }
  return [];
}

/**
 * Applies reports to the ledger: the message is bounced (or complained about), the event
 * kept; a hard bounce suppresses the address; a complaint suppresses it and withdraws the
 * contact's marketing consent. Reports naming no message of ours are ignored. Returns how
 * many were applied.
 */
export async function applyReports(ctx: AppContext, reports: DeliveryReport[], workspaceId?: string): Promise<number> {
  let applied = 0;
  for (const report of reports) {
    if (!report.messageId) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const { rows: [message] } = await sql<{ workspace_id: string; id: string; contact_id: string | null; to_email: string }>`
        select workspace_id, id, contact_id, to_email from email_messages
         where id = ${report.messageId}::uuid ${workspaceId ? sql`and workspace_id = ${workspaceId}` : sql``}`.execute(trx);
      if (!message || (report.recipient && report.recipient !== message.to_email)) return;
      const now = ctx.clock.now();
      const complaint = report.class === 'complaint';
      await trx.insertInto('email_message_events').values({
        workspace_id: message.workspace_id, message_id: message.id, kind: complaint ? 'complaint' : 'bounce',
        detail: [report.class, report.status, report.detail].filter(Boolean).join(' · ').slice(0, 1000), at: now,
      }).execute();
      if (complaint) {
        await trx.updateTable('email_messages').set({ complained_at: now }).where('workspace_id', '=', message.workspace_id).where('id', '=', message.id).execute();
        await suppress(trx, ctx.clock, message.workspace_id, { email: message.to_email, reason: 'complaint', note: `marked as spam (message ${message.id})` });
        if (message.contact_id) {
          await recordConsent(trx, ctx.clock, message.workspace_id, { type: 'system', label: 'spam complaint' }, message.contact_id, {
            purpose: marketingEmail, status: 'withdrawn', source: 'complaint', wording: null,
          });
        }
      } else {
        // A soft bounce after delivery is noted; a hard or block bounce ends the message.
        if (report.class !== 'soft') {
          await trx.updateTable('email_messages').set({ state: 'bounced', bounce_class: report.class as BounceClass, bounced_at: now, state_reason: report.detail ?? report.status })
            .where('workspace_id', '=', message.workspace_id).where('id', '=', message.id).execute();
        }
        if (report.class === 'hard') await suppress(trx, ctx.clock, message.workspace_id, { email: message.to_email, reason: 'hard_bounce', note: report.detail ?? report.status });
      }
      applied++;
    });
  }
  return applied;
}
