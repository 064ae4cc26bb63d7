import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import type { Role } from '../../platform/http/access.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { hashPassword, minPasswordLength } from '../../platform/security/passwords.js';
import { normaliseEmail } from '../../platform/text.js';
import { type AuditActor, recordAudit } from './audit.js';

export interface WorkspaceSummary {
  id: string;
  name: string;
  role: Role;
}

export async function createWorkspace(db: DbOrTx, name: string): Promise<{ id: string; name: string }> {
  const trimmed = name.trim();
  if (!trimmed) throw badRequest('name must not be empty', 'name');
  return db.insertInto('workspaces').values({ name: trimmed }).returning(['id', 'name']).executeTakeFirstOrThrow();
}

export async function getWorkspace(db: DbOrTx, workspaceId: string) {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!row) throw notFound('Workspace');
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function workspacesOfUser(db: DbOrTx, userId: string): Promise<WorkspaceSummary[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .execute();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function checkPassword(password: string, field = 'password') {
  if (password.length < minPasswordLength) {
    throw badRequest(`${field} must be at least ${minPasswordLength} characters`, field);
  }
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', normaliseEmail(email)))
    .executeTakeFirst();
}

/** Creates a person who can sign in. Emails are unique regardless of case. */
export async function createUser(db: DbOrTx, input: { email: string; name?: string; password: string }) {
  checkPassword(input.password);
  if (await findUserByEmail(db, input.email)) throw conflict('A user with this email already exists', 'email');
  return db
    .insertInto('users')
    .values({ email: normaliseEmail(input.email), name: input.name?.trim() ?? '', password_hash: await hashPassword(input.password) })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow();
}

export async function addMember(
  db: DbOrTx, clock: Clock,
  input: { workspaceId: string; userId: string; role: Role; actor: AuditActor; ip?: string | null },
) {
  await db
    .insertInto('memberships')
    .values({ workspace_id: input.workspaceId, user_id: input.userId, role: input.role })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role: input.role }))
    .execute();
  await recordAudit(db, clock, {
    workspaceId: input.workspaceId, actor: input.actor, action: 'member.added',
    target: { type: 'user', id: input.userId }, data: { role: input.role }, ip: input.ip,
  });
}

export async function listMembers(db: DbOrTx, workspaceId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as userId', 'users.email', 'users.name', 'memberships.role', 'memberships.created_at as joinedAt'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
  return rows;
}

/** Counts admins, locking their rows so two concurrent demotions cannot both pass. */
async function adminCount(db: DbOrTx, workspaceId: string): Promise<number> {
  const admins = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'admin')
    .forUpdate()
    .execute();
  return admins.length;
}

/** Changes a member's role; a workspace always keeps at least one admin. */
export async function changeMemberRole(
  db: Db, clock: Clock,
  input: { workspaceId: string; userId: string; role: Role; actor: AuditActor; ip?: string | null },
) {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships').select('role')
      .where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId)
      .forUpdate().executeTakeFirst();
    if (!current) throw notFound('Member');
    if (current.role === 'admin' && input.role !== 'admin' && (await adminCount(trx, input.workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one admin', 'role');
    }
    await trx.updateTable('memberships').set({ role: input.role })
      .where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId).execute();
    await recordAudit(trx, clock, {
      workspaceId: input.workspaceId, actor: input.actor, action: 'member.role_changed',
      target: { type: 'user', id: input.userId }, data: { from: current.role, to: input.role }, ip: input.ip,
    });
    return (await listMembers(trx, input.workspaceId)).find((m) => m.userId === input.userId)!;
  });
}

export async function removeMember(
  db: Db, clock: Clock,
  input: { workspaceId: string; userId: string; actor: AuditActor; ip?: string | null },
) {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('memberships').select('role')
      .where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId)
      .forUpdate().executeTakeFirst();
    if (!current) throw notFound('Member');
    if (current.role === 'admin' && (await adminCount(trx, input.workspaceId)) <= 1) {
      throw conflict('A workspace needs at least one admin');
    }
    await trx.deleteFrom('memberships')
      .where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId).execute();
    // Sessions that had this workspace open lose it at once.
    await trx.updateTable('sessions').set({ workspace_id: null })
      .where('user_id', '=', input.userId).where('workspace_id', '=', input.workspaceId).execute();
    await recordAudit(trx, clock, {
      workspaceId: input.workspaceId, actor: input.actor, action: 'member.removed',
      target: { type: 'user', id: input.userId }, data: { role: current.role }, ip: input.ip,
    });
  });
}

/** Whether a user may own records in a workspace (is a member of it). */
export async function isMember(db: DbOrTx, workspaceId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('memberships').select('user_id')
    .where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  return Boolean(row);
}
