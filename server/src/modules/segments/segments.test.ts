import { describe, expect, it } from 'vitest';
import { useApiTestBed } from '../../test/harness.js';
import { settle as settleJobs, track as trackEvents, type TrackedEvent } from '../../test/pipeline.js';

const bed = useApiTestBed('Segments');
const day = 86_400_000;

const settle = () => settleJobs(bed);

async function contact(body: Record<string, unknown>): Promise<string> {
  const response = await bed.api('/api/v1/contacts', { body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

const track = (userId: string, email: string, events: TrackedEvent[]) => trackEvents(bed, userId, email, events);

const pricingFinland = {
  version: 1,
  match: {
    type: 'and',
    conditions: [
      { type: 'event', event: { kind: 'page', path: '/pricing' }, count: { operator: 'gte', value: 3 }, window: { type: 'last', amount: 30, unit: 'days' } },
      { type: 'field', field: 'country', operator: 'equals', value: 'FI' },
    ],
  },
};

async function members(segmentId: string): Promise<string[]> {
  const response = await bed.api(`/api/v1/segments/${segmentId}/members?limit=500`);
  return response.body.items.map((item: { contact: { email: string } }) => item.contact.email).sort();
}

async function domainEvents(topic: string): Promise<string[]> {
  const rows = await bed.database.ctx.db.selectFrom('domain_events').select('subject_id').where('workspace_id', '=', bed.workspace.workspaceId)
    .where('topic', '=', topic).orderBy('id').execute();
  return rows.map((row) => row.subject_id!);
}

describe('segments', () => {
  const ids: Record<string, string> = {};
  let segmentId: string;

  it('computes "viewed /pricing at least 3 times in 30 days and country is FI" and explains it', async () => {
    const now = bed.database.ctx.clock.now();
    ids.anna = await contact({ email: 'anna@example.fi', firstName: 'Anna', country: 'FI' });
    ids.bruno = await contact({ email: 'bruno@example.se', firstName: 'Bruno', country: 'SE' });
    ids.carla = await contact({ email: 'carla@example.fi', firstName: 'Carla', country: 'fi' });
    ids.dora = await contact({ email: 'dora@example.fi', firstName: 'Dora', country: 'FI' });
    const pricing = (times: number, at: Date) => Array.from({ length: times }, () => ({ type: 'page' as const, name: '/pricing', at }));
    await track('anna', 'anna@example.fi', pricing(4, new Date(now.getTime() - 2 * day)));
    await track('bruno', 'bruno@example.se', pricing(4, new Date(now.getTime() - 2 * day)));
    await track('carla', 'carla@example.fi', pricing(1, new Date(now.getTime() - 2 * day)));
    // Dora's visits are too old for the window.
    await track('dora', 'dora@example.fi', pricing(5, new Date(now.getTime() - 40 * day)));

    const preview = await bed.api('/api/v1/segments/preview', { body: { definition: pricingFinland } });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(1);
    expect(preview.body.sample.map((c: { email: string }) => c.email)).toEqual(['anna@example.fi']);

    const created = await bed.api('/api/v1/segments', { body: { name: 'Hot Finnish pricing visitors', definition: pricingFinland } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'active', dependsOnTime: true, computedAt: null });
    segmentId = created.body.id;
    await settle();
    expect(await members(segmentId)).toEqual(['anna@example.fi']);
    expect((await bed.api(`/api/v1/segments/${segmentId}`)).body.memberCount).toBe(1);
    expect(await domainEvents('segment.entered')).toEqual([ids.anna]);

    const why = await bed.api(`/api/v1/segments/${segmentId}/explain/${ids.anna}`);
    expect(why.body).toMatchObject({ member: true, matches: true });
    expect(why.body.explanation.children).toEqual([
      expect.objectContaining({ passed: true, actual: '4 times', description: 'Viewed page /pricing at least 3 times in the last 30 days' }),
      expect.objectContaining({ passed: true, actual: 'FI', description: 'Country is FI' }),
    ]);
    const whyNot = await bed.api(`/api/v1/segments/${segmentId}/explain/${ids.bruno}`);
    expect(whyNot.body).toMatchObject({ member: false, matches: false });
    expect(whyNot.body.explanation.children.map((node: { passed: boolean; actual: string }) => [node.passed, node.actual])).toEqual([[true, '4 times'], [false, 'SE']]);

    const mine = await bed.api(`/api/v1/contacts/${ids.anna}/segments`);
    expect(mine.body.segments).toEqual([expect.objectContaining({ id: segmentId, name: 'Hot Finnish pricing visitors' })]);
  });

  it('admits a contact as their events arrive and lets them go when their profile changes', async () => {
    const now = bed.database.ctx.clock.now();
    await track('carla', 'carla@example.fi', [{ type: 'page', name: '/pricing', at: now }, { type: 'page', name: '/pricing', at: now }]);
    await settle();
    expect(await members(segmentId)).toEqual(['anna@example.fi', 'carla@example.fi']);

    const moved = await bed.api(`/api/v1/contacts/${ids.anna}`, { method: 'PATCH', body: { country: 'SE' } });
    expect(moved.status).toBe(200);
    await settle();
    expect(await members(segmentId)).toEqual(['carla@example.fi']);
    expect(await domainEvents('segment.exited')).toEqual([ids.anna]);

    const history = await bed.api(`/api/v1/segments/${segmentId}/history?days=7`);
    expect(history.body.points).toHaveLength(7);
    expect(history.body.points.at(-1)).toMatchObject({ members: 1, entered: 2, exited: 1 });
    expect(history.body.points[0]).toMatchObject({ members: 0, entered: 0, exited: 0 });
  });

  it('lets members go when their window passes, with no new event', async () => {
    // Carla's third view was two days before the other two: 27 days on, it still counts …
    bed.database.ctx.clock.advance(27 * day);
    await settle();
    expect(await members(segmentId)).toEqual(['carla@example.fi']);
    // … and 2 days later it has left the 30-day window.
    bed.database.ctx.clock.advance(2 * day);
    await settle();
    expect(await members(segmentId)).toEqual([]);
    expect((await bed.api(`/api/v1/segments/${segmentId}`)).body.memberCount).toBe(0);
  });

  it('refuses a definition that does not hold together, naming the node', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ version: 1, match: { type: 'and', conditions: [{ type: 'field', field: 'shoeSize', operator: 'equals', value: '42' }] } }, 'definition.match.conditions[0].field', /not a field/],
      [{ version: 1, match: { type: 'and', conditions: [{ type: 'field', field: 'country', operator: 'gt', value: 3 }] } }, 'definition.match.conditions[0].operator', /does not apply to text field "country"/],
      [{ version: 1, match: { type: 'or', conditions: [{ type: 'event', event: { kind: 'page' } }] } }, 'definition.match.conditions[0].event.path', /page path/],
      [{ version: 1, match: { type: 'not', condition: { type: 'bucket', from: 50, to: 10 } } }, 'definition.match.condition.to', /bucket/],
      [{ version: 2, match: { type: 'and', conditions: [] } }, 'definition.version', /must be 1/],
      [{ version: 1, match: { type: 'field', field: 'createdAt', operator: 'in_last', value: { amount: 3, unit: 'fortnights' } } }, 'definition.match.value.unit', /must be one of/],
      [{ version: 1, match: { type: 'field', field: 'owner', operator: 'equals', value: 'Maija' } }, 'definition.match.value', /user id/],
      [{ version: 1, match: { type: 'field', field: 'lifecycleStage', operator: 'equals', value: 'hot' } }, 'definition.match.value', /not one of the field's options/],
    ];
    for (const [definition, field, message] of cases) {
      const response = await bed.api('/api/v1/segments', { body: { name: 'Bad', definition } });
      expect(response.status, JSON.stringify(definition)).toBe(400);
      expect(response.body.field).toBe(field);
      expect(response.body.message).toMatch(message);
    }
  });

  it('refuses segments that would use each other in a cycle, and deleting one in use', async () => {
    const base = await bed.api('/api/v1/segments', { body: { name: 'Everyone in Finland', definition: { version: 1, match: { type: 'field', field: 'country', operator: 'equals', value: 'FI' } } } });
    const user = await bed.api('/api/v1/segments', {
      body: { name: 'Finland minus pricing', definition: { version: 1, match: { type: 'and', conditions: [{ type: 'segment', segmentId: base.body.id, operator: 'in' }, { type: 'segment', segmentId, operator: 'not_in' }] } } },
    });
    expect(user.status).toBe(201);
    const cycle = await bed.api(`/api/v1/segments/${base.body.id}`, {
      method: 'PATCH', body: { definition: { version: 1, match: { type: 'segment', segmentId: user.body.id, operator: 'in' } } },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.field).toBe('definition.match.segmentId');
    expect(cycle.body.message).toMatch(/cycle/);
    const used = await bed.api(`/api/v1/segments/${base.body.id}`, { method: 'DELETE' });
    expect(used.status).toBe(409);
    expect(used.body.message).toMatch(/Finland minus pricing/);

    await settle();
    // Finland: Carla, Dora (Anna moved to SE); the pricing segment is empty now.
    expect(await members(user.body.id)).toEqual(['carla@example.fi', 'dora@example.fi']);
    // A change to the used segment's members reaches the segment that uses it.
    await bed.api(`/api/v1/contacts/${ids.dora}`, { method: 'PATCH', body: { country: 'NO' } });
    await settle();
    expect(await members(user.body.id)).toEqual(['carla@example.fi']);
  });

  it('compiles every kind of condition to the contacts a marketer expects', async () => {
    const db = bed.database.ctx.db;
    await bed.api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'plan', label: 'Plan', type: 'select', options: [{ value: 'free', label: 'Free' }, { value: 'pro', label: 'Pro' }] } });
    await bed.api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'seats', label: 'Seats', type: 'number' } });
    const company = await bed.api('/api/v1/companies', { body: { name: 'Big Oy', domain: 'big.example', employeeCount: 800, industry: 'Software' } });
    await contact({ email: 'erik@big.example', firstName: 'Erik', tags: ['vip', 'beta'], lifecycleStage: 'sql', custom: { plan: 'pro', seats: 40 }, companyId: company.body.id });
    await contact({ email: 'fay@small.example', firstName: 'Fay', tags: ['beta'], lifecycleStage: 'lead', custom: { plan: 'free', seats: 2 } });
    await track('erik', 'erik@big.example', [{ type: 'track', name: 'Signed Up', properties: { plan: 'pro', seats: 40 } }]);
    await track('fay', 'fay@small.example', [{ type: 'track', name: 'Signed Up', properties: { plan: 'free', seats: 2 } }, { type: 'track', name: 'Signed Up', properties: { plan: 'free' } }]);
    const matching = async (match: unknown) => {
      const response = await bed.api('/api/v1/segments/preview', { body: { definition: { version: 1, match: { type: 'and', conditions: [{ type: 'field', field: 'email', operator: 'in', value: ['erik@big.example', 'fay@small.example'] }, match] } } } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      const emails = response.body.sample.map((c: { email: string }) => c.email.split('@')[0]).sort();
      return emails;
    };
    expect(await matching({ type: 'field', field: 'tags', operator: 'includes', value: 'vip' })).toEqual(['erik']);
    expect(await matching({ type: 'field', field: 'tags', operator: 'excludes', value: 'vip' })).toEqual(['fay']);
    expect(await matching({ type: 'field', field: 'tags', operator: 'includes_all', value: ['vip', 'beta'] })).toEqual(['erik']);
    expect(await matching({ type: 'field', field: 'lifecycleStage', operator: 'at_least', value: 'mql' })).toEqual(['erik']);
    expect(await matching({ type: 'field', field: 'custom.plan', operator: 'equals', value: 'pro' })).toEqual(['erik']);
    expect(await matching({ type: 'field', field: 'custom.seats', operator: 'between', value: [1, 10] })).toEqual(['fay']);
    expect(await matching({ type: 'field', field: 'company.employeeCount', operator: 'gte', value: 500 })).toEqual(['erik']);
    // "Industry is not Software" holds for a contact without a company.
    expect(await matching({ type: 'field', field: 'company.industry', operator: 'not_equals', value: 'software' })).toEqual(['fay']);
    expect(await matching({ type: 'field', field: 'country', operator: 'is_not_set' })).toEqual(['erik', 'fay']);
    expect(await matching({ type: 'field', field: 'createdAt', operator: 'in_last', value: { amount: 1, unit: 'hours' } })).toEqual(['erik', 'fay']);
    expect(await matching({ type: 'event', event: { kind: 'track', name: 'Signed Up' }, count: { operator: 'gte', value: 2 } })).toEqual(['fay']);
    expect(await matching({ type: 'event', event: { kind: 'track', name: 'Signed Up' }, filters: [{ property: 'seats', operator: 'gt', value: 10 }] })).toEqual(['erik']);
    expect(await matching({ type: 'event', event: { kind: 'track', name: 'Signed Up' }, filters: [{ property: 'plan', operator: 'equals', value: 'free' }] })).toEqual(['fay']);
    expect(await matching({ type: 'event', event: { kind: 'page', path: '/pricing' }, count: { operator: 'eq', value: 0 } })).toEqual(['erik', 'fay']);
    expect(await matching({ type: 'event', event: { kind: 'track', name: 'Signed Up' }, count: { operator: 'lt', value: 2 } })).toEqual(['erik']);
    expect(await matching({ type: 'event_time', event: { kind: 'track', name: 'Signed Up' }, which: 'first', operator: 'in_last', value: { amount: 1, unit: 'days' } })).toEqual(['erik', 'fay']);
    expect(await matching({ type: 'not', condition: { type: 'form' } })).toEqual(['erik', 'fay']);

    // Buckets are stable per contact and spread everyone over 0–99.
    const buckets = await bed.api('/api/v1/segments/preview', { body: { definition: { version: 1, match: { type: 'bucket', from: 0, to: 49, seed: 'test' } } } });
    const rest = await bed.api('/api/v1/segments/preview', { body: { definition: { version: 1, match: { type: 'bucket', from: 50, to: 99, seed: 'test' } } } });
    const total = await db.selectFrom('contacts').select(db.fn.countAll<string>().as('n')).where('workspace_id', '=', bed.workspace.workspaceId).executeTakeFirstOrThrow();
    expect(buckets.body.count + rest.body.count).toBe(Number(total.n));
  });

  it('keeps static lists, and segments on them follow their changes', async () => {
    const list = await bed.api('/api/v1/lists', { body: { name: 'Webinar guests' } });
    expect(list.status).toBe(201);
    const onList = await bed.api('/api/v1/segments', { body: { name: 'Guests', definition: { version: 1, match: { type: 'list', listId: list.body.id, operator: 'in' } } } });
    await settle();
    expect(await members(onList.body.id)).toEqual([]);

    expect((await bed.api(`/api/v1/lists/${list.body.id}/members`, { body: { contactIds: [ids.anna] } })).body).toEqual({ added: 1 });
    const imported = await fetch(`${bed.server.url}/api/v1/lists/${list.body.id}/members/import`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${bed.workspace.secretKey}` },
      body: 'name,email\nBruno,bruno@example.se\nNobody,nobody@example.com\nBroken,not-an-email\n',
    }).then((r) => r.json());
    expect(imported).toEqual({ added: 1, rejected: [{ line: 3, reason: 'no contact has the email nobody@example.com' }, { line: 4, reason: '"not-an-email" is not an email address' }] });
    const fromDefinition = await bed.api(`/api/v1/lists/${list.body.id}/members/from-definition`, {
      body: { definition: { version: 1, match: { type: 'field', field: 'email', operator: 'ends_with', value: '.fi' } } },
    });
    // Anna is on the list already: Carla and Dora are added.
    expect(fromDefinition.body).toEqual({ added: 2 });
    expect(await members(onList.body.id)).toEqual(['anna@example.fi', 'bruno@example.se', 'carla@example.fi', 'dora@example.fi']);
    expect((await bed.api(`/api/v1/lists/${list.body.id}`)).body.memberCount).toBe(4);

    await bed.api(`/api/v1/lists/${list.body.id}/members/remove`, { body: { contactIds: [ids.bruno] } });
    expect(await members(onList.body.id)).toEqual(['anna@example.fi', 'carla@example.fi', 'dora@example.fi']);
    const csv = await fetch(`${bed.server.url}/api/v1/lists/${list.body.id}/members.csv`, { headers: { authorization: `Bearer ${bed.workspace.secretKey}` } }).then((r) => r.text());
    expect(csv.split('\n')[0]).toBe('contactId,name,email,company,since');
    expect(csv).toContain('anna@example.fi');

    // Deleting the list flags the segment; it keeps its members and says why.
    expect((await bed.api(`/api/v1/lists/${list.body.id}`, { method: 'DELETE' })).status).toBe(204);
    const flagged = await bed.api(`/api/v1/segments/${onList.body.id}`);
    expect(flagged.body.status).toBe('flagged');
    expect(flagged.body.problems[0]).toMatchObject({ path: 'definition.match.listId' });
  });

  it('flags a segment whose custom field is archived instead of breaking it', async () => {
    const field = await bed.api('/api/v1/custom-fields', { body: { objectType: 'contact', key: 'region', label: 'Region', type: 'text' } });
    await bed.api(`/api/v1/contacts/${ids.carla}`, { method: 'PATCH', body: { custom: { region: 'North' } } });
    const segment = await bed.api('/api/v1/segments', { body: { name: 'North', definition: { version: 1, match: { type: 'field', field: 'custom.region', operator: 'equals', value: 'north' } } } });
    await settle();
    expect(await members(segment.body.id)).toEqual(['carla@example.fi']);

    await bed.api(`/api/v1/custom-fields/${field.body.id}`, { method: 'PATCH', body: { archived: true } });
    await bed.database.ctx.db.updateTable('contacts').set({ custom: JSON.stringify({}) as never }).where('id', '=', ids.carla!).execute();
    await settle();
    const after = await bed.api(`/api/v1/segments/${segment.body.id}`);
    expect(after.body).toMatchObject({ status: 'flagged', problems: [{ path: 'definition.match.field', message: 'the custom field "custom.region" has been archived' }] });
    expect(await members(segment.body.id)).toEqual(['carla@example.fi']);
    const csv = await fetch(`${bed.server.url}/api/v1/segments/${segment.body.id}/members.csv`, { headers: { authorization: `Bearer ${bed.workspace.secretKey}` } }).then((r) => r.text());
    expect(csv.trim().split('\n')).toHaveLength(2);
  });
});
