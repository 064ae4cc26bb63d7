import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { Logger } from '../../platform/logger.js';
import type { AuditActor } from '../accounts/index.js';
import { createCompany, createContact } from '../contacts/index.js';
import { createDeal, createTask, listPipelines, logActivity, updateDeal } from '../deals/index.js';
import * as words from './data.js';
import { createSegment } from '../segments/index.js';
import { seedDemoHandoff } from './handoff.js';
import { seedDemoTraffic } from './traffic.js';
import { seedDemoWebContent } from './web.js';

export interface DemoSize {
  companies: number;
  contactsPerCompany: number;
}

export const defaultDemoSize: DemoSize = { companies: 300, contactsPerCompany: 7 };

/** A small deterministic generator, so every demo workspace tells the same story. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

const dayMs = 86400_000;

/** A clock fixed at a moment in the past, so seeded records carry believable times. */
const clockAt = (at: Date): Clock => ({ now: () => at });

const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Fills a workspace with companies, their people, deals in every stage and 90 days of
 * calls, meetings, notes and tasks, through the same services the API uses, so the data
 * (timelines included) is what real use would produce. One transaction per company.
 */
/** Segments a marketer would start from; their members are computed by the worker. */
const demoSegments = [
  {
    name: 'Pricing page visitors (30 days)', description: 'Looked at pricing in the last 30 days',
    definition: { version: 1, match: { type: 'event', event: { kind: 'page', path: '/pricing' }, window: { type: 'last', amount: 30, unit: 'days' } } },
  },
  {
    name: 'Finnish leads', description: 'Leads and MQLs in Finland',
    definition: { version: 1, match: { type: 'and', conditions: [
      { type: 'field', field: 'country', operator: 'equals', value: 'Finland' },
      { type: 'field', field: 'lifecycleStage', operator: 'in', value: ['lead', 'mql'] },
    ] } },
  },
];

