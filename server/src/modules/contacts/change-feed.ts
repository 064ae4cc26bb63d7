import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import { type ClaimedJob, enqueue } from '../../platform/jobs/queue.js';

/**
 * The contacts' change feed. Database triggers (migration 0006) enqueue a job for every
 * statement that inserts contacts or changes a field other modules read, naming the
 * contacts and the fields (`*` for a new contact); companies' changes are handed on as
 * changes of `company` for their people. Listeners (segments) react in one transaction per job.
 */
export interface ContactChange {
  id: string;
  /** Change-feed names (country, custom, company, lifecycleStage …), or `*` for a new contact. */
  fields: string[];
}

export type ContactChangeListener = (trx: Tx, ctx: AppContext, workspaceId: string, changes: ContactChange[]) => Promise<void>;

const listeners: ContactChangeListener[] = [];

export function onContactsChanged(listener: ContactChangeListener): void {
  listeners.push(listener);
}

export const contactsChangedQueue = 'contacts.changed';
export const companiesChangedQueue = 'companies.changed';

async function notify(ctx: AppContext, workspaceId: string, changes: ContactChange[]) {
  if (!changes.length || !listeners.length) return;
  await ctx.db.transaction().execute(async (trx) => {
    for (const listener of listeners) await listener(trx, ctx, workspaceId, changes);
  });
}

export async function handleContactsChanged(ctx: AppContext, job: ClaimedJob): Promise<void> {
  const changes = (job.payload.changes ?? []) as ContactChange[];
  // One statement may have touched a contact more than once in a transaction: merge its fields.
  const byId = new Map<string, Set<string>>();
  for (const change of changes) for (const field of change.fields) byId.set(change.id, (byId.get(change.id) ?? new Set()).add(field));
  await notify(ctx, job.workspaceId!, [...byId].map(([id, fields]) => ({ id, fields: [...fields] })));
}

export async function handleCompaniesChanged(ctx: AppContext, job: ClaimedJob): Promise<void> {
  const companies = (job.payload.companies ?? []) as string[];
  if (!companies.length) return;
  const people = await ctx.db.selectFrom('contacts').select('id')
    .where('workspace_id', '=', job.workspaceId!).where('company_id', 'in', companies).execute();
  await notify(ctx, job.workspaceId!, people.map((person) => ({ id: person.id, fields: ['company'] })));
}

/**
 * Announces changes the triggers cannot see because they live in another module's tables
 * (consent, for instance), as the same kind of job, in the caller's transaction.
 */
export async function publishContactChanges(db: DbOrTx, clock: Clock, workspaceId: string, changes: ContactChange[]): Promise<void> {
  if (!changes.length) return;
  await enqueue(db, clock, { queue: contactsChangedQueue, workspaceId, payload: { changes }, runAt: new Date(0) });
}
