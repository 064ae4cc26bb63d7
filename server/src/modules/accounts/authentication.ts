import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Authenticator, SessionUser } from '../../platform/http/access.js';
import { conflict, httpError, tooManyRequests } from '../../platform/http/errors.js';
import { decoyHash, verifyPassword } from '../../platform/security/passwords.js';
import { checkFailureLimit, recordFailure } from '../../platform/security/rate-limit.js';
import { resolveApiKey } from './api-keys.js';
import { resolveSession } from './sessions.js';
import { addMember, countUsers, createUser, createWorkspace, findUserByEmail, workspacesOfUser } from './workspaces.js';
import { normaliseEmail } from '../../platform/text.js';

export function accountsAuthenticator(ctx: AppContext): Authenticator {
  return {
    fromSessionToken: (token) => resolveSession(ctx.db, ctx.clock, token),
    fromSecretKey: (key) => resolveApiKey(ctx.db, ctx.clock, key, 'secret'),
  };
}

// Failed sign-ins per address+account slow guessing one password; per address, spraying many.
const loginLimits = {
  perAccount: { limit: 8, windowSeconds: 900 },
  perIp: { limit: 100, windowSeconds: 900 },
};

/** Checks a password; 401 on a mismatch, 429 (with Retry-After) after too many failures. */
export async function verifyLogin(ctx: AppContext, input: { email: string; password: string; ip: string }) {
  const email = normaliseEmail(input.email);
  const buckets = [
    [`login:acct:${input.ip}:${email}`, loginLimits.perAccount],
    [`login:ip:${input.ip}`, loginLimits.perIp],
  ] as const;
  for (const [bucket, rule] of buckets) {
    const verdict = await checkFailureLimit(ctx.db, ctx.clock, bucket, rule);
    if (!verdict.allowed) {
      throw tooManyRequests(`Too many failed sign-ins; try again in ${verdict.retryAfterSeconds} s`, verdict.retryAfterSeconds);
    }
  }
  const user = await findUserByEmail(ctx.db, email);
  // Verify against a decoy when the account does not exist, so timing tells nothing.
  const valid = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || !valid) {
    for (const [bucket, rule] of buckets) await recordFailure(ctx.db, ctx.clock, bucket, rule);
    throw httpError(401, 'Invalid email or password');
  }
  await ctx.db.updateTable('users').set({ last_login_at: ctx.clock.now() }).where('id', '=', user.id).execute();
  const workspaces = await workspacesOfUser(ctx.db, user.id);
  return { userId: user.id, defaultWorkspaceId: workspaces[0]?.id ?? null };
}

export const demoWorkspaceName = 'Demo workspace';

/** On first start: a workspace for the first admin to land in. Returns its id when it was created now. */
export async function ensureDemoWorkspace(ctx: AppContext): Promise<string | null> {
  const any = await ctx.db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const workspace = await createWorkspace(ctx.db, demoWorkspaceName);
  ctx.logger.info('created the demo workspace');
  return workspace.id;
}

export async function setupStatus(ctx: AppContext) {
  const needed = (await countUsers(ctx.db)) === 0;
  const first = await ctx.db.selectFrom('workspaces').select('name').orderBy('created_at').limit(1).executeTakeFirst();
  return { needed, workspaceName: needed ? first?.name ?? demoWorkspaceName : null };
}

/**
 * First run: the first person to open Tandem creates the admin account (no default
 * password ships). Serialised by a lock so two simultaneous set-ups cannot both win.
 */
export async function completeSetup(ctx: AppContext, input: { email: string; name: string; password: string; ip: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    await sql`lock table users in exclusive mode`.execute(trx);
    if ((await countUsers(trx)) > 0) throw conflict('Tandem is already set up; sign in instead');
    let workspace = await trx.selectFrom('workspaces').select('id').orderBy('created_at').limit(1).executeTakeFirst();
    workspace ??= await createWorkspace(trx, demoWorkspaceName);
    const user = await createUser(trx, input);
    await addMember(trx, ctx.clock, {
      workspaceId: workspace.id, userId: user.id, role: 'admin',
      actor: { type: 'user', id: user.id, label: user.email }, ip: input.ip,
    });
    return { userId: user.id, workspaceId: workspace.id };
  });
}

export async function describeMe(ctx: AppContext, session: Pick<SessionUser, 'userId' | 'workspaceId'>) {
  const user = await ctx.db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', session.userId).executeTakeFirstOrThrow();
  const workspaces = await workspacesOfUser(ctx.db, session.userId);
  const current = workspaces.find((w) => w.id === session.workspaceId) ?? null;
  return { user, workspace: current, workspaces };
}
