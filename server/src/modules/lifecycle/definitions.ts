import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import type { Role } from '../../platform/http/access.js';
import { type AuditActor, listMembers, recordAudit } from '../accounts/index.js';
import { checkCondition, type Condition, DefinitionError } from '../segments/index.js';
import type { ApprovalSide, DefinitionStatus } from './tables.js';
import { teamExists } from './teams.js';

/**
 * The lead definition both sides sign: when a contact becomes an MQL (score thresholds and
 * required conditions in the segment language), how long sales has to answer (SLA), and who
 * gets the lead (routing). Versioned; a draft goes live when one marketer and one sales user
 * have approved it, and the live version it replaces is retired.
 */
export interface LeadCriteria {
  fitMin: number;
  engagementMin: number;
  /** Further conditions a lead must meet (e.g. country in the sales territory), or null. */
  conditions: Condition | null;
}

export interface RoutingRule {
  name: string;
  condition: Condition;
  teamId: string;
}

export interface Routing {
  /** The company's account owner gets its leads before any rule. */
  accountOwnerFirst: boolean;
  rules: RoutingRule[];
  fallbackTeamId: string | null;
}

export interface DefinitionInput {
  criteria: { fitMin: number; engagementMin: number; conditions?: unknown };
  slaHours?: number;
  routing: { accountOwnerFirst?: boolean; rules?: { name: string; condition: unknown; teamId: string }[]; fallbackTeamId?: string | null };
  notes?: string | null;
}

export interface Approval {
  userId: string;
  name: string;
  side: ApprovalSide;
  approvedAt: Date;
}

export interface LeadDefinition {
  id: string;
  version: number;
  status: DefinitionStatus;
  criteria: LeadCriteria;
  slaHours: number;
  routing: Routing;
  notes: string | null;
  createdBy: string | null;
  createdAt: Date;
  liveAt: Date | null;
  retiredAt: Date | null;
  approvals: Approval[];
  /** The sides still to approve a draft. */
  awaiting: ApprovalSide[];
}

const sideOfRole: Partial<Record<Role, ApprovalSide>> = { marketer: 'marketing', sales: 'sales' };
const sides: ApprovalSide[] = ['marketing', 'sales'];

async function checked<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DefinitionError) throw badRequest(error.message, error.path);
    throw error;
  }
}

async function checkInput(db: DbOrTx, workspaceId: string, input: DefinitionInput) {
  const { fitMin, engagementMin } = input.criteria;
  if (fitMin < 0 && engagementMin < 0) throw badRequest('set at least one threshold', 'criteria');
  const conditions = input.criteria.conditions == null ? null
    : (await checked(() => checkCondition(db, workspaceId, input.criteria.conditions, 'criteria.conditions'))).condition;
  const rules: RoutingRule[] = [];
  for (const [index, rule] of (input.routing.rules ?? []).entries()) {
    const condition = (await checked(() => checkCondition(db, workspaceId, rule.condition, `routing.rules[${index}].condition`))).condition;
    if (!(await teamExists(db, workspaceId, rule.teamId))) throw badRequest('not a team of this workspace', `routing.rules[${index}].teamId`);
    rules.push({ name: rule.name.trim(), condition, teamId: rule.teamId });
  }
  const fallbackTeamId = input.routing.fallbackTeamId ?? null;
  if (fallbackTeamId && !(await teamExists(db, workspaceId, fallbackTeamId))) throw badRequest('not a team of this workspace', 'routing.fallbackTeamId');
  return {
    criteria: { fitMin, engagementMin, conditions } satisfies LeadCriteria,
    routing: { accountOwnerFirst: input.routing.accountOwnerFirst ?? true, rules, fallbackTeamId } satisfies Routing,
  };
}

export async function listDefinitions(db: DbOrTx, workspaceId: string, options: { id?: string; live?: boolean } = {}): Promise<LeadDefinition[]> {
  let query = db.selectFrom('lead_definitions').selectAll().where('workspace_id', '=', workspaceId);
  if (options.id) query = query.where('id', '=', options.id);
  if (options.live) query = query.where('status', '=', 'live');
  const rows = await query.orderBy('version', 'desc').execute();
  if (!rows.length) return [];
  const approvals = await db.selectFrom('lead_definition_approvals').innerJoin('users', 'users.id', 'lead_definition_approvals.user_id')
    .select(['definition_id', 'user_id', 'users.name', 'side', 'approved_at'])
    .where('lead_definition_approvals.workspace_id', '=', workspaceId).where('definition_id', 'in', rows.map((row) => row.id)).orderBy('approved_at').orderBy('side').execute();
  return rows.map((row) => {
    const approved = approvals.filter((approval) => approval.definition_id === row.id)
      .map((approval) => ({ userId: approval.user_id, name: approval.name, side: approval.side, approvedAt: approval.approved_at }));
    return {
      id: row.id, version: row.version, status: row.status, criteria: row.criteria as LeadCriteria, slaHours: row.sla_hours, routing: row.routing as Routing,
      notes: row.notes, createdBy: row.created_by, createdAt: row.created_at, liveAt: row.live_at, retiredAt: row.retired_at, approvals: approved,
      awaiting: row.status === 'draft' ? sides.filter((side) => !approved.some((approval) => approval.side === side)) : [],
    };
  });
}

