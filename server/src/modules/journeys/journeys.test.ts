import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, useApiTestBed } from '../../test/harness.js';
import { settle, track } from '../../test/pipeline.js';
import { type SmtpSink, startSmtpSink } from '../../test/smtp-sink.js';

const bed = useApiTestBed('Journeys');
const minute = 60_000;
const day = 86_400_000;
let sink: SmtpSink;
let templateA: string;
let templateB: string;

const mjml = (text: string) => `<mjml><mj-body><mj-section><mj-column><mj-text>${text} {{ contact.firstName }}</mj-text>
  <mj-text><a href="{{ unsubscribe_url }}">Unsubscribe</a></mj-text></mj-column></mj-section></mj-body></mjml>`;

beforeAll(async () => {
  sink = await startSmtpSink();
  bed.database.ctx.config.smtpUrl = sink.url;
  await bed.api('/api/v1/sending-domains', { body: { domain: 'mail.acme.example', fromEmail: 'news@mail.acme.example', fromName: 'Acme' } });
  templateA = (await bed.api('/api/v1/email/templates', { body: { name: 'A: book a demo', kind: 'marketing', subject: 'Ready for a demo?', mjml: mjml('Book a demo') } })).body.id;
  templateB = (await bed.api('/api/v1/email/templates', { body: { name: 'B: case study', kind: 'marketing', subject: 'How Acme grew', mjml: mjml('Read the case study') } })).body.id;
});
afterAll(async () => sink?.close());