export async function seedDemoWorkspace(db: Db, clock: Clock, logger: Logger, workspaceId: string, size: DemoSize = defaultDemoSize) {
  const rng = random(20261122);
  const actor: AuditActor = { type: 'system', label: 'demo data' };
  const now = clock.now().getTime();
  const pipeline = (await db.transaction().execute((trx) => listPipelines(trx, clock, workspaceId)))[0]!;
  const openStages = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won')!;
  const lost = pipeline.stages.find((s) => s.kind === 'lost')!;
  const usedNames = new Set<string>();
  let contacts = 0;
  let deals = 0;
  const visitors: { email: string; firstName: string | null }[] = [];

  for (let c = 0; c < size.companies; c++) {
    let name: string;
    do name = `${rng.pick(words.companyStems)} ${rng.pick(words.companySuffixes)}`; while (usedNames.has(name) && usedNames.size < 300);
    if (usedNames.has(name)) name = `${name} ${c}`;
    usedNames.add(name);
    // .example is reserved (RFC 2606): demo addresses can never reach a real mailbox.
    const domain = `${stripAccents(name).replace(/[^a-z0-9]+/g, '')}.example`;
    const [country, city, timezone] = rng.pick(words.countries);
    const createdAt = new Date(now - rng.int(30, 400) * dayMs);

    await db.transaction().execute(async (trx) => {
      const company = await createCompany(trx, clockAt(createdAt), workspaceId, actor, {
        name, domain, industry: rng.pick(words.industries),
        employeeCount: rng.int(5, 5000), revenueBand: rng.pick(words.revenueBands), country,
      });
      const people = [];
      const headcount = rng.int(Math.max(1, size.contactsPerCompany - 4), size.contactsPerCompany + 4);
      for (let p = 0; p < headcount; p++) {
        const first = rng.pick(words.firstNames);
        const last = rng.pick(words.lastNames);
        const role = rng.pick(words.roles);
        const joined = new Date(createdAt.getTime() + rng.int(0, Math.max(1, Math.floor((now - createdAt.getTime()) / dayMs))) * dayMs);
        const contact = await createContact(trx, clockAt(joined), workspaceId, actor, {
          email: `${stripAccents(first)}.${stripAccents(last)}${p}@${company.domain}`,
          firstName: first, lastName: last, jobTitle: role.title, seniority: role.seniority, persona: role.persona,
          country, city, timezone, source: rng.pick(words.sources), companyId: company.id,
          lifecycleStage: rng.pick(['subscriber', 'subscriber', 'lead', 'lead', 'mql', 'sql', 'opportunity', 'customer'] as const),
          tags: rng.chance(0.3) ? [rng.pick(['webinar-2026', 'trade-fair', 'newsletter', 'vip'])] : [],
        });
        people.push(contact);
        contacts++;
        if (rng.chance(0.2)) visitors.push({ email: contact.email!, firstName: contact.firstName });
        // About three touches per person over the last 90 days.
        for (let a = rng.int(0, 5); a > 0; a--) {
          const kind = rng.pick(['call', 'call', 'meeting', 'note', 'email'] as const);
          const occurredAt = new Date(now - rng.int(0, 90) * dayMs - rng.int(8, 17) * 3600_000);
          await logActivity(trx, clockAt(occurredAt), workspaceId, actor, {
            kind, contactId: contact.id, occurredAt: occurredAt.toISOString(),
            subject: kind === 'call' ? 'Follow-up call' : kind === 'meeting' ? 'Product demo' : kind === 'email' ? 'Proposal sent' : null,
            body: kind === 'note' ? rng.pick(words.noteTexts) : null,
            durationMinutes: kind === 'call' ? rng.int(5, 40) : kind === 'meeting' ? rng.int(30, 90) : null,
            outcome: kind === 'call' ? rng.pick(words.callOutcomes) : null,
          });
        }
      }
      // Every other company has a deal or two, spread over all stages.
      for (let d = rng.chance(0.55) ? rng.int(1, 2) : 0; d > 0; d--) {
        const opened = new Date(now - rng.int(10, 120) * dayMs);
        const buyer = rng.pick(people);
        const deal = await createDeal(trx, clockAt(opened), workspaceId, actor, {
          name: `${company.name} – ${rng.pick(words.dealProducts)}`, amount: rng.int(2, 120) * 1000, currency: 'EUR',
          expectedCloseDate: new Date(now + rng.int(-30, 120) * dayMs).toISOString().slice(0, 10),
          contacts: [{ contactId: buyer.id, role: rng.pick(['decision_maker', 'champion', 'influencer', 'technical'] as const) }],
        });
        deals++;
        const outcome = rng.next();
        const target = outcome < 0.15 ? won : outcome < 0.27 ? lost : rng.pick(openStages);
        let at = opened.getTime();
        for (const stage of openStages.slice(1, target.kind === 'open' ? openStages.indexOf(target) + 1 : rng.int(1, openStages.length))) {
          at += rng.int(2, 12) * dayMs;
          await updateDeal(trx, clockAt(new Date(Math.min(at, now))), workspaceId, actor, deal.id, { stageId: stage.id });
        }
        if (target.kind !== 'open') {
          at += rng.int(2, 10) * dayMs;
          await updateDeal(trx, clockAt(new Date(Math.min(at, now))), workspaceId, actor, deal.id, {
            stageId: target.id, lostReason: target.kind === 'lost' ? rng.pick(words.lostReasons) : undefined,
          });
        } else if (rng.chance(0.6)) {
          await createTask(trx, clockAt(new Date(now - dayMs)), workspaceId, actor, {
            title: `Follow up: ${deal.name}`, dealId: deal.id, contactId: buyer.id, priority: rng.pick(['normal', 'high'] as const),
            dueAt: new Date(now + rng.int(-3, 10) * dayMs).toISOString(), assigneeId: null,
          });
        }
      }
    });
  }
  await seedDemoHandoff(db, clock, workspaceId, actor);
  const events = await seedDemoTraffic({ db, clock, logger }, workspaceId, visitors, rng.pick, rng.int);
  await db.transaction().execute(async (trx) => {
    const segments = [];
    for (const segment of demoSegments) segments.push(await createSegment(trx, clock, workspaceId, actor, segment));
    await seedDemoWebContent(trx, clock, workspaceId, actor, segments[1]!.id);
  });
  logger.info({ workspaceId, companies: size.companies, contacts, deals, events }, 'demo data seeded');
  return { companies: size.companies, contacts, deals, events };
}
