import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiTestBed, signIn, useApiTestBed } from '../../test/harness.js';

const bed = useApiTestBed();
const api: ApiTestBed['api'] = (path, init) => bed.api(path, init);
let pipeline: { id: string; stages: { id: string; name: string; kind: string; probability: number }[] };

beforeAll(async () => {
  pipeline = (await api('/api/v1/pipelines')).body.items[0];
});

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

describe('pipelines', () => {
  it('gives a workspace a default pipeline with ordered stages, probabilities, and won/lost stages', () => {
    expect(pipeline.stages.map((s) => [s.name, s.probability, s.kind])).toEqual([
      ['Qualification', 10, 'open'], ['Needs analysis', 25, 'open'], ['Proposal', 50, 'open'], ['Negotiation', 75, 'open'],
      ['Closed won', 100, 'won'], ['Closed lost', 0, 'lost'],
    ]);
  });

  it('refuses a pipeline without a won or lost stage', async () => {
    const response = await api('/api/v1/pipelines', { body: { name: 'Partners', stages: [
      { name: 'Intro', probability: 10 }, { name: 'Signed', probability: 100, kind: 'won' }, { name: 'Maybe', probability: 50 }] } });
    expect(response).toEqual({ status: 400, body: expect.objectContaining({ field: 'stages', message: 'a pipeline needs a lost stage' }) });
  });
});