async function contact(email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await bed.api('/api/v1/contacts', { body: { email, firstName: email.split('@')[0], ...extra } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const consent = await bed.api(`/api/v1/contacts/${response.body.id}/consent`, {
    body: { purpose: 'marketing_email', status: 'granted', lawfulBasis: 'consent', source: 'form', wording: 'Send me news and offers' },
  });
  expect(consent.status, JSON.stringify(consent.body)).toBe(200);
  return response.body.id;
}

async function journey(name: string, graph: unknown, rules: Record<string, unknown> = {}): Promise<string> {
  const created = await bed.api('/api/v1/journeys', { body: { name, graph, rules } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function launch(id: string, body: Record<string, unknown> = {}) {
  const launched = await bed.api(`/api/v1/journeys/${id}/launch`, { body });
  expect(launched.status, JSON.stringify(launched.body)).toBe(200);
  return launched.body;
}

async function enrol(id: string, contactIds: string[]) {
  const response = await bed.api(`/api/v1/journeys/${id}/enrolments`, { body: { contactIds } });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function enrolmentOf(journeyId: string, contactId: string) {
  const { body } = await bed.api(`/api/v1/contacts/${contactId}/journeys`);
  return body.enrolments.find((enrolment: { journeyId: string }) => enrolment.journeyId === journeyId);
}

async function trace(journeyId: string, contactId: string) {
  const enrolment = await enrolmentOf(journeyId, contactId);
  return (await bed.api(`/api/v1/journeys/${journeyId}/enrolments/${enrolment.id}/trace`)).body.steps as { nodeId: string; outcome: string; detail: string }[];
}

async function later(ms: number) {
  bed.database.ctx.clock.advance(ms);
  await settle(bed);
}

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, ...config });
const edge = (from: string, to: string, handle = 'next') => ({ id: `${from}-${handle}-${to}`, from, handle, to });
const manual = node('start', 'trigger', { trigger: { kind: 'manual' } });

describe('building and launching', () => {
  it('refuses to launch an invalid graph, naming each node at fault, and keeps it a draft', async () => {
    const id = await journey('Broken', {
      nodes: [
        manual,
        node('loop1', 'branch', { condition: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } }),
        node('loop2', 'tag', { action: 'add', tag: 'x' }),
        node('mail', 'send_email', { templateId: '00000000-0000-4000-8000-000000000000' }),
        node('pause', 'wait', {}),
        node('orphan', 'exit'),
      ],
      edges: [edge('start', 'loop1'), edge('loop1', 'loop2', 'yes'), edge('loop2', 'loop1'), edge('loop1', 'mail', 'no'), edge('mail', 'pause'), edge('pause', 'ghost')],
    });
    const launched = await bed.api(`/api/v1/journeys/${id}/launch`, { body: {} });
    expect(launched.status).toBe(400);
    const problems = launched.body.problems as { nodeId: string; field: string; message: string }[];
    const at = (nodeId: string) => problems.filter((problem) => problem.nodeId === nodeId).map((problem) => problem.message).join('; ');
    expect(at('loop1') + at('loop2')).toMatch(/loop with no wait/);
    expect(at('mail')).toMatch(/template does not exist/);
    expect(at('pause')).toMatch(/amount/);
    expect(at('pause')).toMatch(/does not exist/);
    expect(at('orphan')).toMatch(/no path from the trigger/);
    expect(launched.body.field).toMatch(/^nodes\./);
    const stored = await bed.api(`/api/v1/journeys/${id}`);
    expect(stored.body).toMatchObject({ status: 'draft', liveVersion: null });
    expect(stored.body.problems.length).toBe(problems.length);
    expect((await bed.api(`/api/v1/journeys/${id}/enrolments`, { body: { contactIds: [await contact('early@acme.example')] } })).status).toBe(409);
  });
});

describe('running', () => {
  it('form submitted → wait 2 days → engagement ≥ 30? → email A or B, each sent once, traced and counted', async () => {
    await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Webinar', points: 40, condition: { type: 'event', event: { kind: 'track', name: 'Webinar Attended' } } } });
    const id = await journey('Nurture', {
      nodes: [
        node('start', 'trigger', { trigger: { kind: 'event', condition: { type: 'form' } } }),
        node('wait', 'wait', { duration: { amount: 2, unit: 'days' } }),
        node('engaged', 'branch', { condition: { type: 'field', field: 'engagementScore', operator: 'gte', value: 30 } }),
        node('a', 'send_email', { templateId: templateA }),
        node('b', 'send_email', { templateId: templateB }),
      ],
      edges: [edge('start', 'wait'), edge('wait', 'engaged'), edge('engaged', 'a', 'yes'), edge('engaged', 'b', 'no')],
    });
    await launch(id);
    const hot = await contact('henna@hot.example');
    const cold = await contact('colin@cold.example');
    await settle(bed);
    await track(bed, 'henna', 'henna@hot.example', [{ type: 'track', name: 'Webinar Attended' }, { type: 'track', name: 'Form Submitted' }]);
    await track(bed, 'colin', 'colin@cold.example', [{ type: 'track', name: 'Form Submitted' }]);
    await settle(bed);
    expect(await enrolmentOf(id, hot)).toMatchObject({ status: 'active', nodeId: 'wait' });
    expect(await enrolmentOf(id, cold)).toMatchObject({ status: 'active', nodeId: 'wait' });

    await later(day);
    expect(sink.received).toHaveLength(0);
    await later(day + minute);
    const to = (address: string) => sink.received.filter((mail) => mail.to.includes(address));
    expect(to('henna@hot.example')).toHaveLength(1);
    expect(to('henna@hot.example')[0]!.raw).toContain('Ready for a demo?');
    expect(to('colin@cold.example')).toHaveLength(1);
    expect(to('colin@cold.example')[0]!.raw).toContain('How Acme grew');
    expect(await enrolmentOf(id, hot)).toMatchObject({ status: 'completed', nodeId: 'a' });

    const steps = await trace(id, hot);
    expect(steps.map((step) => `${step.nodeId}:${step.outcome}`)).toEqual(['start:next', 'wait:waiting', 'wait:next', 'engaged:yes', 'a:next', 'a:completed']);
    expect(steps.find((step) => step.nodeId === 'engaged')!.detail).toMatch(/engagement.*: yes/i);
    expect((await trace(id, cold)).find((step) => step.nodeId === 'engaged')!.outcome).toBe('no');

    // Running everything again changes nothing: no step twice, no email twice.
    await later(day);
    expect(sink.received.filter((mail) => mail.to.includes('henna@hot.example'))).toHaveLength(1);
    const stats = (await bed.api(`/api/v1/journeys/${id}/stats`)).body;
    expect(stats.totals).toMatchObject({ entered: 2, completed: 2, active: 0 });
    expect(stats.nodes.engaged).toMatchObject({ entered: 2 });
    expect(stats.nodes.a).toMatchObject({ entered: 1, completed: 1 });
    expect(stats.nodes.b).toMatchObject({ entered: 1, completed: 1 });
    const listed = (await bed.api('/api/v1/journeys')).body.journeys.find((row: { id: string }) => row.id === id);
    expect(listed).toMatchObject({ status: 'live', liveVersion: 1, entered: 2, inFlight: 0, triggerKind: 'event' });
  });

  it('ends an enrolment at the goal (converted) or an exit condition, at once, and applies the re-entry rule', async () => {
    const id = await journey('Onboarding', { nodes: [manual, node('wait', 'wait', { duration: { amount: 5, unit: 'days' } }), node('tag', 'tag', { action: 'add', tag: 'onboarded' })], edges: [edge('start', 'wait'), edge('wait', 'tag')] }, {
      goal: { type: 'field', field: 'lifecycleStage', operator: 'equals', value: 'customer' },
      exitWhen: { type: 'field', field: 'tags', operator: 'includes', value: 'churned' },
      reentry: { mode: 'never' },
    });
    await launch(id);
    const won = await contact('won@acme.example');
    const lost = await contact('lost@acme.example');
    const stays = await contact('stays@acme.example');
    const result = await enrol(id, [won, lost, stays, '00000000-0000-4000-8000-000000000001']);
    expect(result.enrolled).toHaveLength(3);
    expect(result.refused).toEqual([{ contactId: '00000000-0000-4000-8000-000000000001', reason: 'no such contact' }]);
    await settle(bed);
    const patched = await bed.api(`/api/v1/contacts/${won}`, { method: 'PATCH', body: { lifecycleStage: 'customer' } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await bed.api(`/api/v1/contacts/${lost}`, { method: 'PATCH', body: { tags: ['churned'] } });
    await settle(bed);
    expect(await enrolmentOf(id, won)).toMatchObject({ status: 'converted', exitReason: 'met the goal' });
    expect(await enrolmentOf(id, lost)).toMatchObject({ status: 'exited', exitReason: 'met an exit condition' });
    expect(await enrolmentOf(id, stays)).toMatchObject({ status: 'active', nodeId: 'wait' });
    expect((await enrol(id, [won])).refused).toEqual([{ contactId: won, reason: 'has been in this journey before, and it allows no re-entry' }]);
    expect((await enrol(id, [stays])).refused[0].reason).toBe('already in this journey');
    await later(5 * day + minute);
    expect((await bed.api(`/api/v1/contacts/${stays}`)).body.tags).toContain('onboarded');
    expect((await bed.api(`/api/v1/contacts/${won}`)).body.tags).not.toContain('onboarded');
    const stats = (await bed.api(`/api/v1/journeys/${id}/stats`)).body;
    expect(stats.totals).toMatchObject({ entered: 3, converted: 1, exited: 1, completed: 1 });
    expect(stats.nodes.wait.converted).toBe(1);
  });

  it('waits for an event: the event exit at once when it comes, the timeout exit when it does not', async () => {
    const id = await journey('Demo follow-up', {
      nodes: [
        manual,
        node('await', 'wait_event', { condition: { type: 'event', event: { kind: 'track', name: 'Demo Booked' }, filters: [{ property: 'plan', operator: 'equals', value: 'pro' }] }, timeout: { amount: 3, unit: 'days' } }),
        node('booked', 'tag', { action: 'add', tag: 'booked' }),
        node('nudge', 'tag', { action: 'add', tag: 'nudge' }),
      ],
      edges: [edge('start', 'await'), edge('await', 'booked', 'event'), edge('await', 'nudge', 'timeout')],
    });
    await launch(id);
    const eager = await contact('eager@acme.example');
    const idle = await contact('idle@acme.example');
    await enrol(id, [eager, idle]);
    await settle(bed);
    await track(bed, 'eager', 'eager@acme.example', [{ type: 'track', name: 'Demo Booked', properties: { plan: 'basic' } }]);
    await settle(bed);
    expect(await enrolmentOf(id, eager)).toMatchObject({ status: 'active', nodeId: 'await' });
    await track(bed, 'eager', 'eager@acme.example', [{ type: 'track', name: 'Demo Booked', properties: { plan: 'pro' } }]);
    await settle(bed);
    expect((await bed.api(`/api/v1/contacts/${eager}`)).body.tags).toEqual(['booked']);
    expect(await enrolmentOf(id, idle)).toMatchObject({ status: 'active', nodeId: 'await' });
    await later(3 * day + minute);
    expect((await bed.api(`/api/v1/contacts/${idle}`)).body.tags).toEqual(['nudge']);
    expect((await trace(id, idle)).find((step) => step.nodeId === 'await' && step.outcome === 'timeout')!.detail).toMatch(/timed out/);
  });

  it('obeys the frequency cap (skipped, and says so) and holds marketing email through quiet hours', async () => {
    const limits = await bed.api('/api/v1/email/send-limits', { method: 'PUT', body: { quietHours: null, frequencyCap: { count: 1, days: 7 } } });
    expect(limits.status, JSON.stringify(limits.body)).toBe(200);
    const send = (name: string) => journey(name, { nodes: [manual, node('mail', 'send_email', { templateId: templateB })], edges: [edge('start', 'mail')] });
    const first = await send('First touch');
    const second = await send('Second touch');
    await launch(first);
    await launch(second);
    const busy = await contact('busy@acme.example');
    await enrol(first, [busy]);
    await settle(bed);
    await enrol(second, [busy]);
    await settle(bed);
    const skipped = (await trace(second, busy)).find((step) => step.nodeId === 'mail')!;
    expect(skipped).toMatchObject({ outcome: 'skipped', detail: 'not sent: frequency cap: 1 marketing emails in 7 days' });
    expect((await bed.api(`/api/v1/journeys/${second}/stats`)).body.nodes.mail.skipped).toBe(1);
    expect(sink.received.filter((mail) => mail.to.includes('busy@acme.example'))).toHaveLength(1);

    // Quiet hours around the current hour (UTC): the email waits for their end.
    const hour = bed.database.ctx.clock.now().getUTCHours();
    await bed.api('/api/v1/email/send-limits', { method: 'PUT', body: { quietHours: { start: hour, end: (hour + 2) % 24, timezone: 'UTC' }, frequencyCap: null } });
    const night = await contact('night@acme.example');
    const third = await send('Night touch');
    await launch(third);
    await enrol(third, [night]);
    await settle(bed);
    expect((await trace(third, night)).find((step) => step.nodeId === 'mail')!.detail).toMatch(/quiet hours/);
    expect(sink.received.filter((mail) => mail.to.includes('night@acme.example'))).toHaveLength(0);
    await later(2 * 3_600_000);
    expect(sink.received.filter((mail) => mail.to.includes('night@acme.example'))).toHaveLength(1);
    await bed.api('/api/v1/email/send-limits', { method: 'PUT', body: { quietHours: null, frequencyCap: null } });
  });
});

describe('versions, splits and simulation', () => {
  it('keeps contacts in flight on their version, or moves them by an explicit node mapping', async () => {
    const graph = (tag: string) => ({ nodes: [manual, node('wait', 'wait', { duration: { amount: 1, unit: 'days' } }), node('tag', 'tag', { action: 'add', tag })], edges: [edge('start', 'wait'), edge('wait', 'tag')] });
    const id = await journey('Versioned', graph('v1'));
    const moved = { nodes: [manual, node('hold', 'wait', { duration: { amount: 3, unit: 'days' } }), node('tag', 'tag', { action: 'add', tag: 'v2' })], edges: [edge('start', 'hold'), edge('hold', 'tag')] };
    await launch(id);
    const early = await contact('early-bird@acme.example');
    const mapped = await contact('mapped@acme.example');
    await enrol(id, [early, mapped]);
    await settle(bed);
    await bed.api(`/api/v1/journeys/${id}`, { method: 'PATCH', body: { graph: moved } });
    const relaunched = await launch(id, { migrate: { mode: 'map', mapping: { wait: 'hold' } } });
    expect(relaunched).toMatchObject({ version: 2, journey: { liveVersion: 2, versions: [{ version: 2 }, { version: 1 }] } });
    // Both were at `wait` of version 1: the mapping moved them to `hold` of version 2 (waits 3 days).
    expect(await enrolmentOf(id, early)).toMatchObject({ version: 2 });
    await later(day + minute);
    expect((await bed.api(`/api/v1/contacts/${early}`)).body.tags).toEqual([]);
    await later(3 * day);
    expect((await bed.api(`/api/v1/contacts/${early}`)).body.tags).toEqual(['v2']);

    const stayId = await journey('Staying', graph('old'));
    await launch(stayId);
    const stayer = await contact('stayer@acme.example');
    await enrol(stayId, [stayer]);
    await settle(bed);
    await bed.api(`/api/v1/journeys/${stayId}`, { method: 'PATCH', body: { graph: graph('new') } });
    await launch(stayId);
    await later(day + minute);
    expect((await bed.api(`/api/v1/contacts/${stayer}`)).body.tags).toEqual(['old']);
    expect(await enrolmentOf(stayId, stayer)).toMatchObject({ version: 1, status: 'completed' });
  });

  it('splits at random by percentage, stably, and tests whether the arms convert differently', async () => {
    const id = await journey('A/B', {
      nodes: [manual, node('split', 'random', { arms: [{ key: 'a', label: 'Variant A', percent: 45 }, { key: 'b', label: 'Variant B', percent: 45 }] }), node('ta', 'tag', { action: 'add', tag: 'arm-a' }), node('tb', 'tag', { action: 'add', tag: 'arm-b' }), node('hold', 'wait', { duration: { amount: 30, unit: 'days' } })],
      edges: [edge('start', 'split'), edge('split', 'ta', 'a'), edge('split', 'tb', 'b'), edge('ta', 'hold'), edge('tb', 'hold')],
    }, { goal: { type: 'field', field: 'city', operator: 'equals', value: 'Won City' } });
    await launch(id);
    const people = [];
    for (let i = 0; i < 60; i++) people.push((await bed.api('/api/v1/contacts', { body: { email: `ab${i}@acme.example` } })).body.id);
    await enrol(id, people);
    await settle(bed);
    const stats = (await bed.api(`/api/v1/journeys/${id}/stats`)).body;
    const [split] = stats.splits;
    const entered = Object.fromEntries(split.arms.map((arm: { key: string; entered: number }) => [arm.key, arm.entered]));
    expect(entered.a + entered.b + (entered.holdout ?? 0)).toBe(60);
    expect(entered.a).toBeGreaterThan(10);
    expect(entered.b).toBeGreaterThan(10);
    expect(split.pValue).toBeNull();
    // Everyone in arm A converts, nobody in B: a difference the test calls significant.
    const armA = (await bed.api(`/api/v1/journeys/${id}/enrolments?nodeId=hold&limit=500`)).body.enrolments as { contactId: string }[];
    for (const enrolment of armA) {
      const person = (await bed.api(`/api/v1/contacts/${enrolment.contactId}`)).body;
      if (person.tags.includes('arm-a')) await bed.api(`/api/v1/contacts/${enrolment.contactId}`, { method: 'PATCH', body: { city: 'Won City' } });
    }
    await settle(bed);
    const after = (await bed.api(`/api/v1/journeys/${id}/stats`)).body.splits[0];
    expect(after.arms.find((arm: { key: string }) => arm.key === 'a').rate).toBe(1);
    expect(after.arms.find((arm: { key: string }) => arm.key === 'b').rate).toBe(0);
    expect(after.pValue).toBeLessThan(0.001);
  });

  it('simulates a draft on a virtual clock: the path, the counts and the emails, with no side effect', async () => {
    const id = await journey('Simulated', {
      nodes: [
        manual, node('wait', 'wait', { duration: { amount: 2, unit: 'days' } }),
        node('fi', 'branch', { condition: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } }),
        node('mail', 'send_email', { templateId: templateA }), node('tag', 'tag', { action: 'add', tag: 'simulated' }),
      ],
      edges: [edge('start', 'wait'), edge('wait', 'fi'), edge('fi', 'mail', 'yes'), edge('fi', 'tag', 'no'), edge('mail', 'tag')],
    });
    const finn = await contact('finn@acme.example', { country: 'FI' });
    const sven = await contact('sven@acme.example', { country: 'SE' });
    const before = sink.received.length;
    const simulated = await bed.api(`/api/v1/journeys/${id}/simulate`, { body: { contactIds: [finn, sven] } });
    expect(simulated.status, JSON.stringify(simulated.body)).toBe(200);
    const finnPath = simulated.body.contacts.find((row: { contactId: string }) => row.contactId === finn);
    expect(finnPath.path.map((step: { nodeId: string; outcome: string }) => `${step.nodeId}:${step.outcome}`)).toEqual(['start:next', 'wait:waiting', 'wait:next', 'fi:yes', 'mail:next', 'tag:next', 'tag:completed']);
    expect(new Date(finnPath.path[2].at).getTime() - new Date(finnPath.path[0].at).getTime()).toBe(2 * day);
    expect(finnPath.endedAs).toBe('completed');
    expect(simulated.body.nodes).toMatchObject({ start: { entered: 2 }, fi: { entered: 2 }, mail: { entered: 1 }, tag: { entered: 2 } });
    expect(simulated.body.emails).toEqual([expect.objectContaining({ contactId: finn, templateId: templateA, templateName: 'A: book a demo', at: finnPath.path[4].at })]);
    await settle(bed);
    expect(sink.received.length).toBe(before);
    expect((await bed.api(`/api/v1/contacts/${finn}`)).body.tags).toEqual([]);
    expect((await bed.api(`/api/v1/contacts/${finn}/journeys`)).body.enrolments).toEqual([]);
  });
});

describe('triggers', () => {
  it('enrols on entering a segment, reaching a stage and crossing a score threshold, once each', async () => {
    const segment = await bed.api('/api/v1/segments', { body: { name: 'Finns', definition: { version: 1, match: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } } } });
    expect(segment.status, JSON.stringify(segment.body)).toBe(201);
    const tagged = (tag: string) => ({ nodes: [node('start', 'trigger', { trigger: triggers[tag] }), node('tag', 'tag', { action: 'add', tag })], edges: [edge('start', 'tag')] });
    const triggers: Record<string, unknown> = {
      'segment-in': { kind: 'segment_entered', segmentId: segment.body.id },
      'stage-sql': { kind: 'stage_changed', to: 'sql' },
      'score-50': { kind: 'score_crossed', score: 'engagement', threshold: 50 },
    };
    for (const tag of Object.keys(triggers)) await launch(await journey(`On ${tag}`, tagged(tag), { reentry: { mode: 'always' } }));
    await bed.api('/api/v1/scoring/rules', { body: { kind: 'engagement', name: 'Pricing', points: 30, condition: { type: 'event', event: { kind: 'page', path: '/pricing' } } } });
    const id = await contact('trigger@acme.example');
    await settle(bed);
    const tags = async () => (await bed.api(`/api/v1/contacts/${id}`)).body.tags;
    expect(await tags()).toEqual([]);
    await bed.api(`/api/v1/contacts/${id}`, { method: 'PATCH', body: { country: 'FI' } });
    await settle(bed);
    expect(await tags()).toEqual(['segment-in']);
    await bed.api(`/api/v1/contacts/${id}`, { method: 'PATCH', body: { lifecycleStage: 'sql' } });
    await settle(bed);
    expect(await tags()).toEqual(['segment-in', 'stage-sql']);
    await track(bed, 'trigger', 'trigger@acme.example', [{ type: 'page', name: '/pricing' }]);
    await settle(bed);
    expect(await tags()).not.toContain('score-50');
    await track(bed, 'trigger', 'trigger@acme.example', [{ type: 'page', name: '/pricing' }]);
    await settle(bed);
    expect(await tags()).toContain('score-50');
    // Staying above the threshold is not crossing it again.
    await track(bed, 'trigger', 'trigger@acme.example', [{ type: 'page', name: '/pricing' }]);
    await settle(bed);
    const scoreJourney = (await bed.api('/api/v1/journeys')).body.journeys.find((row: { name: string }) => row.name === 'On score-50');
    expect(scoreJourney.entered).toBe(1);
  });
});

describe('actions and entry rules', () => {
  it('runs every kind of action on the contact, and enrols into another journey', async () => {
    const sales = bed.workspace.users.sales.id;
    const list = (await bed.api('/api/v1/lists', { body: { name: 'Nurtured' } })).body.id;
    const follower = await journey('Follow-on', { nodes: [manual, node('tag', 'tag', { action: 'add', tag: 'followed-on' })], edges: [edge('start', 'tag')] });
    await launch(follower);
    const id = await journey('Everything', {
      nodes: [
        manual,
        node('title', 'update_field', { field: 'jobTitle', value: 'Head of Growth' }),
        node('tag', 'tag', { action: 'add', tag: 'nurtured' }),
        node('list', 'list', { action: 'add', listId: list }),
        node('stage', 'set_stage', { stage: 'lead' }),
        node('score', 'add_score', { points: 25, reason: 'Finished onboarding' }),
        node('owner', 'assign_owner', { userId: sales }),
        node('task', 'create_task', { title: 'Call about onboarding', dueInDays: 2 }),
        node('notify', 'notify', { userId: null, message: 'finished onboarding' }),
        node('next', 'enrol', { journeyId: follower }),
        node('bye', 'exit'),
      ],
      edges: [edge('start', 'title'), edge('title', 'tag'), edge('tag', 'list'), edge('list', 'stage'), edge('stage', 'score'), edge('score', 'owner'),
        edge('owner', 'task'), edge('task', 'notify'), edge('notify', 'next'), edge('next', 'bye')],
    });
    await launch(id);
    const person = await contact('actions@acme.example');
    await enrol(id, [person]);
    await settle(bed);
    const after = (await bed.api(`/api/v1/contacts/${person}`)).body;
    expect(after).toMatchObject({ jobTitle: 'Head of Growth', lifecycleStage: 'lead', ownerId: sales });
    expect(after.tags).toEqual(['followed-on', 'nurtured']);
    expect((await bed.api(`/api/v1/lists/${list}/members`)).body.items.map((member: { contact: { id: string } }) => member.contact.id)).toEqual([person]);
    const score = (await bed.api(`/api/v1/contacts/${person}/score`)).body;
    expect(score.engagement).toBe(25);
    const tasks = (await bed.api(`/api/v1/tasks?contactId=${person}&status=all`)).body.items;
    expect(tasks).toEqual([expect.objectContaining({ title: 'Call about onboarding', assigneeId: sales })]);
    const salesCookie = await signIn(bed.server, bed.workspace.users.sales);
    const inbox = (await bed.api('/api/v1/notifications', { cookie: salesCookie })).body.items;
    expect(inbox.some((item: { title: string }) => item.title === 'actions: finished onboarding')).toBe(true);
    expect(await enrolmentOf(id, person)).toMatchObject({ status: 'exited', exitReason: 'reached an exit', nodeId: 'bye' });
    expect(await enrolmentOf(follower, person)).toMatchObject({ status: 'completed' });
  });

  it("creates a task for each contact's owner, unassigned when there is no owner or the owner has left", async () => {
    const { sales, service } = bed.workspace.users;
    const owned = await contact('owned-task@acme.example', { ownerId: sales.id });
    const unowned = await contact('unowned-task@acme.example');
    const orphaned = await contact('orphaned-task@acme.example', { ownerId: service.id });
    expect((await bed.api(`/api/v1/members/${service.id}`, { method: 'DELETE' })).status).toBe(204);
    const id = await journey('Tasks for owners', {
      nodes: [manual, node('task', 'create_task', { title: 'Book the kick-off', dueInDays: 3 })],
      edges: [edge('start', 'task')],
    });
    await launch(id);
    await enrol(id, [owned, unowned, orphaned]);
    await settle(bed);

    const due = new Date(bed.database.ctx.clock.now().getTime() + 3 * day).toISOString().slice(0, 10);
    for (const [person, assigneeId] of [[owned, sales.id], [unowned, null], [orphaned, null]] as const) {
      const tasks = (await bed.api(`/api/v1/tasks?contactId=${person}&status=all`)).body.items;
      expect(tasks).toEqual([expect.objectContaining({ title: 'Book the kick-off', assigneeId, done: false })]);
      expect(tasks[0].dueAt.slice(0, 10)).toBe(due);
      const timeline = (await bed.api(`/api/v1/contacts/${person}/timeline`)).body.items;
      expect(timeline).toContainEqual(expect.objectContaining({ kind: 'task.created', data: expect.objectContaining({ title: 'Book the kick-off', assigneeId }) }));
      expect(await enrolmentOf(id, person)).toMatchObject({ status: 'completed' });
    }
  });

  it('enrols a segment at launch, up to the cap in flight, and by a date field', async () => {
    await bed.api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'contract_end', label: 'Contract end', type: 'date' } });
    // Noon (UTC) tomorrow, so the hours this test moves on stay within one day.
    const today = bed.database.ctx.clock.now();
    bed.database.ctx.clock.set(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1, 12)));
    const inMonth = new Date(bed.database.ctx.clock.now().getTime() + 30 * day).toISOString().slice(0, 10);
    const renewing = await contact('renewing@acme.example', { custom: { contract_end: inMonth }, country: 'NO' });
    await contact('later@acme.example', { custom: { contract_end: '2099-01-01' }, country: 'NO' });
    await contact('third@acme.example', { country: 'NO' });
    const norway = await bed.api('/api/v1/segments', { body: { name: 'Norwegians', definition: { version: 1, match: { type: 'field', field: 'country', operator: 'equals', value: 'NO' } } } });
    await settle(bed);
    const hold = node('hold', 'wait', { duration: { amount: 10, unit: 'days' } });
    const capped = await journey('Capped', { nodes: [manual, hold], edges: [edge('start', 'hold')] }, { maxInFlight: 2 });
    const launched = await launch(capped, { enrolSegmentId: norway.body.id });
    expect(launched.enrolled).toBe(2);
    const refused = await enrol(capped, [renewing]);
    expect(refused.enrolled.length + refused.refused.length).toBe(1);

    const renewal = await journey('Renewal', { nodes: [node('start', 'trigger', { trigger: { kind: 'date_field', field: 'custom.contract_end', offsetDays: -30 } }), hold], edges: [edge('start', 'hold')] });
    await launch(renewal);
    await later(3_600_000);
    const entered = (await bed.api(`/api/v1/journeys/${renewal}/enrolments`)).body.enrolments;
    expect(entered.map((enrolment: { contactId: string }) => enrolment.contactId)).toEqual([renewing]);
    await later(3_600_000);
    expect((await bed.api(`/api/v1/journeys/${renewal}/enrolments`)).body.enrolments).toHaveLength(1);
  });
});

