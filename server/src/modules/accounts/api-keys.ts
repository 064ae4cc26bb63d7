import type { Clock } from '../../platform/clock.js';
import type { Db, DbOrTx } from '../../platform/db/database.js';
import type { Role, WorkspaceAccess } from '../../platform/http/access.js';
import { notFound } from '../../platform/http/errors.js';
import { mintToken, parseToken } from '../../platform/security/tokens.js';
import { type AuditActor, recordAudit } from './audit.js';
import type { ApiKeyKind } from './tables.js';

export interface ApiKeyView {
  id: string;
  name: string;
  kind: ApiKeyKind;
  role: Role;
  prefix: string;
  publicKey: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: string | null;
}

// `last_used_at` is refreshed at most this often, so a busy key costs no write per request.
const lastUsedResolutionMs = 60_000;

export async function createApiKey(
  db: DbOrTx, clock: Clock,
  input: { workspaceId: string; kind: ApiKeyKind; name: string; role?: Role; actor: AuditActor; createdBy?: string | null; ip?: string | null },
): Promise<ApiKeyView & { key: string }> {
  const minted = mintToken(input.kind === 'secret' ? 'sk' : 'wk', input.workspaceId);
  // A write key only sends tracking data; it never acts with a role on the API.
  const role: Role = input.kind === 'secret' ? input.role ?? 'admin' : 'viewer';
  const row = await db
    .insertInto('api_keys')
    .values({
      workspace_id: input.workspaceId, kind: input.kind, name: input.name.trim(), role,
      key_hash: minted.hash, prefix: minted.prefix,
      public_key: input.kind === 'write' ? minted.token : null,
      created_by: input.createdBy ?? null, created_at: clock.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(db, clock, {
    workspaceId: input.workspaceId, actor: input.actor, action: 'api_key.created',
    target: { type: 'api_key', id: row.id }, data: { name: row.name, kind: row.kind, role }, ip: input.ip,
  });
  return { ...toView(row), key: minted.token };
}

export async function listApiKeys(db: DbOrTx, workspaceId: string): Promise<ApiKeyView[]> {
  const rows = await db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at', 'desc').execute();
  return rows.map(toView);
}

export async function revokeApiKey(
  db: Db, clock: Clock,
  input: { workspaceId: string; id: string; actor: AuditActor; ip?: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('api_keys')
      .set({ revoked_at: clock.now() })
      .where('workspace_id', '=', input.workspaceId).where('id', '=', input.id).where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound('Active API key');
    await recordAudit(trx, clock, {
      workspaceId: input.workspaceId, actor: input.actor, action: 'api_key.revoked',
      target: { type: 'api_key', id: row.id }, data: { name: row.name }, ip: input.ip,
    });
  });
}

/** The workspace and role a presented key acts with, or null when unknown or revoked. */
export async function resolveApiKey(db: DbOrTx, clock: Clock, key: string, kind: ApiKeyKind): Promise<WorkspaceAccess | null> {
  const parsed = parseToken(key, kind === 'secret' ? 'sk' : 'wk');
  if (!parsed) return null;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'last_used_at'])
    .where('workspace_id', '=', parsed.workspaceId)
    .where('key_hash', '=', parsed.hash)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  const now = clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > lastUsedResolutionMs) {
    await db.updateTable('api_keys').set({ last_used_at: now })
      .where('workspace_id', '=', parsed.workspaceId).where('id', '=', row.id).execute();
  }
  return { workspaceId: parsed.workspaceId, role: row.role, actor: { type: 'api_key', id: row.id, label: row.name } };
}

function toView(row: {
  id: string; name: string; kind: ApiKeyKind; role: Role; prefix: string; public_key: string | null;
  created_at: Date; last_used_at: Date | null; revoked_at: Date | null; created_by: string | null;
}): ApiKeyView {
  return {
    id: row.id, name: row.name, kind: row.kind, role: row.role, prefix: row.prefix, publicKey: row.public_key,
    createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at, createdBy: row.created_by,
  };
}
