import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/http/access.js';
import { hashToken, mintSessionToken } from '../../platform/security/tokens.js';

const sessionLifetimeMs = 14 * 24 * 3600_000;
// Sliding expiry is written at most this often, not on every request.
const touchIntervalMs = 3600_000;

export async function createSession(
  db: DbOrTx, clock: Clock,
  input: { userId: string; workspaceId: string | null; ip?: string | null; userAgent?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = mintSessionToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hash, user_id: input.userId, workspace_id: input.workspaceId,
      created_at: now, last_seen_at: now, expires_at: expiresAt,
      ip: input.ip ?? null, user_agent: input.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

/** The person behind a session cookie, with their role in the workspace they have open. */
export async function resolveSession(db: DbOrTx, clock: Clock, token: string): Promise<SessionUser | null> {
  const hash = hashToken(token);
  const now = clock.now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.workspace_id', '=', 'sessions.workspace_id').onRef('memberships.user_id', '=', 'sessions.user_id'))
    .select(['sessions.user_id', 'users.email', 'sessions.workspace_id', 'memberships.role', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', hash)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  if (now.getTime() - row.last_seen_at.getTime() > touchIntervalMs) {
    await db.updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + sessionLifetimeMs) })
      .where('token_hash', '=', hash).execute();
  }
  return {
    userId: row.user_id,
    email: row.email,
    tokenHash: hash,
    workspaceId: row.role ? row.workspace_id : null,
    role: row.role ?? null,
  };
}

export async function setSessionWorkspace(db: DbOrTx, tokenHash: Buffer, workspaceId: string): Promise<void> {
  await db.updateTable('sessions').set({ workspace_id: workspaceId }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: DbOrTx, tokenHash: Buffer): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function purgeExpiredSessions(db: DbOrTx, clock: Clock): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', clock.now()).execute();
}
