import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createUser } from '../accounts/index.js';
import { signIn, useApiTestBed } from '../../test/harness.js';
import { settle as settleJobs, track } from '../../test/pipeline.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';

const bed = useApiTestBed('Handoff');
const hour = 3_600_000;
const settle = () => settleJobs(bed);

const session: Record<string, string> = {};
let rep2 = '';
let team = '';
let mail: SmtpSink;

async function as(who: string, path: string, init: { method?: string; body?: unknown } = {}) {
  return bed.api(path, { ...init, cookie: session[who] });
}

async function contactByEmail(email: string): Promise<string> {
  const response = await bed.api(`/api/v1/contacts?email=${encodeURIComponent(email)}`);
  return response.body.items[0].id;
}

async function leadOf(contactId: string) {
  const leads = await bed.api('/api/v1/leads?limit=500');
  return leads.body.items.find((lead: { contact: { id: string } }) => lead.contact.id === contactId);
}

const nordics = { type: 'field', field: 'country', operator: 'in', value: ['FI', 'SE'] };

afterAll(async () => mail?.close());

beforeAll(async () => {
  const { ctx } = bed.database;
  mail = await startSmtpSink();
  ctx.config.smtpUrl = mail.url;
  const user = await createUser(ctx.db, { email: 'rep2@handoff.test', password: 'a long test password', name: 'Second Rep' });
  await addMember(ctx.db, ctx.clock, { workspaceId: bed.workspace.workspaceId, userId: user.id, role: 'sales', actor: { type: 'system', label: 'test' } });
  rep2 = user.id;
  for (const role of ['marketer', 'sales', 'viewer'] as const) session[role] = await signIn(bed.server, bed.workspace.users[role]);
  session.rep2 = await signIn(bed.server, { email: 'rep2@handoff.test', password: 'a long test password' });

  const created = await bed.api('/api/v1/sales-teams', {
    body: { name: 'Nordics', leadUserId: bed.workspace.users.admin.id, members: [{ userId: bed.workspace.users.sales.id, capacity: 10 }, { userId: rep2, capacity: 10 }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  team = created.body.id;
  await bed.api('/api/v1/scoring/rules', { body: { kind: 'fit', name: 'Head of', points: 25, condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'Head' } } });
  await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Pricing', points: 10, condition: { type: 'event', event: { kind: 'page', path: '/pricing' } } } });
  await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Demo request', points: 30, condition: { type: 'event', event: { kind: 'track', name: 'Demo Requested' } } } });
});

describe('the lead definition', () => {
  let draft = '';

  it('is refused when it names an unknown field or team, naming the field', async () => {
    const field = await bed.api('/api/v1/lead-definitions', { body: { criteria: { fitMin: 20, engagementMin: 30, conditions: { type: 'field', field: 'shoeSize', operator: 'equals', value: 1 } }, routing: {} } });
    expect(field.status).toBe(400);
    expect(field.body.field).toBe('criteria.conditions.field');
    const noTeam = await bed.api('/api/v1/lead-definitions', {
      body: { criteria: { fitMin: 20, engagementMin: 30 }, routing: { rules: [{ name: 'x', condition: nordics, teamId: '00000000-0000-4000-8000-000000000000' }] } },
    });
    expect(noTeam.status).toBe(400);
    expect(noTeam.body.field).toBe('routing.rules[0].teamId');
    expect((await bed.api('/api/v1/lead-definitions')).body.items).toEqual([]);
  });

  it('cannot be drafted while nobody on the sales side could approve it', async () => {
    const sales = [bed.workspace.users.sales.id, rep2];
    for (const id of sales) await bed.api(`/api/v1/members/${id}`, { method: 'PATCH', body: { role: 'viewer' } });
    const refused = await bed.api('/api/v1/lead-definitions', { body: { criteria: { fitMin: 20, engagementMin: 30 }, routing: {} } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ field: 'approvers', message: expect.stringContaining('sales role') });
    for (const id of sales) await bed.api(`/api/v1/members/${id}`, { method: 'PATCH', body: { role: 'sales' } });
    expect((await bed.api('/api/v1/lead-definitions')).body.items).toEqual([]);
  });

  it('goes live only when marketing and sales have both approved it', async () => {
    const created = await as('marketer', '/api/v1/lead-definitions', {
      body: { criteria: { fitMin: 20, engagementMin: 30, conditions: nordics }, slaHours: 48, routing: { rules: [{ name: 'Nordics', condition: nordics, teamId: team }] } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', awaiting: ['marketing', 'sales'] });
    draft = created.body.id;

    expect((await as('viewer', `/api/v1/lead-definitions/${draft}/approve`, { method: 'POST' })).status).toBe(403);
    expect((await bed.api(`/api/v1/lead-definitions/${draft}/approve`, { method: 'POST' })).status).toBe(400);
    const marketing = await as('marketer', `/api/v1/lead-definitions/${draft}/approve`, { method: 'POST' });
    expect(marketing.body).toMatchObject({ status: 'draft', awaiting: ['sales'] });
    const twice = await as('marketer', `/api/v1/lead-definitions/${draft}/approve`, { method: 'POST' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already approved');

    const sales = await as('sales', `/api/v1/lead-definitions/${draft}/approve`, { method: 'POST' });
    expect(sales.body).toMatchObject({ status: 'live', awaiting: [] });
    expect(sales.body.approvals.map((approval: { side: string }) => approval.side)).toEqual(['marketing', 'sales']);
  });

  it('cannot be edited once live', async () => {
    const edit = await bed.api(`/api/v1/lead-definitions/${draft}`, { method: 'PUT', body: { criteria: { fitMin: 0, engagementMin: 0 }, routing: {} } });
    expect(edit.status).toBe(409);
    expect((await bed.api(`/api/v1/lead-definitions/${draft}`, { method: 'DELETE' })).status).toBe(409);
  });
});

describe('the hand-off', () => {
  let anna = '';
  let lead = '';

  it('makes a contact an MQL when events lift its score over the threshold, and routes it round-robin', async () => {
    const created = await bed.api('/api/v1/contacts', { body: { email: 'anna@customer.fi', firstName: 'Anna', jobTitle: 'Head of IT', country: 'FI' } });
    anna = created.body.id;
    await track(bed, 'anna', 'anna@customer.fi', [{ type: 'page', name: '/pricing' }]);
    await settle();
    expect(await leadOf(anna)).toBeUndefined();

    await track(bed, 'anna', 'anna@customer.fi', [{ type: 'track', name: 'Demo Requested' }]);
    await settle();
    const qualified = await leadOf(anna);
    expect(qualified).toMatchObject({ status: 'new', grade: 'C2', fit: 25, engagement: 40, routedBy: 'rule: Nordics, round-robin', definitionVersion: 1 });
    lead = qualified.id;
    const owner = qualified.ownerId;
    expect([bed.workspace.users.sales.id, rep2]).toContain(owner);
    expect(qualified.slaRemainingMs).toBe(48 * hour);

    const history = await bed.api(`/api/v1/contacts/${anna}/lifecycle`);
    expect(history.body.stage).toBe('mql');
    expect(history.body.transitions.at(-1)).toMatchObject({ from: 'subscriber', to: 'mql', actor: { type: 'rule', label: 'Lead definition v1' }, reason: 'met lead definition v1: fit ≥ 20 and engagement ≥ 30' });

    // The next lead goes to the other member of the team.
    await bed.api('/api/v1/contacts', { body: { email: 'bo@customer.se', jobTitle: 'Head of Sales', country: 'SE' } });
    await track(bed, 'bo', 'bo@customer.se', [{ type: 'page', name: '/pricing' }, { type: 'track', name: 'Demo Requested' }]);
    // Outside the territory's required condition: never a lead.
    await bed.api('/api/v1/contacts', { body: { email: 'carl@customer.de', jobTitle: 'Head of IT', country: 'DE' } });
    await track(bed, 'carl', 'carl@customer.de', [{ type: 'page', name: '/pricing' }, { type: 'track', name: 'Demo Requested' }]);
    await settle();
    const second = await leadOf(await contactByEmail('bo@customer.se'));
    expect(second.ownerId).not.toBe(owner);
    expect(await leadOf(await contactByEmail('carl@customer.de'))).toBeUndefined();
  });

  it('shows the owner the lead in their queue with why, and notifies them', async () => {
    const owner = (await leadOf(anna)).ownerId === rep2 ? 'rep2' : 'sales';
    const queue = await as(owner, '/api/v1/leads?owner=me&status=new');
    expect(queue.body.items.map((item: { id: string }) => item.id)).toContain(lead);
    expect(queue.body.items[0]).toMatchObject({ teamName: 'Nordics', tier: 'warm' });
    // An API key has no "me".
    expect((await bed.api('/api/v1/leads?owner=me')).body).toMatchObject({ statusCode: 400, field: 'owner' });
    const why = await as(owner, `/api/v1/leads/${lead}`);
    expect(why.body.score.ledger.map((entry: { rule: string }) => entry.rule)).toEqual(['Demo request', 'Pricing', 'Head of']);
    expect(why.body.trail.map((item: { kind: string }) => item.kind)).toContain('lead.qualified');
    const notifications = await as(owner, '/api/v1/notifications');
    expect(notifications.body.items[0]).toMatchObject({ kind: 'lead.assigned', link: `/leads/${lead}` });
    expect(notifications.body.items[0].title).toContain('Anna');
    // And by email, to the owner's address, with the link to the lead.
    const ownerEmail = owner === 'rep2' ? 'rep2@handoff.test' : bed.workspace.users.sales.email;
    const email = mail.received.find((message) => message.to.includes(ownerEmail) && message.raw.includes('Subject: New lead: Anna'));
    expect(email?.raw).toContain(`http://tandem.test/leads/${lead}`);
  });

  it('reminds the owner at 75% of the SLA and escalates to the team lead at the deadline', async () => {
    const owner = (await leadOf(anna)).ownerId === rep2 ? 'rep2' : 'sales';
    // Bo's owner answers at once; Anna's lets the time run.
    const bo = await leadOf(await contactByEmail('bo@customer.se'));
    expect((await as(owner === 'rep2' ? 'sales' : 'rep2', `/api/v1/leads/${bo.id}/accept`, { method: 'POST' })).body.status).toBe('working');
    bed.database.ctx.clock.advance(36 * hour);
    await settle();
    expect((await as(owner, '/api/v1/notifications')).body.items[0]).toMatchObject({ kind: 'lead.sla_reminder', title: '12 h left to answer Anna' });
    bed.database.ctx.clock.advance(13 * hour);
    await settle();
    const admin = await signIn(bed.server, bed.workspace.users.admin);
    const escalations = await bed.api('/api/v1/notifications', { cookie: admin });
    expect(escalations.body.items.map((item: { kind: string }) => item.kind)).toContain('lead.sla_breached');
    expect((await leadOf(anna)).escalatedAt).not.toBeNull();
  });

  it('refuses a rejection without a reason, from someone else, or "other" without a note', async () => {
    const lead_ = await leadOf(anna);
    const owner = lead_.ownerId === rep2 ? 'rep2' : 'sales';
    const other = owner === 'rep2' ? 'sales' : 'rep2';
    const noReason = await as(owner, `/api/v1/leads/${lead}/reject`, { method: 'POST', body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('reason');
    const noNote = await as(owner, `/api/v1/leads/${lead}/reject`, { method: 'POST', body: { reason: 'other' } });
    expect(noNote.body.field).toBe('note');
    expect((await as(other, `/api/v1/leads/${lead}/reject`, { method: 'POST', body: { reason: 'no_budget' } })).status).toBe(403);
    expect((await leadOf(anna)).status).toBe('new');
  });

  it('recycles a rejected lead to nurturing with the reason recorded', async () => {
    const owner = (await leadOf(anna)).ownerId === rep2 ? 'rep2' : 'sales';
    const rejected = await as(owner, `/api/v1/leads/${lead}/reject`, { method: 'POST', body: { reason: 'no_budget', note: 'next fiscal year' } });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'recycled', rejectReason: 'no_budget', rejectNote: 'next fiscal year' });
    const history = await bed.api(`/api/v1/contacts/${anna}/lifecycle`);
    expect(history.body.stage).toBe('lead');
    expect(history.body.transitions.at(-1)).toMatchObject({ from: 'mql', to: 'lead', actor: { type: 'user' }, reason: 'recycled: No budget — next fiscal year' });
    expect((await as(owner, `/api/v1/leads/${lead}/accept`, { method: 'POST' })).status).toBe(409);
    expect((await as(owner, `/api/v1/leads/${lead}/reject`, { method: 'POST', body: {} })).status).toBe(409);
  });

  it('converts an accepted lead into a deal and the contact into an opportunity', async () => {
    const bo = await contactByEmail('bo@customer.se');
    const second = await leadOf(bo);
    const owner = second.ownerId === rep2 ? 'rep2' : 'sales';
    expect(second.status).toBe('working');
    expect((await bed.api(`/api/v1/contacts/${bo}/lifecycle`)).body.stage).toBe('sal');
    const converted = await as(owner, `/api/v1/leads/${second.id}/convert`, { method: 'POST', body: { amount: 12000 } });
    expect(converted.body).toMatchObject({ status: 'converted' });
    const deal = await bed.api(`/api/v1/deals/${converted.body.dealId}`);
    expect(deal.body).toMatchObject({ amount: 12000 });
    expect((await bed.api(`/api/v1/contacts/${bo}/lifecycle`)).body.stage).toBe('opportunity');
  });

  it('backtests a draft beside the live definition', async () => {
    const draft = await as('marketer', '/api/v1/lead-definitions', {
      body: { criteria: { fitMin: 20, engagementMin: 10, conditions: null }, routing: { fallbackTeamId: team } },
    });
    const result = await bed.api(`/api/v1/lead-definitions/${draft.body.id}/backtest?days=30`);
    expect(result.status).toBe(200);
    // Looser and without the territory: Anna, Bo and Carl; the live one: Anna and Bo, of whom Bo reached opportunity.
    expect(result.body.definition).toMatchObject({ version: 2, mql: 3, reachedOpportunity: 1 });
    expect(result.body.live).toMatchObject({ version: 1, mql: 2, reachedOpportunity: 1, opportunityRate: 50 });
    expect(result.body.live.sample.map((row: { contact: { name: string } }) => row.contact.name).sort()).toEqual(['Anna', 'bo@customer.se']);
    // A draft nobody wants is withdrawn; the live version stays.
    expect((await bed.api(`/api/v1/lead-definitions/${draft.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await bed.api('/api/v1/lead-definitions')).body.items.map((row: { version: number }) => row.version)).toEqual([1]);
  });

  it('reports the funnel, SLA compliance, rejection reasons and sources, each figure drilling down to the people', async () => {
    const anna_ = await contactByEmail('anna@customer.fi');
    const bo = await contactByEmail('bo@customer.se');

    const rejections = await bed.api('/api/v1/reports/rejections');
    expect(rejections.body.items).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), reason: 'no_budget', count: 1 }]);
    const behind = await bed.api(`/api/v1/reports/leads?reason=no_budget&month=${rejections.body.items[0].month}`);
    expect(behind.body.items.map((item: { contact: { id: string } }) => item.contact.id)).toEqual([anna_]);
    expect((await bed.api('/api/v1/reports/leads?rejected=true')).body.items).toHaveLength(1);
    expect((await bed.api('/api/v1/reports/leads?ownerId=none')).body.items).toEqual([]);

    const sla = await bed.api('/api/v1/reports/sla');
    const team_ = sla.body.byTeam.find((row: { teamName: string }) => row.teamName === 'Nordics');
    // Anna was answered after the 48 hours, Bo within them.
    expect(team_).toMatchObject({ assigned: 2, inTime: 1, late: 1, compliance: 50 });
    const late = await bed.api(`/api/v1/reports/leads?outcome=late&teamId=${team}`);
    expect(late.body.items.map((item: { contact: { id: string } }) => item.contact.id)).toEqual([anna_]);

    const funnel = await bed.api('/api/v1/reports/funnel?groupBy=source');
    const stage = (name: string) => funnel.body.total.find((row: { stage: string }) => row.stage === name);
    expect(stage('subscriber').reached).toBe(3);
    expect(stage('mql')).toMatchObject({ reached: 2, converted: 1, conversionRate: 50 });
    expect(stage('opportunity').reached).toBe(1);
    const stalled = await bed.api('/api/v1/reports/funnel/contacts?stage=mql&converted=false');
    expect(stalled.body.items.map((item: { id: string }) => item.id)).toEqual([anna_]);
    const reachedSal = await bed.api('/api/v1/reports/funnel/contacts?stage=sal');
    expect(reachedSal.body.items.map((item: { id: string }) => item.id)).toEqual([bo]);

    const sources = await bed.api('/api/v1/reports/lead-sources');
    const total = sources.body.items.reduce((sum: number, row: { mqls: number }) => sum + row.mqls, 0);
    expect(total).toBe(2);
  });
});
