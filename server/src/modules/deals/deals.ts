import { sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { escapeLike, isIsoDate } from '../../platform/text.js';
import type { AuditActor } from '../accounts/index.js';
import { checkOwner, type CustomValues, getCompany, getContact, listCustomFields, recordTouchpoint, resolveId, validateCustomValues } from '../contacts/index.js';
import { getStage, listPipelines } from './pipelines.js';
import type { BuyingRole, DealStatus } from './tables.js';

export interface DealInput {
  name?: string;
  pipelineId?: string;
  stageId?: string;
  amount?: number | null;
  currency?: string;
  expectedCloseDate?: string | null;
  ownerId?: string | null;
  companyId?: string | null;
  lostReason?: string | null;
  custom?: Record<string, unknown>;
}

export interface Deal {
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
  status: DealStatus;
  amount: number | null;
  currency: string;
  expectedCloseDate: string | null;
  ownerId: string | null;
  companyId: string | null;
  /** The company's name, so a board of deals needs no request per company. */
  companyName: string | null;
  lostReason: string | null;
  closedAt: Date | null;
  stageEnteredAt: Date;
  custom: CustomValues;
  createdAt: Date;
  updatedAt: Date;
}

type DealRow = {
  id: string; name: string; pipeline_id: string; stage_id: string; status: DealStatus; amount: string | null; currency: string;
  expected_close_date: string | null; owner_id: string | null; company_id: string | null; company_name?: string | null; lost_reason: string | null;
  closed_at: Date | null; stage_entered_at: Date; custom: CustomValues; created_at: Date; updated_at: Date;
};

function toDeal(row: DealRow): Deal {
  return {
    id: row.id, name: row.name, pipelineId: row.pipeline_id, stageId: row.stage_id, status: row.status,
    amount: row.amount === null ? null : Number(row.amount), currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    ownerId: row.owner_id, companyId: row.company_id, companyName: row.company_name ?? null, lostReason: row.lost_reason, closedAt: row.closed_at,
    stageEnteredAt: row.stage_entered_at, custom: row.custom, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

async function dealRow(db: DbOrTx, workspaceId: string, id: string) {
  const liveId = await resolveId(db, workspaceId, 'deal', id);
  const row = await db.selectFrom('deals')
    .leftJoin('companies', (join) => join.onRef('companies.workspace_id', '=', 'deals.workspace_id').onRef('companies.id', '=', 'deals.company_id'))
    .selectAll('deals').select('companies.name as company_name')
    .where('deals.workspace_id', '=', workspaceId).where('deals.id', '=', liveId).executeTakeFirst();
  if (!row) throw notFound('Deal');
  return row as DealRow;
}

export async function getDeal(db: DbOrTx, workspaceId: string, id: string) {
  const deal = toDeal(await dealRow(db, workspaceId, id));
  const [contacts, stageHistory] = await Promise.all([
    db.selectFrom('deal_contacts').select(['contact_id as contactId', 'role', 'added_at as addedAt'])
      .where('workspace_id', '=', workspaceId).where('deal_id', '=', deal.id).orderBy('added_at').execute(),
    db.selectFrom('deal_stage_history').innerJoin('pipeline_stages', (join) => join
      .onRef('pipeline_stages.workspace_id', '=', 'deal_stage_history.workspace_id').onRef('pipeline_stages.id', '=', 'deal_stage_history.stage_id'))
      .select(['deal_stage_history.stage_id as stageId', 'pipeline_stages.name as stageName', 'deal_stage_history.entered_at as enteredAt',
        'deal_stage_history.left_at as leftAt', 'deal_stage_history.moved_by as movedBy'])
      .where('deal_stage_history.workspace_id', '=', workspaceId).where('deal_stage_history.deal_id', '=', deal.id)
      .orderBy('deal_stage_history.entered_at').execute(),
  ]);
  return { ...deal, contacts, stageHistory };
}

function checkCloseDate(value: string | null | undefined) {
  if (value && !isIsoDate(value)) {
    throw badRequest('expectedCloseDate must be a date as YYYY-MM-DD', 'expectedCloseDate');
  }
}

export async function createDeal(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: DealInput & { contacts?: { contactId: string; role?: BuyingRole | null }[] }) {
  if (!input.name?.trim()) throw badRequest('name is required', 'name');
  const pipelines = await listPipelines(db, clock, workspaceId);
  const pipeline = input.pipelineId ? pipelines.find((p) => p.id === input.pipelineId) : pipelines[0];
  if (!pipeline) throw badRequest('pipelineId is not a pipeline of this workspace', 'pipelineId');
  const stage = input.stageId ? pipeline.stages.find((s) => s.id === input.stageId) : pipeline.stages.find((s) => s.kind === 'open');
  if (!stage) throw badRequest('stageId is not a stage of that pipeline', 'stageId');
  if (stage.kind === 'lost' && !input.lostReason?.trim()) throw badRequest('a lost deal needs a lostReason', 'lostReason');
  checkCloseDate(input.expectedCloseDate);
  await checkOwner(db, workspaceId, input.ownerId);
  let companyId = input.companyId ? (await getCompany(db, workspaceId, input.companyId)).id : null;
  // A deal with people on it but no company belongs to the first person's company.
  const firstContact = input.contacts?.[0];
  if (input.companyId === undefined && firstContact) {
    companyId = (await getContact(db, workspaceId, firstContact.contactId).catch(() => { throw badRequest('contactId is not a contact of this workspace', 'contacts.0.contactId'); })).companyId;
  }
  const custom = validateCustomValues(await listCustomFields(db, workspaceId, 'deal'), input.custom ?? {}, { requireAll: true });
  const now = clock.now();
  const row = await db.insertInto('deals').values({
    workspace_id: workspaceId, name: input.name.trim(), pipeline_id: pipeline.id, stage_id: stage.id, status: stage.kind,
    amount: input.amount === null || input.amount === undefined ? null : String(input.amount), currency: input.currency ?? 'EUR',
    expected_close_date: input.expectedCloseDate ?? null, owner_id: input.ownerId ?? null, company_id: companyId,
    lost_reason: stage.kind === 'lost' ? input.lostReason!.trim() : null, closed_at: stage.kind === 'open' ? null : now,
    stage_entered_at: now, custom: JSON.stringify(custom.set) as never, created_at: now, updated_at: now,
  }).returningAll().executeTakeFirstOrThrow();
  await db.insertInto('deal_stage_history').values({ workspace_id: workspaceId, deal_id: row.id, stage_id: stage.id, entered_at: now, moved_by: actor.label }).execute();
  await recordTouchpoint(db, clock, {
    workspaceId, kind: 'deal.created', dealId: row.id, companyId, actor, source: { type: 'deal', id: row.id },
    data: { name: row.name, stage: stage.name, amount: input.amount ?? null, currency: row.currency },
  });
  for (const link of input.contacts ?? []) await linkContact(db, clock, workspaceId, actor, row.id, link.contactId, link.role ?? null);
  return getDeal(db, workspaceId, row.id);
}

/**
 * Updates a deal. Moving it to another stage closes the stay in the old stage (time in stage)
 * and sets its status from the stage: a won stage wins it, a lost stage needs a reason.
 */
export async function updateDeal(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: DealInput) {
  const before = toDeal(await dealRow(db, workspaceId, id));
  if (input.name !== undefined && !input.name.trim()) throw badRequest('name must not be empty', 'name');
  checkCloseDate(input.expectedCloseDate);
  await checkOwner(db, workspaceId, input.ownerId);
  const companyId = input.companyId ? (await getCompany(db, workspaceId, input.companyId)).id : input.companyId;
  const now = clock.now();
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined) changes.name = input.name.trim();
  if (input.amount !== undefined) changes.amount = input.amount === null ? null : String(input.amount);
  if (input.currency !== undefined) changes.currency = input.currency;
  if (input.expectedCloseDate !== undefined) changes.expected_close_date = input.expectedCloseDate;
  if (input.ownerId !== undefined) changes.owner_id = input.ownerId;
  if (companyId !== undefined) changes.company_id = companyId;
  if (input.custom !== undefined) {
    const custom = validateCustomValues(await listCustomFields(db, workspaceId, 'deal'), input.custom, { requireAll: false });
    const next = { ...before.custom, ...custom.set };
    for (const key of custom.remove) delete next[key];
    changes.custom = JSON.stringify(next);
  }

  const stageId = input.stageId ?? (input.pipelineId && input.pipelineId !== before.pipelineId ? undefined : before.stageId);
  let moved: { from: string; to: string; kind: string } | null = null;
  if (input.pipelineId && input.pipelineId !== before.pipelineId && !input.stageId) throw badRequest('moving to another pipeline needs a stageId', 'stageId');
  if (stageId && stageId !== before.stageId) {
    const [from, to] = await Promise.all([getStage(db, workspaceId, before.stageId), getStage(db, workspaceId, stageId).catch(() => {
      throw badRequest('stageId is not a stage of this workspace', 'stageId');
    })]);
    if (input.pipelineId && to.pipeline_id !== input.pipelineId) throw badRequest('stageId is not a stage of that pipeline', 'stageId');
    if (to.kind === 'lost' && !input.lostReason?.trim()) throw badRequest('say why the deal was lost: lostReason is required', 'lostReason');
    Object.assign(changes, {
      pipeline_id: to.pipeline_id, stage_id: to.id, status: to.kind, stage_entered_at: now,
      closed_at: to.kind === 'open' ? null : now, lost_reason: to.kind === 'lost' ? input.lostReason!.trim() : null,
    });
    await db.updateTable('deal_stage_history').set({ left_at: now })
      .where('workspace_id', '=', workspaceId).where('deal_id', '=', before.id).where('left_at', 'is', null).execute();
    await db.insertInto('deal_stage_history').values({ workspace_id: workspaceId, deal_id: before.id, stage_id: to.id, entered_at: now, moved_by: actor.label }).execute();
    moved = { from: from.name, to: to.name, kind: to.kind };
  } else if (input.lostReason !== undefined && before.status === 'lost') {
    if (!input.lostReason?.trim()) throw badRequest('a lost deal keeps a lostReason', 'lostReason');
    changes.lost_reason = input.lostReason.trim();
  }
  if (!Object.keys(changes).length) return getDeal(db, workspaceId, before.id);
  await db.updateTable('deals').set({ ...changes, updated_at: now } as never)
    .where('workspace_id', '=', workspaceId).where('id', '=', before.id).execute();
  const after = toDeal(await dealRow(db, workspaceId, before.id));
  if (moved) {
    const kind = moved.kind === 'won' ? 'deal.won' : moved.kind === 'lost' ? 'deal.lost' : 'deal.stage_changed';
    await recordTouchpoint(db, clock, {
      workspaceId, kind, dealId: after.id, companyId: after.companyId, actor, source: { type: 'deal', id: after.id },
      data: { name: after.name, from: moved.from, to: moved.to, amount: after.amount, currency: after.currency, lostReason: after.lostReason },
    });
  }
  const fieldChanges = Object.keys(changes).filter((k) => !['stage_id', 'pipeline_id', 'status', 'stage_entered_at', 'closed_at', 'lost_reason'].includes(k));
  if (fieldChanges.length) {
    await recordTouchpoint(db, clock, {
      workspaceId, kind: 'record.updated', dealId: after.id, companyId: after.companyId, actor, source: { type: 'deal', id: after.id },
      data: { changes: fieldChanges.map((field) => ({ field, old: (before as unknown as Record<string, unknown>)[camel(field)] ?? null, new: (after as unknown as Record<string, unknown>)[camel(field)] ?? null })) },
    });
  }
  return getDeal(db, workspaceId, after.id);
}

function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export async function deleteDeal(db: DbOrTx, workspaceId: string, id: string): Promise<void> {
  const row = await dealRow(db, workspaceId, id);
  await db.deleteFrom('deals').where('workspace_id', '=', workspaceId).where('id', '=', row.id).execute();
}

/** Puts a contact on a deal with a buying role (or changes the role); the contact's timeline shows it. */
export async function linkContact(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, dealId: string, contactId: string, role: BuyingRole | null) {
  const deal = await dealRow(db, workspaceId, dealId);
  const contact = await getContact(db, workspaceId, contactId).catch(() => { throw badRequest('contactId is not a contact of this workspace', 'contactId'); });
  const inserted = await db.insertInto('deal_contacts')
    .values({ workspace_id: workspaceId, deal_id: deal.id, contact_id: contact.id, role, added_at: clock.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'deal_id', 'contact_id']).doUpdateSet({ role }))
    .returning(sql<boolean>`(xmax = 0)`.as('isNew')).executeTakeFirstOrThrow();
  if (inserted.isNew) {
    await recordTouchpoint(db, clock, {
      workspaceId, kind: 'deal.contact_added', contactId: contact.id, dealId: deal.id, actor,
      source: { type: 'deal', id: deal.id }, data: { deal: deal.name, role },
    });
  }
}

export async function unlinkContact(db: DbOrTx, workspaceId: string, dealId: string, contactId: string) {
  const deal = await dealRow(db, workspaceId, dealId);
  const removed = await db.deleteFrom('deal_contacts')
    .where('workspace_id', '=', workspaceId).where('deal_id', '=', deal.id).where('contact_id', '=', contactId).executeTakeFirst();
  if (!removed.numDeletedRows) throw notFound('Contact on this deal');
}

export interface DealListQuery {
  pipelineId?: string;
  stageId?: string;
  status?: DealStatus;
  ownerId?: string;
  companyId?: string;
  contactId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Deals for the board and lists, most recently updated first. */
export async function listDeals(db: DbOrTx, workspaceId: string, query: DealListQuery) {
  let select = db.selectFrom('deals')
    .leftJoin('companies', (join) => join.onRef('companies.workspace_id', '=', 'deals.workspace_id').onRef('companies.id', '=', 'deals.company_id'))
    .selectAll('deals').select('companies.name as company_name')
    .where('deals.workspace_id', '=', workspaceId);
  if (query.pipelineId) select = select.where('deals.pipeline_id', '=', query.pipelineId);
  if (query.stageId) select = select.where('deals.stage_id', '=', query.stageId);
  if (query.status) select = select.where('deals.status', '=', query.status);
  if (query.ownerId) select = select.where('deals.owner_id', '=', query.ownerId);
  if (query.companyId) select = select.where('deals.company_id', '=', query.companyId);
  if (query.q) select = select.where(sql<boolean>`deals.name ilike ${`%${escapeLike(query.q)}%`}`);
  if (query.contactId) {
    const contactId = query.contactId;
    select = select.where('deals.id', 'in', (eb) => eb.selectFrom('deal_contacts').select('deal_contacts.deal_id')
      .where('deal_contacts.workspace_id', '=', workspaceId).where('deal_contacts.contact_id', '=', contactId));
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    select = select.where(sql<boolean>`(deals.updated_at, deals.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await select.orderBy('deals.updated_at', 'desc').orderBy('deals.id', 'desc').limit(query.limit + 1).execute();
  const items = rows.slice(0, query.limit).map((row) => toDeal(row as DealRow));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.updatedAt, last.id) : null,
  };
}

/** Deals whose name is close to the query (trigram word similarity on the GIN index), best first. */
export async function searchDeals(db: DbOrTx, workspaceId: string, query: string, limit: number) {
  const q = query.trim().toLowerCase();
  const { rows } = await sql<{ id: string; title: string; subtitle: string | null; score: number }>`
    select id, name as title, status::text as subtitle, word_similarity(${q}, name) as score
      from deals
     where workspace_id = ${workspaceId} and (name ilike ${`%${escapeLike(q)}%`} or ${q} <% name)
     order by score desc, updated_at desc
     limit ${limit}`.execute(db);
  return rows.map((row) => ({ type: 'deal' as const, ...row, score: Number(row.score) }));
}
