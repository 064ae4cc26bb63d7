import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';
import { startBounceListener } from './bounce-intake.js';
import { parseReportEmail, parseSesEvent } from './bounces.js';

const bed = useApiTestBed('Bounces');
let sink: SmtpSink;
let listener: { close(): Promise<void> } | null;

const dsn = (messageId: string, recipient: string, action: string, status: string, diagnostic: string) => [
  'From: MAILER-DAEMON@mx.example.net', `To: bounces@mail.acme.example`, 'Subject: Undelivered Mail Returned to Sender', 'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '',
  'This is the mail system at host mx.example.net. Your message could not be delivered.', '', '--b1', 'Content-Type: message/delivery-status', '',
  'Reporting-MTA: dns; mx.example.net', '', `Final-Recipient: rfc822; ${recipient}`, `Action: ${action}`, `Status: ${status}`, `Diagnostic-Code: smtp; ${diagnostic}`, '',
  '--b1', 'Content-Type: text/rfc822-headers', '', `Message-ID: <${messageId}@mail.acme.example>`, `X-Tandem-Message: ${messageId}`, 'Subject: Hello', '', '--b1--', '',
].join('\r\n');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function sent(to: string, contactId?: string): Promise<string> {
  const body = contactId
    ? { contactId, content: { kind: 'transactional', subject: 'Hello', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>' } }
    : { to, content: { kind: 'transactional', subject: 'Hello', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>' } };
  const queued = await bed.api('/api/v1/messages', { body });
  await settle(bed);
  return queued.body.id;
}

async function message(id: string) {
  return (await bed.api('/api/v1/messages?limit=500')).body.items.find((item: { id: string }) => item.id === id);
}

beforeAll(async () => {
  sink = await startSmtpSink();
  const { config } = bed.database.ctx;
  config.smtpUrl = sink.url;
  config.host = '127.0.0.1';
  config.bounceSmtpPort = await freePort();
  listener = await startBounceListener(bed.database.ctx);
  await bed.api('/api/v1/sending-domains', { body: { domain: 'mail.acme.example', fromEmail: 'news@mail.acme.example' } });
});
afterAll(async () => {
  await listener?.close();
  await sink?.close();
});

describe('delivery reports', () => {
  it('classes DSNs by their status: 5.1.x hard, 5.7.x block, 4.x.x and delays soft; feedback reports are complaints', () => {
    const id = '0b6f3c1e-8a2d-4c55-9d1e-2f3a4b5c6d7e';
    expect(parseReportEmail(dsn(id, 'Gone@Example.com', 'failed', '5.1.1', '550 5.1.1 user unknown'))).toEqual([
      { class: 'hard', recipient: 'gone@example.com', messageId: id, status: '5.1.1', detail: 'smtp; 550 5.1.1 user unknown' },
    ]);
    expect(parseReportEmail(dsn(id, 'a@example.com', 'failed', '5.7.1', '550 5.7.1 rejected by policy'))![0]!.class).toBe('block');
    expect(parseReportEmail(dsn(id, 'a@example.com', 'delayed', '4.4.7', 'delivery time expired'))![0]!.class).toBe('soft');
    const arf = ['Content-Type: multipart/report; report-type=feedback-report; boundary="f"', '', '--f', 'Content-Type: message/feedback-report', '',
      'Feedback-Type: abuse', 'Original-Rcpt-To: rfc822; angry@example.com', '', '--f', 'Content-Type: text/rfc822-headers', '', `X-Tandem-Message: ${id}`, '', '--f--'].join('\r\n');
    expect(parseReportEmail(`Subject: complaint\r\n\r\n${arf}`)).toEqual([{ class: 'complaint', recipient: 'angry@example.com', messageId: id, status: null, detail: 'abuse' }]);
    expect(parseReportEmail('Subject: hello\r\n\r\njust a reply')).toBeNull();
  });

  it('reads Amazon SES events as SNS delivers them', () => {
    const id = '0b6f3c1e-8a2d-4c55-9d1e-2f3a4b5c6d7e';
    const bounce = { notificationType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: 'X@example.com', status: '5.1.1', diagnosticCode: 'smtp; 550' }] },
      mail: { headers: [{ name: 'X-Tandem-Message', value: id }] } };
    expect(parseSesEvent({ Type: 'Notification', Message: JSON.stringify(bounce) })).toEqual([{ class: 'hard', recipient: 'x@example.com', messageId: id, status: '5.1.1', detail: 'smtp; 550' }]);
    const transient = { ...bounce, bounce: { ...bounce.bounce, bounceType: 'Transient', bounceSubType: 'MailboxFull' } };
    expect(parseSesEvent(transient)[0]!.class).toBe('soft');
  });

  it('takes a bounce email at the SMTP listener: the message is bounced and the address suppressed', async () => {
    const id = await sent('gone@example.com');
    expect(await message(id)).toMatchObject({ state: 'sent' });
    const relay = nodemailer.createTransport({ host: '127.0.0.1', port: bed.database.ctx.config.bounceSmtpPort, secure: false, ignoreTLS: true });
    await relay.sendMail({ envelope: { from: '', to: 'bounces@mail.acme.example' }, raw: dsn(id, 'gone@example.com', 'failed', '5.1.1', '550 5.1.1 user unknown') });
    relay.close();
    expect(await message(id)).toMatchObject({ state: 'bounced', bounceClass: 'hard' });
    const suppressed = await bed.api('/api/v1/suppressions?search=gone@');
    expect(suppressed.body.items).toEqual([expect.objectContaining({ email: 'gone@example.com', reason: 'hard_bounce' })]);
  });

  it('takes a complaint at the provider webhook: suppressed, consent withdrawn; a forged URL is refused', async () => {
    const contact = await bed.api('/api/v1/contacts', { body: { email: 'angry@example.com' } });
    const id = await sent('', contact.body.id);
    const { webhookUrl } = (await bed.api('/api/v1/email/bounce-settings')).body;
    const path = new URL(webhookUrl).pathname;
    const complaint = { notificationType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 'angry@example.com' }], complaintFeedbackType: 'abuse' }, mail: { headers: [{ name: 'X-Tandem-Message', value: id }] } };
    const post = (to: string) => fetch(`${bed.server.url}${to}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ Type: 'Notification', Message: JSON.stringify(complaint) }) });
    expect((await post(path.replace(/.{6}$/, 'AAAAAA'))).status).toBe(404);
    const answer = await post(path);
    expect(await answer.json()).toEqual({ applied: 1 });
    expect(await message(id)).toMatchObject({ complainedAt: expect.any(String) });
    const consent = await bed.api(`/api/v1/contacts/${contact.body.id}/consent`);
    expect(consent.body.marketing).toEqual({ allowed: false, reason: 'suppressed (complaint)' });
    expect(consent.body.history[0]).toMatchObject({ status: 'withdrawn', source: 'complaint' });
  });
});
