/**
 * Who may do what. Every route declares its access in `config.access`; the access hook
 * (see app.ts) resolves the caller and refuses before the handler runs.
 */
export const roles = ['admin', 'marketer', 'sales', 'service', 'viewer'] as const;
export type Role = (typeof roles)[number];

export type Permission =
  | 'workspace:read'
  | 'records:write'
  | 'members:manage'
  | 'api_keys:manage'
  | 'audit:read'
  | 'fields:manage'
  | 'tracking:manage'
  | 'scoring:manage'
  | 'journeys:manage'
  | 'privacy:manage';

const everyPermission: readonly Permission[] = [
  'workspace:read', 'records:write', 'members:manage', 'api_keys:manage', 'audit:read', 'fields:manage', 'tracking:manage', 'scoring:manage', 'journeys:manage', 'privacy:manage',
];

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: everyPermission,
  marketer: ['workspace:read', 'records:write', 'tracking:manage', 'scoring:manage', 'journeys:manage'],
  sales: ['workspace:read', 'records:write'],
  service: ['workspace:read', 'records:write'],
  viewer: ['workspace:read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export type Actor =
  | { type: 'user'; id: string; label: string }
  | { type: 'api_key'; id: string; label: string };

/** The signed-in person (session) before a workspace is involved. */
export interface SessionUser {
  userId: string;
  email: string;
  tokenHash: Buffer;
  /** The workspace the person has open, if they are still a member of it. */
  workspaceId: string | null;
  role: Role | null;
}

/** A caller acting inside one workspace: a member through a session, or a secret API key. */
export interface WorkspaceAccess {
  workspaceId: string;
  role: Role;
  actor: Actor;
}

/**
 * - `public`: anyone (rate-limited where it matters);
 * - `session`: a signed-in person, workspace or not (sign-out, switching workspace);
 * - a Permission: a member of the current workspace whose role grants it, by session or key.
 */
export type RouteAccess = 'public' | 'session' | Permission;

/** Resolves credentials; implemented by the accounts module. */
export interface Authenticator {
  fromSessionToken(token: string): Promise<SessionUser | null>;
  fromSecretKey(key: string): Promise<WorkspaceAccess | null>;
}

export const sessionCookie = 'tandem_session';
