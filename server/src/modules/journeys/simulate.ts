import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { contactSummaries } from '../contacts/index.js';
import { listTemplates } from '../messaging/index.js';
import { advance, type RunScope, type TraceStep, type Traveller } from './engine.js';
import type { JourneyVersion } from './journeys.js';

const horizonDays = 400;
const maxRounds = 500;

/**
 * Runs a graph for some contacts against a virtual clock, in a read-only transaction: the
 * same node handlers as the engine, with effects switched off. Time jumps from one timer to
 * the next; conditions read the contacts as they are now, evaluated at the virtual time. A
 * wait for an event assumes the event does not come (the timeout exit).
 */
export async function simulate(ctx: AppContext, workspaceId: string, version: JourneyVersion, contactIds: string[]) {
  const start = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await sql`set transaction read only`.execute(trx);
    const paths = new Map<string, TraceStep[]>();
    const endings = new Map<string, { endedAs: string; endedAt: Date | null }>();
    const wouldSend: RunScope['wouldSend'] = [];
    // The contact's id stands in for the enrolment's: a random split draws the same arm every run.
    let due = new Map<string, { traveller: Traveller; at: Date }>(contactIds.map((contactId) => [contactId, {
      at: start, traveller: { enrolmentId: contactId, journeyId: version.journeyId, version: version.version, contactId, nodeId: version.trigger.id, phase: 'enter', steps: 0, resumedBy: null },
    }]));
    for (let round = 0; due.size && round < maxRounds; round++) {
      const now = new Date(Math.min(...[...due.values()].map((entry) => entry.at.getTime())));
      if (now.getTime() - start.getTime() > horizonDays * 86_400_000) break;
      const moving = [...due.values()].filter((entry) => entry.at.getTime() === now.getTime()).map((entry) => ({ ...entry.traveller, resumedBy: entry.traveller.phase === 'wait' ? 'timeout' as const : null }));
      const scope: RunScope = { ctx, db: trx, workspaceId, now, dryRun: true, wouldSend, version };
      const { resting, trace } = await advance(scope, moving);
      for (const step of trace) paths.set(step.enrolmentId, [...(paths.get(step.enrolmentId) ?? []), step]);
      const next = new Map([...due].filter(([, entry]) => entry.at.getTime() !== now.getTime()));
      for (const rest of resting) {
        const contactId = rest.traveller.contactId;
        if (rest.status !== 'active') endings.set(contactId, { endedAs: rest.status, endedAt: now });
        else if (!rest.dueAt) endings.set(contactId, { endedAs: 'held out (waits for the goal)', endedAt: null });
        else next.set(contactId, { traveller: rest.traveller, at: rest.dueAt });
      }
      due = next;
    }
    for (const contactId of due.keys()) endings.set(contactId, { endedAs: `still in flight after ${horizonDays} days`, endedAt: null });

    const [names, templates] = await Promise.all([contactSummaries(trx, workspaceId, contactIds), listTemplates(trx, workspaceId)]);
    const templateNames = new Map(templates.map((template) => [template.id, template.name]));
    const nodes: Record<string, { entered: number }> = {};
    for (const steps of paths.values()) {
      for (const nodeId of new Set(steps.map((step) => step.nodeId))) nodes[nodeId] = { entered: (nodes[nodeId]?.entered ?? 0) + 1 };
    }
    return {
      contacts: contactIds.map((contactId) => ({
        contactId, name: names.get(contactId)?.name ?? null,
        path: (paths.get(contactId) ?? []).map((step) => ({ nodeId: step.nodeId, at: step.at, outcome: step.outcome, detail: step.detail })),
        ...endings.get(contactId)!,
      })),
      nodes,
      emails: wouldSend.map((send) => ({ ...send, templateName: templateNames.get(send.templateId) ?? null })),
      assumptions: ['a wait for an event times out (the event does not come)', 'conditions read each contact as they are now, at the simulated time', 'steps change nothing, so later conditions do not see earlier updates'],
    };
  });
}
