import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database.js';

const cache = new Map<string, Buffer>();

/**
 * A secret of this installation, made on first use and kept in the database so that every
 * API and worker process signs and checks with the same one.
 */
export async function installationSecret(db: DbOrTx, name: string): Promise<Buffer> {
  const cached = cache.get(name);
  if (cached) return cached;
  await sql`insert into installation_secrets (name, value) values (${name}, ${randomBytes(32).toString('base64url')}) on conflict (name) do nothing`.execute(db);
  const { rows: [row] } = await sql<{ value: string }>`select value from installation_secrets where name = ${name}`.execute(db);
  const secret = Buffer.from(row!.value, 'base64url');
  cache.set(name, secret);
  return secret;
}

function mac(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 22);
}

/** `payload` made tamper-proof: base64url(payload).mac — what a tracking link or pixel carries. */
export function sign(secret: Buffer, payload: string): string {
  return `${Buffer.from(payload).toString('base64url')}.${mac(secret, payload)}`;
}

/** The payload of a signed token, or null when it was altered or is not one. */
export function verify(secret: Buffer, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = Buffer.from(token.slice(0, dot), 'base64url').toString();
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(token.slice(dot + 1));
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
}
