import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle as settleJobs, track } from '../../test/pipeline.js';
import { rescore } from './scores.js';

const bed = useApiTestBed('Scoring');
const day = 86_400_000;
const settle = () => settleJobs(bed);

async function rule(body: Record<string, unknown>): Promise<string> {
  const response = await bed.api('/api/v1/scoring/rules', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function score(contactId: string) {
  const response = await bed.api(`/api/v1/contacts/${contactId}/score`);
  expect(response.status).toBe(200);
  return response.body;
}

async function contactByEmail(email: string): Promise<string> {
  const response = await bed.api(`/api/v1/contacts?email=${encodeURIComponent(email)}`);
  return response.body.items.find((item: { email: string }) => item.email === email).id;
}

const pricingPage = { type: 'event', event: { kind: 'page', path: '/pricing' } };

describe('lead scoring', () => {
  it('refuses rules it cannot apply, naming the field, and stores nothing', async () => {
    const unknown = await bed.api('/api/v1/scoring/rules', { body: { kind: 'fit', name: 'x', points: 5, condition: { type: 'field', field: 'shoeSize', operator: 'equals', value: 'x' } } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'condition.field' });
    const counted = await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'x', points: 5, condition: { ...pricingPage, count: { operator: 'gte', value: 3 } } } });
    expect(counted.status).toBe(400);
    expect(counted.body).toMatchObject({ field: 'condition.count' });
    const eventAsFit = await bed.api('/api/v1/scoring/rules', { body: { kind: 'fit', name: 'x', points: 5, condition: pricingPage } });
    expect(eventAsFit.status).toBe(400);
    const noPoints = await bed.api('/api/v1/scoring/rules', { body: { kind: 'fit', name: 'x', points: 0, condition: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } } });
    expect(noPoints.status).toBe(400);
    expect((await bed.api('/api/v1/scoring/rules')).body.items).toEqual([]);
  });

  it('scores fit from attributes and records each rule gained and lost in the ledger', async () => {
    const vp = await rule({ kind: 'fit', name: 'VP title', points: 20, condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'VP' } });
    await rule({ kind: 'fit', name: 'Large company', points: 25, condition: { type: 'field', field: 'company.employeeCount', operator: 'gte', value: 200 } });
    await rule({ kind: 'fit', name: 'Competitor', points: -50, condition: { type: 'field', field: 'email', operator: 'ends_with', value: '@rival.example' } });
    const company = await bed.api('/api/v1/companies', { body: { name: 'Big Oy', domain: 'big.example', employeeCount: 500 } });
    const anna = (await bed.api('/api/v1/contacts', { body: { email: 'anna@big.example', jobTitle: 'VP Marketing', companyId: company.body.id } })).body.id;
    const rival = (await bed.api('/api/v1/contacts', { body: { email: 'spy@rival.example', jobTitle: 'VP Sales' } })).body.id;
    await settle();

    expect(await score(anna)).toMatchObject({ fit: 45, fitGrade: 'B', grade: 'B4', fitRules: [{ name: 'Large company', points: 25 }, { name: 'VP title', points: 20 }] });
    expect((await score(rival)).fit).toBe(-30);

    await bed.api(`/api/v1/contacts/${anna}`, { method: 'PATCH', body: { jobTitle: 'Marketing Manager' } });
    await settle();
    const after = await score(anna);
    expect(after).toMatchObject({ fit: 25, fitGrade: 'C' });
    expect(after.ledger.filter((entry: { ruleId: string }) => entry.ruleId === vp).map((entry: { points: number }) => entry.points).sort()).toEqual([-20, 20]);

    // The company growing changes its people's fit: the change reaches them through the company.
    await bed.api(`/api/v1/companies/${company.body.id}`, { method: 'PATCH', body: { employeeCount: 50 } });
    await settle();
    expect((await score(anna)).fit).toBe(0);
    const account = await bed.api(`/api/v1/companies/${company.body.id}/score`);
    expect(account.body).toMatchObject({ contacts: 1, bestFit: 0, tiers: { cold: 1 } });
  });

  it('scores engagement per event with a cap per day, explains each point, decays it and rescores on a rule change', async () => {
    const pricing = await rule({ kind: 'engagement', name: 'Pricing page', points: 10, cap: { points: 20, period: 'day' }, condition: pricingPage });
    await rule({ kind: 'engagement', name: 'Demo requested', points: 40, condition: { type: 'event', event: { kind: 'track', name: 'Demo Requested' }, filters: [{ property: 'plan', operator: 'equals', value: 'enterprise' }] } });
    const clock = bed.database.ctx.clock;
    await track(bed, 'u-eng', 'eng@example.com', [{ type: 'page', name: '/pricing' }, { type: 'page', name: '/pricing' }, { type: 'page', name: '/pricing' }]);
    await track(bed, 'u-eng', 'eng@example.com', [{ type: 'track', name: 'Demo Requested', properties: { plan: 'starter' } }]);
    await settle();
    const id = await contactByEmail('eng@example.com');
    let explained = await score(id);
    expect(explained.engagement).toBe(20);
    expect(explained.ledger.map((entry: { rule: string; points: number; event: string }) => [entry.rule, entry.points, entry.event]))
      .toEqual([['Pricing page', 10, '/pricing'], ['Pricing page', 10, '/pricing']]);

    clock.advance(day);
    await track(bed, 'u-eng', 'eng@example.com', [{ type: 'page', name: '/pricing' }, { type: 'track', name: 'Demo Requested', properties: { plan: 'enterprise' } }]);
    await settle();
    explained = await score(id);
    // The first day's decay ran before today's events: yesterday's 20 points decayed by a day.
    const afterOneDay = Math.round(20 * 0.5 ** (1 / 30) * 100) / 100;
    expect(explained.engagement).toBeCloseTo(afterOneDay + 50, 2);
    expect(explained).toMatchObject({ engagementLevel: 1, tier: 'cold' });

    // Thirty days later the decay halves it.
    clock.advance(30 * day);
    await settle();
    expect((await score(id)).engagement).toBeCloseTo(Math.round((afterOneDay + 50) * 0.5 * 100) / 100, 1);

    // A rule change rescores everyone from the stored events, caps included.
    await bed.api(`/api/v1/scoring/rules/${pricing}`, { method: 'PATCH', body: { points: 5, cap: null } });
    await settle();
    const rescored = await score(id);
    expect(rescored.ledger.filter((entry: { rule: string }) => entry.rule === 'Pricing page')).toHaveLength(4);
    expect(rescored.ledger.every((entry: { rule: string; points: number }) => entry.rule !== 'Pricing page' || entry.points === 5)).toBe(true);
  });

  it('scores new events while a rule change rescores everyone, each event once, and neither fails', async () => {
    const enterprise = await rule({ kind: 'engagement', name: 'Enterprise page', points: 3, condition: { type: 'event', event: { kind: 'page', path: '/enterprise' } } });
    await settle();
    const visits = (i: number) => 2 + (i % 3);
    const people = Array.from({ length: 16 }, (_, i) => i);
    await Promise.all(people.map((i) => track(bed, `u-race-${i}`, `race-${i}@example.com`, Array.from({ length: visits(i) }, () => ({ type: 'page' as const, name: '/enterprise' })))));
    // The batches' scoring jobs run while two rescores go through every stored event.
    const { ctx } = bed.database;
    await Promise.all([settle(), rescore(ctx, bed.workspace.workspaceId, 'engagement'), rescore(ctx, bed.workspace.workspaceId, 'engagement')]);
    await settle();
    for (const i of people) {
      const { ledger } = await score(await contactByEmail(`race-${i}@example.com`));
      const earned = ledger.filter((entry: { ruleId: string }) => entry.ruleId === enterprise);
      expect(earned.map((entry: { points: number }) => entry.points)).toEqual(Array(visits(i)).fill(3));
    }
  });

  it('lets a segment select contacts by score and tier, kept current as points arrive', async () => {
    await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Webinar', points: 35, condition: { type: 'event', event: { kind: 'track', name: 'Webinar Attended' } } } });
    const segment = await bed.api('/api/v1/segments', {
      body: { name: 'Engaged', definition: { version: 1, match: { type: 'field', field: 'engagementScore', operator: 'gte', value: 35 } } },
    });
    expect(segment.status).toBe(201);
    await track(bed, 'u-web', 'web@example.com', [{ type: 'track', name: 'Webinar Attended' }]);
    await settle();
    const members = await bed.api(`/api/v1/segments/${segment.body.id}/members`);
    expect(members.body.items.map((item: { contact: { email: string } }) => item.contact.email)).toContain('web@example.com');
  });

  it('keeps grade thresholds consistent and regrades everyone when they change', async () => {
    const bad = await bed.api('/api/v1/scoring/settings', { method: 'PUT', body: { halfLifeDays: 30, fitGrades: { A: 10, B: 20, C: 5 }, engagementLevels: { 1: 60, 2: 30, 3: 10 } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'fitGrades' });
    const ok = await bed.api('/api/v1/scoring/settings', { method: 'PUT', body: { halfLifeDays: 14, fitGrades: { A: 30, B: 20, C: 10 }, engagementLevels: { 1: 40, 2: 20, 3: 5 } } });
    expect(ok.status).toBe(200);
    const id = await contactByEmail('web@example.com');
    expect(await score(id)).toMatchObject({ engagementLevel: 2, halfLifeDays: 14 });
  });
});
