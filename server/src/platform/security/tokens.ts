import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque bearer tokens: `tdm_<kind>_<workspace><secret>`.
 *
 * The workspace id (a uuid as 22 base64url characters) is part of the token, so a lookup
 * reads the (workspace_id, hash) index like every other tenant query; the 32 random bytes
 * make it unguessable. Only the SHA-256 of a token is stored: a high-entropy token needs
 * no slow hash, unlike a password.
 */
export type TokenKind = 'sk' | 'wk' | 'inv';

const workspacePartLength = 22;

export interface MintedToken {
  token: string;
  hash: Buffer;
  /** Enough of the token to tell keys apart in a list; reveals nothing secret. */
  prefix: string;
}

export function mintToken(kind: TokenKind, workspaceId: string): MintedToken {
  const token = `tdm_${kind}_${encodeUuid(workspaceId)}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: `${token.slice(0, 7 + kind.length)}…${token.slice(-4)}` };
}

export function parseToken(token: string, kind: TokenKind): { workspaceId: string; hash: Buffer } | null {
  const head = `tdm_${kind}_`;
  if (!token.startsWith(head) || token.length !== head.length + workspacePartLength + 43) return null;
  const workspaceId = decodeUuid(token.slice(head.length, head.length + workspacePartLength));
  return workspaceId ? { workspaceId, hash: hashToken(token) } : null;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** A random session token (no workspace inside: a session spans workspaces). */
export function mintSessionToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

function encodeUuid(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
}

function decodeUuid(encoded: string): string | null {
  const hex = Buffer.from(encoded, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
