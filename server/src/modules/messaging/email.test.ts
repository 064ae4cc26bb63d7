import { dkimVerify } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle } from '../../test/pipeline.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';

const bed = useApiTestBed('Mailer');
let sink: SmtpSink;
let dkimRecord: { name: string; value: string };

const newsletter = `<mjml><mj-body><mj-section><mj-column>
  <mj-text>Hello {{ contact.firstName | default: "there" }} from {{ company.name | default: "your team" }}</mj-text>
  <mj-button href="https://acme.example/pricing?plan=pro&amp;ref=mail">See plans</mj-button>
  <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

beforeAll(async () => {
  sink = await startSmtpSink({
    recipients: (address, attempt) => {
      if (address === 'busy@example.com' && attempt === 1) return { code: 421, message: '4.7.0 Try again later, closing connection' };
      if (address === 'greylisted@example.com' && attempt === 1) return { code: 450, message: '4.2.0 Greylisted, please try again later' };
      if (address === 'nobody@example.com') return { code: 550, message: '5.1.1 The email account that you tried to reach does not exist' };
      return null;
    },
  });
  bed.database.ctx.config.smtpUrl = sink.url;
  const domain = await bed.api('/api/v1/sending-domains', { body: { domain: 'mail.acme.example', fromEmail: 'news@mail.acme.example', fromName: 'Acme' } });
  expect(domain.status, JSON.stringify(domain.body)).toBe(201);
  const record = domain.body.dns.find((row: { name: string }) => row.name.includes('._domainkey.'));
  dkimRecord = { name: record.name, value: record.value };
});
afterAll(async () => sink?.close());

async function template(body: Record<string, unknown>) {
  return bed.api('/api/v1/email/templates', { body: { name: 'Newsletter', kind: 'marketing', subject: 'News for {{ contact.firstName | default: "you" }}', mjml: newsletter, ...body } });
}

async function message(id: string) {
  const ledger = await bed.api('/api/v1/messages?limit=500');
  return ledger.body.items.find((item: { id: string }) => item.id === id);
}

function header(raw: string, name: string): string | undefined {
  const unfolded = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return unfolded.split(/\r?\n/).find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

describe('templates', () => {
  it('refuses a template that does not compile or names an unknown merge field, saying where', async () => {
    const unknown = await template({ mjml: newsletter.replace('contact.firstName', 'contact.shoeSize') });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'mjml', message: expect.stringContaining('contact.shoeSize') });
    const broken = await template({ mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{ contact.firstName </mj-text></mj-column></mj-section></mj-body></mjml>' });
    expect(broken.status).toBe(400);
    expect(broken.body.field).toBe('mjml');
    const badMjml = await template({ mjml: '<mjml><mj-body><mj-section><mj-text>text outside a column</mj-text></mj-section></mj-body></mjml>' });
    expect(badMjml.body).toMatchObject({ statusCode: 400, field: 'mjml', message: expect.stringMatching(/line \d+/) });
    expect((await bed.api('/api/v1/email/templates')).body.items).toEqual([]);
  });

  it('previews as a contact, with defaults for what the contact lacks and a plain-text part', async () => {
    const contact = await bed.api('/api/v1/contacts', { body: { email: 'preview@acme.example', firstName: 'Pia' } });
    const preview = await bed.api('/api/v1/email/preview', { body: { subject: 'Hi {{ contact.firstName }}', mjml: newsletter, contactId: contact.body.id } });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.subject).toBe('Hi Pia');
    expect(preview.body.html).toContain('Hello Pia from Acme');
    expect(preview.body.text).toContain('Hello Pia from Acme');
    expect(preview.body.text).not.toContain('<');
  });
});

describe('sending', () => {
  it('sends a transactional message to an address, DKIM-signed for the sending domain, and records it', async () => {
    const sent = await bed.api('/api/v1/messages', { body: { to: 'Buyer@Example.com', content: { kind: 'transactional', subject: 'Your receipt {{ data.number }}', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Receipt {{ data.number }}</mj-text></mj-column></mj-section></mj-body></mjml>' }, data: { number: 'R-42' } } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    await settle(bed);
    const mail = sink.received.find((item) => item.to.includes('buyer@example.com'))!;
    expect(header(mail.raw, 'Subject')).toBe('Your receipt R-42');
    expect(header(mail.raw, 'List-Unsubscribe')).toBeUndefined();
    const verified = await dkimVerify(mail.raw, {
      resolver: async (name: string) => {
        if (name === dkimRecord.name) return [[dkimRecord.value]];
        throw Object.assign(new Error('no such record'), { code: 'ENOTFOUND' });
      },
    } as never);
    expect(verified.results[0]).toMatchObject({ signingDomain: 'mail.acme.example', status: { result: 'pass' } });
    expect(await message(sent.body.id)).toMatchObject({ state: 'sent', kind: 'transactional', to: 'buyer@example.com' });
  });

  it('never sends marketing email without the basis the workspace requires: a recorded skip with the reason', async () => {
    const newsletterTemplate = await template({});
    expect(newsletterTemplate.status, JSON.stringify(newsletterTemplate.body)).toBe(201);
    const contact = await bed.api('/api/v1/contacts', { body: { email: 'noconsent@example.com', firstName: 'Nils' } });
    const queued = await bed.api('/api/v1/messages', { body: { contactId: contact.body.id, templateId: newsletterTemplate.body.id } });
    await settle(bed);
    expect(await message(queued.body.id)).toMatchObject({ state: 'skipped', reason: 'no consent given (the workspace requires opt-in)' });
    expect(sink.received.some((item) => item.to.includes('noconsent@example.com'))).toBe(false);
    const bare = await bed.api('/api/v1/messages', { body: { to: 'x@example.com', templateId: newsletterTemplate.body.id } });
    expect(bare.body).toMatchObject({ statusCode: 400, field: 'contactId' });
    expect((await bed.api('/api/v1/messages', { body: { to: 'not an address', content: { kind: 'transactional', subject: 'x', mjml: '<mjml><mj-body></mj-body></mjml>' } } })).body.field).toBe('to');
  });

  it('tracks human opens and clicks through signed links, flags scanners, and lets a mail client unsubscribe in one click', async () => {
    const newsletterTemplate = (await bed.api('/api/v1/email/templates')).body.items[0];
    const contact = await bed.api('/api/v1/contacts', { body: { email: 'reader@example.com', firstName: 'Rita' } });
    await bed.api(`/api/v1/contacts/${contact.body.id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me news' } });
    const queued = await bed.api('/api/v1/messages', { body: { contactId: contact.body.id, templateId: newsletterTemplate.id } });
    await settle(bed);
    const mail = sink.received.find((item) => item.to.includes('reader@example.com'))!;
    expect(header(mail.raw, 'Subject')).toBe('News for Rita');
    expect(header(mail.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = header(mail.raw, 'List-Unsubscribe')!.match(/<(https?:[^>]+)>/)![1]!;
    const html = Buffer.from(mail.raw.split(/\r?\n\r?\n/).slice(1).join('\n'), 'utf8').toString();
    const decoded = html.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const pixelUrl = decoded.match(/src="(http[^"]+\/t\/o\/[^"]+)"/)![1]!;
    const clickUrl = decoded.match(/href="(http[^"]+\/t\/c\/[^"]+)"/)![1]!;
    // As a mail client or browser follows the links: straight to the server, redirects not followed.
    const visit = (url: string, init: RequestInit = {}) => fetch(`${bed.server.url}${new URL(url).pathname}`, { redirect: 'manual', ...init });

    // A link scanner fetches everything at once; a person opens later.
    await visit(clickUrl, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; Proofpoint URL Defense)' } });
    bed.database.ctx.clock.advance(60_000);
    const open = await visit(pixelUrl, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15' } });
    expect(open.headers.get('content-type'), await open.clone().text()).toBe('image/gif');
    const click = await visit(clickUrl, { headers: { 'user-agent': 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15' } });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://acme.example/pricing?plan=pro&ref=mail');
    const tampered = clickUrl.replace(/\/t\/c\/([A-Za-z0-9_-]{4})/, '/t/c/AAAA');
    expect((await visit(tampered)).status).toBe(404);
    // The ledger keeps the subject as the person got it.
    expect(await message(queued.body.id)).toMatchObject({ state: 'sent', subject: 'News for Rita', humanOpens: 1, humanClicks: 1, machineOpens: 0 });
    await settle(bed);
    const events = await bed.api(`/api/v1/events?contactId=${contact.body.id}`);
    expect(events.body.items.map((event: { name: string }) => event.name)).toEqual(expect.arrayContaining(['Email Opened', 'Email Link Clicked']));

    // RFC 8058: the client posts the form body to the https link, with no cookie and no page.
    const oneClick = await visit(unsubscribeUrl, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    const consent = await bed.api(`/api/v1/contacts/${contact.body.id}/consent`);
    expect(consent.body.marketing).toEqual({ allowed: false, reason: 'suppressed (unsubscribe)' });
    expect(consent.body.history[0]).toMatchObject({ status: 'withdrawn', source: 'unsubscribe_link' });
    expect(await message(queued.body.id)).toMatchObject({ unsubscribedAt: expect.any(String) });
    const report = await bed.api(`/api/v1/email/templates/${newsletterTemplate.id}/report`);
    expect(report.body).toMatchObject({ sent: 1, opened: 1, clicked: 1, unsubscribed: 1, links: [{ url: 'https://acme.example/pricing?plan=pro&ref=mail', clicks: 1, people: 1 }] });
  });

  it('retries temporary refusals until delivered, and fails a 550 as a hard bounce that suppresses the address', async () => {
    const content = { kind: 'transactional', subject: 'Hello', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>' };
    const busy = await bed.api('/api/v1/messages', { body: { to: 'busy@example.com', content } });
    const greylisted = await bed.api('/api/v1/messages', { body: { to: 'greylisted@example.com', content } });
    const nobody = await bed.api('/api/v1/messages', { body: { to: 'nobody@example.com', content } });
    await settle(bed);
    // A 421 closes the connection: the SMTP pool sends again on a new one, and it is delivered once.
    expect(await message(busy.body.id)).toMatchObject({ state: 'sent' });
    expect(sink.received.filter((item) => item.to.includes('busy@example.com'))).toHaveLength(1);
    // A 450 defers the message in the ledger, to be tried again after the backoff.
    expect(await message(greylisted.body.id)).toMatchObject({ state: 'deferred', attempts: 1, reason: expect.stringContaining('450') });
    bed.database.ctx.clock.advance(61_000);
    await settle(bed);
    expect(await message(greylisted.body.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sink.received.filter((item) => item.to.includes('greylisted@example.com'))).toHaveLength(1);
    expect(await message(nobody.body.id)).toMatchObject({ state: 'bounced', bounceClass: 'hard' });
    const suppressions = await bed.api('/api/v1/suppressions?search=nobody');
    expect(suppressions.body.items).toEqual([expect.objectContaining({ email: 'nobody@example.com', reason: 'hard_bounce' })]);
  });

  it('sends a message whose worker died mid-send once the claim\'s lease is over, and not before', async () => {
    const { ctx } = bed.database;
    const content = { kind: 'transactional', subject: 'Lease', mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>' };
    const queued = await bed.api('/api/v1/messages', { body: { to: 'lease@example.com', content } });
    expect(queued.status).toBe(202);
    // A worker claimed it (as sendMessages does) and died before writing the outcome.
    await ctx.db.updateTable('email_messages').set({ state: 'sending', attempts: 1, next_attempt_at: new Date(ctx.clock.now().getTime() + ctx.config.workerLockMs) })
      .where('id', '=', queued.body.id).execute();
    // The job runs again (as the queue hands it out when its lock expires): the lease still holds.
    await settle(bed);
    expect(await message(queued.body.id)).toMatchObject({ state: 'sending' });
    expect(sink.received.filter((item) => item.to.includes('lease@example.com'))).toHaveLength(0);
    ctx.clock.advance(ctx.config.workerLockMs + 1_000);
    await settle(bed);
    expect(await message(queued.body.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sink.received.filter((item) => item.to.includes('lease@example.com'))).toHaveLength(1);
  });

  it('broadcasts a template to a list now, and at a local hour in each contact\'s own time zone, with a report', async () => {
    const clock = bed.database.ctx.clock;
    // A winter day, so the offsets below are Helsinki's UTC+2 and New York's UTC−5.
    clock.set(new Date('2027-01-14T08:00:00Z'));
    const newsletterTemplate = (await bed.api('/api/v1/email/templates')).body.items[0];
    const people = [];
    for (const [email, timezone, consent] of [['hel@example.com', 'Europe/Helsinki', true], ['nyc@example.com', 'America/New_York', true], ['quiet@example.com', null, false]] as const) {
      const created = await bed.api('/api/v1/contacts', { body: { email, firstName: email.split('@')[0], timezone } });
      if (consent) await bed.api(`/api/v1/contacts/${created.body.id}/consent`, { body: { purpose: 'marketing_email', status: 'granted', source: 'form', wording: 'Send me news' } });
      people.push(created.body.id);
    }
    const list = await bed.api('/api/v1/lists', { body: { name: 'Broadcast audience' } });
    await bed.api(`/api/v1/lists/${list.body.id}/members`, { body: { contactIds: people } });

    const now = await bed.api('/api/v1/broadcasts', { body: { name: 'Spring news', templateId: newsletterTemplate.id, audience: { kind: 'list', id: list.body.id }, schedule: 'now' } });
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    await settle(bed);
    const report = await bed.api(`/api/v1/broadcasts/${now.body.id}`);
    expect(report.body).toMatchObject({ status: 'sent', recipients: 3, stats: { queued: 3, sent: 2, skipped: 1, openRate: 0, machineOpened: 0 } });
    expect(report.body.stats.reasons).toEqual([{ state: 'skipped', reason: expect.stringContaining('consent'), messages: 1 }]);
    const ofTemplate = await bed.api(`/api/v1/messages?templateId=${newsletterTemplate.id}&state=skipped&limit=10`);
    expect(ofTemplate.body.items.length).toBeGreaterThanOrEqual(1);
    expect(ofTemplate.body.items.every((item: { templateId: string; state: string }) => item.templateId === newsletterTemplate.id && item.state === 'skipped')).toBe(true);

    const tomorrow = new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth(), clock.now().getUTCDate() + 1));
    const local = await bed.api('/api/v1/broadcasts', {
      body: { name: 'Morning news', templateId: newsletterTemplate.id, audience: { kind: 'list', id: list.body.id }, schedule: 'local_hour', sendAt: tomorrow.toISOString(), localHour: 9 },
    });
    expect(local.status, JSON.stringify(local.body)).toBe(201);
    // The launch runs when the first time zone reaches 09:00 (UTC+14): 19:00 UTC the day before.
    clock.set(new Date(tomorrow.getTime() - 4 * 3_600_000));
    await settle(bed);
    const due = await bed.database.ctx.db.selectFrom('email_messages').select(['to_email', 'next_attempt_at', 'state'])
      .where('broadcast_id', '=', local.body.id).orderBy('to_email').execute();
    const at = (email: string) => due.find((row) => row.to_email === email)!.next_attempt_at!.toISOString();
    // 09:00 in Helsinki and in New York on that day; no time zone: 09:00 UTC.
    const hour = (h: number) => new Date(tomorrow.getTime() + h * 3_600_000).toISOString();
    expect(at('hel@example.com')).toBe(hour(9 - 2));
    expect(at('nyc@example.com')).toBe(hour(9 + 5));
    expect(at('quiet@example.com')).toBe(hour(9));
    expect(due.every((row) => row.state === 'queued')).toBe(true);
    clock.set(new Date(tomorrow.getTime() + 15 * 3_600_000));
    await settle(bed);
    expect((await bed.api(`/api/v1/broadcasts/${local.body.id}`)).body).toMatchObject({ status: 'sent', stats: { sent: 2, skipped: 1 } });
    expect((await bed.api(`/api/v1/broadcasts/${local.body.id}/cancel`, { method: 'POST' })).status).toBe(409);
  });

  it('keeps consent from a form pending until the person confirms from the email; a link scanner confirms nothing', async () => {
    const contact = await bed.api('/api/v1/contacts', { body: { email: 'optin@example.com', firstName: 'Olli' } });
    const wording = 'Send me the monthly newsletter';
    const pending = await bed.api(`/api/v1/contacts/${contact.body.id}/consent`, {
      body: { purpose: 'marketing_email', status: 'granted', source: 'form', wording, confirmByEmail: true },
    });
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
    expect(pending.body.marketing).toEqual({ allowed: false, reason: 'consent awaits the person\'s confirmation by email' });
    await settle(bed);
    const mail = sink.received.find((item) => item.to.includes('optin@example.com'))!;
    expect(header(mail.raw, 'Subject')).toBe('Please confirm your subscription');
    const decoded = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const tracked = decoded.match(/href="(http[^"]+\/t\/c\/[^"]+)"/)![1]!;
    // The button goes through the click redirect to the confirmation page.
    const redirect = await fetch(`${bed.server.url}${new URL(tracked).pathname}`, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (compatible; Barracuda scanner)' } });
    const confirmPath = new URL(redirect.headers.get('location')!).pathname;
    const page = await fetch(`${bed.server.url}${confirmPath}`);
    expect(await page.text()).toContain(wording);
    expect((await bed.api(`/api/v1/contacts/${contact.body.id}/consent`)).body.marketing.allowed).toBe(false);

    const confirmed = await fetch(`${bed.server.url}${confirmPath}`, { method: 'POST' });
    expect(await confirmed.text()).toContain('Your subscription is confirmed');
    const after = await bed.api(`/api/v1/contacts/${contact.body.id}/consent`);
    expect(after.body.marketing).toEqual({ allowed: true, reason: 'consent given' });
    expect(after.body.history.map((row: { status: string; source: string }) => `${row.status}:${row.source}`)).toEqual(['granted:double_opt_in', 'pending:form']);
    expect(after.body.history[0].wording).toBe(wording);
  });
});
