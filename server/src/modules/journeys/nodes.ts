import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { enqueueAll } from '../../platform/jobs/queue.js';
import type { AuditActor } from '../accounts/index.js';
import { changeContactTags, moveLifecycleStage, type LifecycleStage, setContactField, setContactOwner } from '../contacts/index.js';
import { createTasksForContacts } from '../deals/index.js';
import { queueJourneyEmails } from '../messaging/index.js';
import { notifyEach } from '../notifications/index.js';
import { addPoints } from '../scoring/index.js';
import { addToList, removeFromList } from '../segments/index.js';
import { routeToSales } from '../lifecycle/index.js';
import type { RunScope, Outcome, Traveller } from './engine.js';
import { stepKey } from './engine.js';
import type { NodeConfig, NodeType } from './graph.js';
import type { JourneyVersion } from './journeys.js';
import { matching, sentence } from './conditions.js';
import { enrolInJourney } from './enrol.js';
import { durationMs, nextLocalTime } from './time.js';

type NodeOf<T extends NodeType> = Extract<NodeConfig, { type: T }> & { id: string };
type Handler<T extends NodeType> = (scope: RunScope, node: NodeOf<T>, travellers: Traveller[], version: JourneyVersion) => Promise<Outcome[]>;

const go = (exit: string, detail?: string | null, trace?: string): Outcome => ({ kind: 'go', exit, detail, trace });
const all = (travellers: Traveller[], outcome: Outcome) => travellers.map(() => outcome);
const contactsOf = (travellers: Traveller[]) => [...new Set(travellers.map((traveller) => traveller.contactId))];
const actorOf = (version: JourneyVersion): AuditActor => ({ type: 'system', id: version.journeyId, label: `Journey: ${version.journeyName}` });
/** A step that changes nothing in a simulation says what it would have done. */
const would = (scope: RunScope, text: string) => (scope.dryRun ? `would ${text}` : text);

/** A stable number in [0, 100) per enrolment and node: the same contact takes the same arm in a run and in a replay. */
function bucket(traveller: Traveller, nodeId: string): number {
  return createHash('sha1').update(`${traveller.enrolmentId}:${nodeId}`).digest().readUInt32BE(0) / 2 ** 32 * 100;
}

async function timezones(scope: RunScope, travellers: Traveller[]): Promise<Map<string, string | null>> {
  const rows = await scope.db.selectFrom('contacts').select(['id', 'timezone'])
    .where('workspace_id', '=', scope.workspaceId).where('id', 'in', contactsOf(travellers)).execute();
  return new Map(rows.map((row) => [row.id, row.timezone]));
}

