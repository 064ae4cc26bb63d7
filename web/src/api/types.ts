export const ROLES = ['admin', 'marketer', 'sales', 'service', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface WorkspaceRef {
  id: string;
  name: string;
  role: Role;
}

export interface Me {
  user: { id: string; email: string; name: string };
  /** Null when the user belongs to no workspace any more. */
  workspace: WorkspaceRef | null;
  workspaces: WorkspaceRef[];
}

/** Me inside the app shell, where a current workspace is guaranteed. */
export type ActiveMe = Me & { workspace: WorkspaceRef };

export interface SetupStatus {
  needed: boolean;
  workspaceName: string | null;
}

export interface Workspace {
  id: string;
  name: string;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  inviteUrl: string;
}

export interface InvitationPreview {
  email: string;
  role: Role;
  workspaceName: string;
  userExists: boolean;
}

export type ApiKeyKind = 'secret' | 'write';

export interface ApiKey {
  id: string;
  name: string;
  kind: ApiKeyKind;
  role: Role | null;
  prefix: string;
  publicKey?: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface AuditActor {
  type: string;
  id: string | null;
  label: string | null;
}

export interface AuditEntry {
  id: number;
  action: string;
  actor: AuditActor;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ip: string | null;
  createdAt: string;
}

export interface ListOf<T> {
  items: T[];
}
