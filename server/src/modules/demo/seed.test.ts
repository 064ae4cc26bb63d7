import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDatabase } from '../../test/harness.js';
import { createWorkspace } from '../accounts/index.js';
import { seedDemoWorkspace } from './seed.js';
import { startWorker } from '../../platform/jobs/worker.js';
import { modules } from '../index.js';
import { listDefinitions } from '../lifecycle/definitions.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => database.close());

describe('demo data', () => {
  it('fills a workspace with companies, people, deals in every stage and 90 days of activity', async () => {
    const { db, clock, logger } = database.ctx;
    const workspace = await createWorkspace(db, 'Demo');
    const result = await seedDemoWorkspace(db, clock, logger, workspace.id, { companies: 40, contactsPerCompany: 3 });

    const count = async (table: 'companies' | 'contacts' | 'deals' | 'activities') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('workspace_id', '=', workspace.id).executeTakeFirstOrThrow()).n);
    expect(await count('companies')).toBe(40);
    expect(await count('contacts')).toBe(result.contacts);
    expect(result.contacts).toBeGreaterThanOrEqual(40);

    const stages = await db.selectFrom('pipeline_stages').leftJoin('deals', (join) => join
      .onRef('deals.workspace_id', '=', 'pipeline_stages.workspace_id').onRef('deals.stage_id', '=', 'pipeline_stages.id'))
      .select(['pipeline_stages.name', (eb) => eb.fn.count('deals.id').as('deals')])
      .where('pipeline_stages.workspace_id', '=', workspace.id).groupBy('pipeline_stages.name').execute();
    expect(stages.filter((s) => Number(s.deals) === 0).map((s) => s.name)).toEqual([]);
    const lost = await db.selectFrom('deals').select('lost_reason').where('workspace_id', '=', workspace.id).where('status', '=', 'lost').execute();
    expect(lost.every((d) => d.lost_reason)).toBe(true);

    const span = await db.selectFrom('activities').select((eb) => [eb.fn.min('occurred_at').as('first'), eb.fn.max('occurred_at').as('last')])
      .where('workspace_id', '=', workspace.id).executeTakeFirstOrThrow();
    expect((new Date(span.last as Date).getTime() - new Date(span.first as Date).getTime()) / 86400_000).toBeGreaterThan(60);
    // Website visits, some of them before a form fill that made the visitor known.
    const events = await db.selectFrom('events').select(['contact_id']).where('workspace_id', '=', workspace.id).execute();
    expect(events.length).toBe(result.events);
    expect(events.some((e) => e.contact_id) && events.some((e) => !e.contact_id)).toBe(true);
    const withCompany = await db.selectFrom('contacts').select('id').where('workspace_id', '=', workspace.id).where('company_id', 'is', null).execute();
    expect(withCompany).toEqual([]);
    // The web side: a published landing page around the guide's form, and a personalised slot.
    const pages = await db.selectFrom('landing_pages').select(['status', 'variants']).where('workspace_id', '=', workspace.id).execute();
    expect(pages.map((page) => [page.status, (page.variants as unknown[]).length])).toEqual([['published', 2]]);
    const slots = await db.selectFrom('content_slots').select(['key', 'rules']).where('workspace_id', '=', workspace.id).execute();
    expect(slots.map((slot) => [slot.key, (slot.rules as unknown[]).length])).toEqual([['home-hero', 1]]);

    // The hand-off is set up, and once the worker has scored the traffic, the most engaged are leads with owners.
    const worker = await startWorker({
      db, pool: database.pool, clock, logger, concurrency: 1, pollMs: 60_000, loop: false,
      handlers: Object.assign({}, ...modules.map((module) => module.jobs?.(database.ctx) ?? {})),
    });
    while (await worker.drain());
    const [live] = await listDefinitions(db, workspace.id, { live: true });
    expect(live?.approvals.map((approval) => approval.side)).toEqual(['marketing', 'sales']);
    const leads = await db.selectFrom('leads').select(['owner_id', 'status']).where('workspace_id', '=', workspace.id).execute();
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((lead) => lead.owner_id && lead.status === 'new')).toBe(true);
  }, 60_000);
});