/** Each node type: what it does for everyone at it, in order. Effects are skipped in a dry run. */
export const handlers: { [T in NodeType]: Handler<T> } = {
  trigger: async (_scope, _node, travellers) => all(travellers, go('next', 'entered the journey')),

  wait: async (scope, node, travellers) => travellers.map((traveller) => {
    if (traveller.phase === 'wait') return go('next', 'waited');
    const until = new Date(scope.now.getTime() + durationMs(node.duration));
    return { kind: 'wait', until, detail: `waits ${node.duration.amount} ${node.duration.unit} (until ${until.toISOString()})` };
  }),

  wait_until: async (scope, node, travellers) => {
    if (travellers.every((traveller) => traveller.phase === 'wait')) return all(travellers, go('next', 'waited'));
    const zones = 'at' in node ? new Map<string, string | null>() : await timezones(scope, travellers);
    return travellers.map((traveller): Outcome => {
      if (traveller.phase === 'wait') return go('next', 'waited');
      if ('at' in node) {
        const at = new Date(node.at);
        return at <= scope.now ? go('next', `${node.at} had passed`) : { kind: 'wait', until: at, detail: `waits until ${at.toISOString()}` };
      }
      const zone = zones.get(traveller.contactId) ?? null;
      const until = nextLocalTime(scope.now, node.weekdays, node.hour, node.minute ?? 0, zone);
      return { kind: 'wait', until, detail: `waits until ${until.toISOString()} (${zone ?? 'UTC'})` };
    });
  },

  wait_event: async (scope, node, travellers) => {
    const description = await sentence(scope, node.condition);
    return travellers.map((traveller): Outcome => {
      if (traveller.phase === 'wait') {
        return traveller.resumedBy === 'event' ? go('event', `did it: ${description}`) : go('timeout', `timed out waiting for: ${description}`);
      }
      const until = new Date(scope.now.getTime() + durationMs(node.timeout));
      return { kind: 'wait', until, awaiting: node.condition, detail: `waits for: ${description} (until ${until.toISOString()})` };
    });
  },

  branch: async (scope, node, travellers) => {
    const [[yes], description] = await Promise.all([matching(scope, contactsOf(travellers), [node.condition]), sentence(scope, node.condition)]);
    return travellers.map((traveller) => (yes!.has(traveller.contactId) ? go('yes', `${description}: yes`) : go('no', `${description}: no`)));
  },

  split: async (scope, node, travellers) => {
    const hits = await matching(scope, contactsOf(travellers), node.branches.map((branch) => branch.condition));
    return travellers.map((traveller) => {
      const index = hits.findIndex((set) => set.has(traveller.contactId));
      return index >= 0 ? go(node.branches[index]!.key, `matched ${node.branches[index]!.label}`) : go('else', 'matched no branch');
    });
  },

  random: async (_scope, node, travellers) => travellers.map((traveller) => {
    const drawn = bucket(traveller, node.id);
    let upTo = 0;
    for (const arm of node.arms) {
      upTo += arm.percent;
      if (drawn < upTo) return go(arm.key, `drawn into ${arm.label} (${arm.percent}%)`);
    }
    return go('holdout', `held out (${Math.round(100 - upTo)}%)`);
  }),

  send_email: async (scope, node, travellers) => {
    // The batch's moment (the virtual one in a simulation) is when the email is queued.
    const verdicts = await queueJourneyEmails(scope.db, { now: () => scope.now }, scope.workspaceId, node.templateId,
      travellers.map((traveller) => ({ contactId: traveller.contactId, idempotencyKey: stepKey(traveller) })), { dryRun: scope.dryRun });
    return verdicts.map((verdict) => {
      if (!verdict.queued) return go('next', `not sent: ${verdict.reason}`, 'skipped');
      if (scope.dryRun) scope.wouldSend.push({ contactId: verdict.contactId, templateId: node.templateId, at: verdict.at, outcome: verdict.held ? 'held for quiet hours' : 'sent' });
      return go('next', verdict.held ? would(scope, `send at ${verdict.at.toISOString()} (quiet hours)`) : would(scope, 'send the email'));
    });
  },

  update_field: async (scope, node, travellers) => {
    if (!scope.dryRun) await setContactField(scope.db, scope.ctx.clock, scope.workspaceId, contactsOf(travellers), node.field, node.value);
    return all(travellers, go('next', would(scope, `set ${node.field} to ${JSON.stringify(node.value)}`)));
  },

  tag: async (scope, node, travellers) => {
    if (!scope.dryRun) await changeContactTags(scope.db, scope.ctx.clock, scope.workspaceId, contactsOf(travellers), node.action, node.tag);
    return all(travellers, go('next', would(scope, `${node.action} tag ${node.tag}`)));
  },

  list: async (scope, node, travellers, version) => {
    if (!scope.dryRun) {
      if (node.action === 'add') await addToList(scope.db as Tx, scope.ctx.clock, scope.workspaceId, actorOf(version), node.listId, contactsOf(travellers));
      else await removeFromList(scope.db as Tx, scope.ctx.clock, scope.workspaceId, node.listId, contactsOf(travellers));
    }
    return all(travellers, go('next', would(scope, `${node.action === 'add' ? 'add to' : 'remove from'} the list`)));
  },

  set_stage: async (scope, node, travellers, version) => {
    if (!scope.dryRun) {
      await moveLifecycleStage(scope.db as Tx, scope.ctx.clock, scope.workspaceId, contactsOf(travellers), node.stage as LifecycleStage, {
        actor: { type: 'rule', id: version.journeyId, label: `Journey: ${version.journeyName}` }, forwardOnly: false, reason: `journey step ${node.id}`,
      });
    }
    return all(travellers, go('next', would(scope, `set the stage to ${node.stage}`)));
  },

  add_score: async (scope, node, travellers, version) => {
    if (!scope.dryRun) await addPoints(scope.db as Tx, scope.ctx, scope.workspaceId, contactsOf(travellers), node.points, node.reason || `Journey: ${version.journeyName}`);
    return all(travellers, go('next', would(scope, `add ${node.points} engagement points`)));
  },

  assign_owner: async (scope, node, travellers) => {
    if (!scope.dryRun) await setContactOwner(scope.db, scope.ctx.clock, scope.workspaceId, contactsOf(travellers), node.userId);
    return all(travellers, go('next', would(scope, 'assign the owner')));
  },

  route_to_sales: async (scope, _node, travellers, version) => {
    if (scope.dryRun) return all(travellers, go('next', 'would hand over to sales'));
    const routed = new Set(await routeToSales(scope.db as Tx, scope.ctx, scope.workspaceId, contactsOf(travellers), `Journey: ${version.journeyName}`));
    return travellers.map((traveller) => go('next', routed.has(traveller.contactId) ? 'handed over to sales' : 'not handed over (already a lead, or past MQL)'));
  },

  create_task: async (scope, node, travellers, version) => {
    if (!scope.dryRun) {
      const owners = await scope.db.selectFrom('contacts').select(['id', 'owner_id']).where('workspace_id', '=', scope.workspaceId).where('id', 'in', contactsOf(travellers)).execute();
      const dueAt = node.dueInDays !== undefined ? new Date(scope.now.getTime() + node.dueInDays * 86_400_000).toISOString() : undefined;
      await createTasksForContacts(scope.db, scope.ctx.clock, scope.workspaceId, actorOf(version), { title: node.title, dueAt },
        owners.map((owner) => ({ contactId: owner.id, assigneeId: owner.owner_id })));
    }
    return all(travellers, go('next', would(scope, `create the task "${node.title}" for the owner`)));
  },

  notify: async (scope, node, travellers, version) => {
    if (!scope.dryRun) {
      const contacts = await scope.db.selectFrom('contacts').select(['id', 'owner_id', 'first_name', 'last_name', 'email'])
        .where('workspace_id', '=', scope.workspaceId).where('id', 'in', contactsOf(travellers)).execute();
      await notifyEach(scope.db, scope.ctx.clock, scope.workspaceId, contacts.flatMap((contact) => {
        const userId = node.userId ?? contact.owner_id;
        const name = [contact.first_name, contact.last_name].filter(Boolean).join(' ') || contact.email || 'a contact';
        return userId ? [{ userId, kind: 'journey.notify', title: `${name}: ${node.message}`, body: `From the journey ${version.journeyName}`, link: `/contacts/${contact.id}` }] : [];
      }));
    }
    return all(travellers, go('next', would(scope, node.userId ? 'notify the user' : 'notify the owner')));
  },

  webhook: async (scope, node, travellers, version) => {
    if (!scope.dryRun) {
      await enqueueAll(scope.db, scope.ctx.clock, travellers.map((traveller) => ({
        queue: webhookQueue, workspaceId: scope.workspaceId, idempotencyKey: stepKey(traveller), maxAttempts: 8,
        payload: { url: node.url, journeyId: version.journeyId, journeyName: version.journeyName, nodeId: node.id, enrolmentId: traveller.enrolmentId, contactId: traveller.contactId, step: traveller.steps },
      })));
    }
    return all(travellers, go('next', would(scope, `call ${node.url}`)));
  },

  enrol: async (scope, node, travellers) => {
    if (scope.dryRun) return all(travellers, go('next', 'would enrol in another journey'));
    const enrolled = new Set(await enrolInJourney(scope.db, scope.ctx.clock, scope.workspaceId, node.journeyId, contactsOf(travellers)));
    return travellers.map((traveller) => go('next', enrolled.has(traveller.contactId) ? 'enrolled in the other journey' : 'not enrolled in the other journey (not live, or entry rules)'));
  },

  exit: async (_scope, _node, travellers) => all(travellers, { kind: 'end', status: 'exited', detail: 'reached an exit' }),
};

export const webhookQueue = 'journeys.webhook';