describe('deals', () => {
  it('moves through stages keeping the time spent in each, and is won in the won stage', async () => {
    const contact = (await api('/api/v1/contacts', { body: { email: 'cto@supercell.com', firstName: 'Ilkka' } })).body;
    const created = await api('/api/v1/deals', { body: {
      name: 'Supercell analytics', amount: 120000, currency: 'EUR', expectedCloseDate: '2027-03-31',
      contacts: [{ contactId: contact.id, role: 'decision_maker' }],
    } });
    expect(created.status).toBe(201);
    const deal = created.body;
    expect(deal).toMatchObject({ stageId: stage('Qualification'), status: 'open', amount: 120000, expectedCloseDate: '2027-03-31', companyId: contact.companyId });
    expect(deal.contacts).toEqual([expect.objectContaining({ contactId: contact.id, role: 'decision_maker' })]);

    bed.database.ctx.clock.advance(3 * 24 * 3600_000);
    await api(`/api/v1/deals/${deal.id}`, { method: 'PATCH', body: { stageId: stage('Proposal') } });
    bed.database.ctx.clock.advance(2 * 24 * 3600_000);
    const won = (await api(`/api/v1/deals/${deal.id}`, { method: 'PATCH', body: { stageId: stage('Closed won') } })).body;

    expect(won).toMatchObject({ status: 'won', closedAt: expect.any(String), lostReason: null });
    const days = won.stageHistory.map((h: { stageName: string; enteredAt: string; leftAt: string | null }) =>
      [h.stageName, h.leftAt ? (Date.parse(h.leftAt) - Date.parse(h.enteredAt)) / 86400_000 : null]);
    expect(days).toEqual([['Qualification', 3], ['Proposal', 2], ['Closed won', null]]);

    const timeline = (await api(`/api/v1/deals/${deal.id}/timeline`)).body.items.map((e: { kind: string; data: { to?: string } }) => [e.kind, e.data.to ?? null]);
    expect(timeline).toEqual([['deal.won', 'Closed won'], ['deal.stage_changed', 'Proposal'], ['deal.contact_added', null], ['deal.created', null]]);
    // The company sees its deal move on its own timeline.
    const companyKinds = (await api(`/api/v1/companies/${contact.companyId}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(companyKinds).toEqual(expect.arrayContaining(['deal.won', 'deal.stage_changed', 'deal.created', 'deal.contact_added']));
  });

  it('cannot be lost without a reason, and keeps the reason', async () => {
    const deal = (await api('/api/v1/deals', { body: { name: 'Rovio pilot', amount: 9000 } })).body;
    const noReason = await api(`/api/v1/deals/${deal.id}`, { method: 'PATCH', body: { stageId: stage('Closed lost') } });
    expect(noReason).toEqual({ status: 400, body: expect.objectContaining({ field: 'lostReason' }) });
    expect((await api(`/api/v1/deals/${deal.id}`)).body.status).toBe('open');
    const lost = await api(`/api/v1/deals/${deal.id}`, { method: 'PATCH', body: { stageId: stage('Closed lost'), lostReason: 'Chose a competitor on price' } });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'Chose a competitor on price' });
    // Reopening clears the outcome.
    const reopened = await api(`/api/v1/deals/${deal.id}`, { method: 'PATCH', body: { stageId: stage('Negotiation') } });
    expect(reopened.body).toMatchObject({ status: 'open', lostReason: null, closedAt: null });
  });

  it('lists a board column and the deals of a contact', async () => {
    const contact = (await api('/api/v1/contacts', { body: { email: 'buyer@reaktor.com' } })).body;
    const inProposal = (await api('/api/v1/deals', { body: { name: 'Reaktor A', stageId: stage('Proposal'), contacts: [{ contactId: contact.id }] } })).body;
    await api('/api/v1/deals', { body: { name: 'Reaktor B', stageId: stage('Negotiation') } });
    const column = (await api(`/api/v1/deals?pipelineId=${pipeline.id}&stageId=${stage('Proposal')}`)).body.items.map((d: { name: string }) => d.name);
    expect(column).toContain('Reaktor A');
    expect(column).not.toContain('Reaktor B');
    expect((await api(`/api/v1/deals?contactId=${contact.id}`)).body.items.map((d: { id: string }) => d.id)).toEqual([inProposal.id]);
  });

  it('is found by the search box beside contacts and companies', async () => {
    await api('/api/v1/deals', { body: { name: 'Wärtsilä engine analytics', amount: 5000 } });
    const hits = (await api('/api/v1/search?q=engine analytics')).body.items;
    expect(hits[0]).toMatchObject({ type: 'deal', title: 'Wärtsilä engine analytics', subtitle: 'open' });
  });

  it('exports the filtered deals as CSV', async () => {
    const csv = (await api(`/api/v1/deals/export?status=won`)).body as string;
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(header!.startsWith('id,name,pipelineId,stageId,status,amount,currency')).toBe(true);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.split(',')[4] === 'won')).toBe(true);
  });

  it('refuses bad input naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ amount: 10 }, 'name'],
      [{ name: 'x', amount: -5 }, 'amount'],
      [{ name: 'x', currency: 'euro' }, 'currency'],
      [{ name: 'x', expectedCloseDate: '31.3.2027' }, 'expectedCloseDate'],
      [{ name: 'x', stageId: '00000000-0000-4000-8000-000000000000' }, 'stageId'],
      [{ name: 'x', contacts: [{ contactId: '00000000-0000-4000-8000-000000000000', role: 'boss' }] }, 'contacts.0.role'],
    ];
    for (const [body, field] of cases) {
      const response = await api('/api/v1/deals', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.field, JSON.stringify(body)).toBe(field);
    }
  });
});

describe('activities and tasks', () => {
  it('puts a logged call on the contact timeline and the company timeline', async () => {
    const contact = (await api('/api/v1/contacts', { body: { email: 'anna@relex.fi', firstName: 'Anna' } })).body;
    const call = await api('/api/v1/activities', { body: { kind: 'call', subject: 'Discovery call', body: 'Needs SSO', durationMinutes: 25, outcome: 'connected', contactId: contact.id } });
    expect(call.status).toBe(201);
    const contactTimeline = (await api(`/api/v1/contacts/${contact.id}/timeline`)).body.items;
    expect(contactTimeline[0]).toMatchObject({ kind: 'activity.call', data: { subject: 'Discovery call', durationMinutes: 25, outcome: 'connected' } });
    const companyTimeline = (await api(`/api/v1/companies/${contact.companyId}/timeline`)).body.items;
    expect(companyTimeline[0]).toMatchObject({ kind: 'activity.call', contactId: contact.id });

    expect((await api(`/api/v1/activities/${call.body.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/api/v1/contacts/${contact.id}/timeline`)).body.items.map((e: { kind: string }) => e.kind)).not.toContain('activity.call');
  });

  it('needs a record to attach an activity to, and a body for a note', async () => {
    expect((await api('/api/v1/activities', { body: { kind: 'call' } })).body.field).toBe('contactId');
    const contact = (await api('/api/v1/contacts', { body: { email: 'x@note.fi' } })).body;
    expect((await api('/api/v1/activities', { body: { kind: 'note', contactId: contact.id } })).body.field).toBe('body');
  });

  it("shows a rep's own open tasks by due date, and completing one lands on the timeline", async () => {
    const rep = await signIn(bed.server, bed.workspace.users.sales);
    const contact = (await api('/api/v1/contacts', { body: { email: 'follow@up.fi' } })).body;
    const now = bed.database.ctx.clock.now().getTime();
    const later = (await api('/api/v1/tasks', { cookie: rep, body: { title: 'Send proposal', dueAt: new Date(now + 2 * 86400_000).toISOString(), contactId: contact.id } })).body;
    const sooner = (await api('/api/v1/tasks', { cookie: rep, body: { title: 'Call back', dueAt: new Date(now + 86400_000).toISOString(), priority: 'high', contactId: contact.id } })).body;
    await api('/api/v1/tasks', { body: { title: 'Someone else', assigneeId: bed.workspace.users.marketer.id } });

    const mine = (await api('/api/v1/tasks?assigneeId=me', { cookie: rep })).body.items.map((t: { title: string }) => t.title);
    expect(mine).toEqual(['Call back', 'Send proposal']);
    await api(`/api/v1/tasks/${sooner.id}`, { method: 'PATCH', cookie: rep, body: { done: true } });
    expect((await api('/api/v1/tasks?assigneeId=me', { cookie: rep })).body.items.map((t: { id: string }) => t.id)).toEqual([later.id]);
    const kinds = (await api(`/api/v1/contacts/${contact.id}/timeline`)).body.items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['task.completed', 'task.created', 'task.created']);
    expect((await api('/api/v1/tasks?assigneeId=me')).body.field).toBe('assigneeId');
  });
});