export async function getDefinition(db: DbOrTx, workspaceId: string, id: string): Promise<LeadDefinition> {
  const [definition] = await listDefinitions(db, workspaceId, { id });
  if (!definition) throw notFound('lead definition');
  return definition;
}

export async function liveDefinition(db: DbOrTx, workspaceId: string): Promise<LeadDefinition | null> {
  const [live] = await listDefinitions(db, workspaceId, { live: true });
  return live ?? null;
}

/** A draft no one can approve would wait forever: both sides must exist in the workspace first. */
async function checkApproversExist(db: DbOrTx, workspaceId: string) {
  const members = await listMembers(db, workspaceId);
  for (const side of sides) {
    if (!members.some((member) => sideOfRole[member.role as Role] === side)) {
      const role = side === 'marketing' ? 'marketer' : 'sales';
      throw conflict(`no one in this workspace has the ${role} role to approve a lead definition for ${side}; invite one first`, 'approvers');
    }
  }
}

export async function createDraft(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, input: DefinitionInput): Promise<LeadDefinition> {
  await checkApproversExist(db, workspaceId);
  const { criteria, routing } = await checkInput(db, workspaceId, input);
  const latest = await db.selectFrom('lead_definitions').select((eb) => eb.fn.max('version').as('version')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  const row = await db.insertInto('lead_definitions').values({
    workspace_id: workspaceId, version: (latest?.version ?? 0) + 1, status: 'draft', criteria: JSON.stringify(criteria), sla_hours: input.slaHours ?? 48,
    routing: JSON.stringify(routing), notes: input.notes ?? null, created_by: actor.type === 'user' ? actor.id : null, created_at: clock.now(),
  }).returning(['id', 'version']).executeTakeFirstOrThrow();
  await recordAudit(db, clock, { workspaceId, actor, action: 'lead_definition.drafted', target: { type: 'lead_definition', id: row.id }, data: { version: row.version } });
  return getDefinition(db, workspaceId, row.id);
}

/** Editing a draft withdraws its approvals: each side approves what it read. */
export async function updateDraft(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string, input: DefinitionInput): Promise<LeadDefinition> {
  const definition = await getDefinition(db, workspaceId, id);
  if (definition.status !== 'draft') throw conflict(`version ${definition.version} is ${definition.status}; draft a new version to change it`, 'status');
  const { criteria, routing } = await checkInput(db, workspaceId, input);
  await db.updateTable('lead_definitions').set({
    criteria: JSON.stringify(criteria), routing: JSON.stringify(routing), sla_hours: input.slaHours ?? definition.slaHours, notes: input.notes ?? definition.notes,
  }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await db.deleteFrom('lead_definition_approvals').where('workspace_id', '=', workspaceId).where('definition_id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'lead_definition.edited', target: { type: 'lead_definition', id }, data: { version: definition.version } });
  return getDefinition(db, workspaceId, id);
}

export async function withdrawDraft(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, id: string): Promise<void> {
  const definition = await getDefinition(db, workspaceId, id);
  if (definition.status !== 'draft') throw conflict(`version ${definition.version} is ${definition.status}: only a draft can be withdrawn`, 'status');
  await db.deleteFrom('lead_definitions').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  await recordAudit(db, clock, { workspaceId, actor, action: 'lead_definition.withdrawn', target: { type: 'lead_definition', id }, data: { version: definition.version } });
}

/**
 * One approval by a person of the marketing or the sales side. The second side's approval
 * makes the draft live and retires the version it replaces, in the same transaction.
 */
export async function approveDefinition(
  db: DbOrTx, clock: Clock, workspaceId: string, person: { userId: string; role: Role; label: string }, id: string,
): Promise<LeadDefinition> {
  const definition = await getDefinition(db, workspaceId, id);
  if (definition.status !== 'draft') throw conflict(`version ${definition.version} is already ${definition.status}`, 'status');
  const side = sideOfRole[person.role];
  if (!side) throw forbidden('only a person with the marketer or the sales role approves a lead definition');
  if (definition.approvals.some((approval) => approval.userId === person.userId)) throw conflict('you have already approved this version', 'approvals');
  const sameSide = definition.approvals.find((approval) => approval.side === side);
  if (sameSide) throw conflict(`${side} has already approved this version (${sameSide.name}); it now needs the other side`, 'approvals');
  const now = clock.now();
  await db.insertInto('lead_definition_approvals').values({ workspace_id: workspaceId, definition_id: id, user_id: person.userId, side, approved_at: now }).execute();
  const actor: AuditActor = { type: 'user', id: person.userId, label: person.label };
  await recordAudit(db, clock, { workspaceId, actor, action: 'lead_definition.approved', target: { type: 'lead_definition', id }, data: { version: definition.version, side } });
  if (definition.awaiting.length === 1) {
    await db.updateTable('lead_definitions').set({ status: 'retired', retired_at: now }).where('workspace_id', '=', workspaceId).where('status', '=', 'live').execute();
    await db.updateTable('lead_definitions').set({ status: 'live', live_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    await recordAudit(db, clock, { workspaceId, actor, action: 'lead_definition.live', target: { type: 'lead_definition', id }, data: { version: definition.version } });
  }
  return getDefinition(db, workspaceId, id);
}