describe('failures', () => {
  it('ends an enrolment whose step is refused as failed, with the reason, without holding up the others', async () => {
    const doomed = (await bed.api('/api/v1/email/templates', { body: { name: 'Soon gone', kind: 'transactional', subject: 'Hi', mjml: mjml('Hi') } })).body.id;
    const id = await journey('Fragile', {
      nodes: [manual, node('mail', 'send_email', { templateId: doomed }), node('tag', 'tag', { action: 'add', tag: 'after-mail' })],
      edges: [edge('start', 'mail'), edge('mail', 'tag')],
    });
    await launch(id);
    const healthy = await journey('Healthy', { nodes: [manual, node('tag', 'tag', { action: 'add', tag: 'healthy' })], edges: [edge('start', 'tag')] });
    await launch(healthy);
    expect((await bed.api(`/api/v1/email/templates/${doomed}`, { method: 'DELETE' })).status).toBe(204);
    const person = await contact('fragile@acme.example');
    await enrol(id, [person]);
    await enrol(healthy, [person]);
    await settle(bed);
    expect(await enrolmentOf(id, person)).toMatchObject({ status: 'exited', nodeId: 'mail', exitReason: expect.stringMatching(/^failed: email template not found/) });
    expect((await bed.api(`/api/v1/contacts/${person}`)).body.tags).toEqual(['healthy']);
  });
});
