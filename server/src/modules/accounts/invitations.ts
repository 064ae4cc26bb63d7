import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import type { Role } from '../../platform/http/access.js';
import { conflict, httpError, notFound } from '../../platform/http/errors.js';
import { verifyPassword } from '../../platform/security/passwords.js';
import { mintToken, parseToken } from '../../platform/security/tokens.js';
import { type AuditActor, recordAudit } from './audit.js';
import { normaliseEmail } from '../../platform/text.js';
import { addMember, createUser, findUserByEmail } from './workspaces.js';

const invitationLifetimeMs = 7 * 24 * 3600_000;

/**
 * Invites a person by email. There is no mail channel yet, so the admin receives the link
 * to pass on; the token in it is stored only as a hash.
 */
export async function createInvitation(
  db: Db, clock: Clock,
  input: { workspaceId: string; email: string; role: Role; invitedBy: string | null; actor: AuditActor; ip?: string | null },
) {
  const email = normaliseEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const alreadyMember = await trx
      .selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
      .select('users.id')
      .where('memberships.workspace_id', '=', input.workspaceId)
      .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email))
      .executeTakeFirst();
    if (alreadyMember) throw conflict('This person is already a member of the workspace', 'email');
    const minted = mintToken('inv', input.workspaceId);
    const now = clock.now();
    const row = await trx
      .insertInto('invitations')
      .values({
        workspace_id: input.workspaceId, email, role: input.role, token_hash: minted.hash,
        invited_by: input.invitedBy, created_at: now, expires_at: new Date(now.getTime() + invitationLifetimeMs),
      })
      .returning(['id', 'email', 'role', 'expires_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, clock, {
      workspaceId: input.workspaceId, actor: input.actor, action: 'invitation.created',
      target: { type: 'invitation', id: row.id }, data: { email, role: input.role }, ip: input.ip,
    });
    return { id: row.id, email: row.email, role: row.role, expiresAt: row.expires_at, token: minted.token };
  });
}

export async function listPendingInvitations(db: DbOrTx, clock: Clock, workspaceId: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .select(['invitations.id', 'invitations.email', 'invitations.role', 'users.email as invitedBy',
      'invitations.created_at as createdAt', 'invitations.expires_at as expiresAt'])
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', clock.now())
    .orderBy('invitations.created_at', 'desc')
    .execute();
}

export async function revokeInvitation(
  db: Db, clock: Clock, input: { workspaceId: string; id: string; actor: AuditActor; ip?: string | null },
) {
  await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('invitations').set({ revoked_at: clock.now() })
      .where('workspace_id', '=', input.workspaceId).where('id', '=', input.id)
      .where('accepted_at', 'is', null).where('revoked_at', 'is', null)
      .returning(['id', 'email']).executeTakeFirst();
    if (!row) throw notFound('Pending invitation');
    await recordAudit(trx, clock, {
      workspaceId: input.workspaceId, actor: input.actor, action: 'invitation.revoked',
      target: { type: 'invitation', id: row.id }, data: { email: row.email }, ip: input.ip,
    });
  });
}

async function findOpenInvitation(db: DbOrTx, clock: Clock, token: string) {
  const parsed = parseToken(token, 'inv');
  if (!parsed) return null;
  return db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .select(['invitations.workspace_id', 'invitations.id', 'invitations.email', 'invitations.role', 'workspaces.name as workspaceName'])
    .where('invitations.workspace_id', '=', parsed.workspaceId)
    .where('invitations.token_hash', '=', parsed.hash)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', clock.now())
    .executeTakeFirst();
}

export async function describeInvitation(db: DbOrTx, clock: Clock, token: string) {
  const invitation = await findOpenInvitation(db, clock, token);
  if (!invitation) throw notFound('Invitation (it may have expired or been used)');
  return {
    email: invitation.email,
    role: invitation.role,
    workspaceName: invitation.workspaceName,
    userExists: Boolean(await findUserByEmail(db, invitation.email)),
  };
}

/**
 * Accepts an invitation: a new person sets their name and password; a person who already
 * has an account proves it with their password. Either way they join with the invited role.
 */
export async function acceptInvitation(
  db: Db, clock: Clock, input: { token: string; name?: string; password: string; ip?: string | null },
): Promise<{ userId: string; workspaceId: string }> {
  return db.transaction().execute(async (trx) => {
    const invitation = await findOpenInvitation(trx, clock, input.token);
    if (!invitation) throw notFound('Invitation (it may have expired or been used)');
    const existing = await findUserByEmail(trx, invitation.email);
    let userId: string;
    if (existing) {
      if (!(await verifyPassword(input.password, existing.password_hash))) {
        throw httpError(401, 'Wrong password for the existing account');
      }
      userId = existing.id;
    } else {
      userId = (await createUser(trx, { email: invitation.email, name: input.name, password: input.password })).id;
    }
    const claimed = await trx.updateTable('invitations').set({ accepted_at: clock.now() })
      .where('workspace_id', '=', invitation.workspace_id).where('id', '=', invitation.id).where('accepted_at', 'is', null)
      .returning('id').executeTakeFirst();
    if (!claimed) throw conflict('This invitation was accepted already');
    await addMember(trx, clock, {
      workspaceId: invitation.workspace_id, userId, role: invitation.role,
      actor: { type: 'user', id: userId, label: invitation.email }, ip: input.ip,
    });
    return { userId, workspaceId: invitation.workspace_id };
  });
}
