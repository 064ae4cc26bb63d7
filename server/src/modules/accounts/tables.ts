import type { Generated, Timestamp } from '../../platform/db/schema.js';
import type { Role } from '../../platform/http/access.js';

export type ApiKeyKind = 'secret' | 'write';

export interface AccountTables {
  workspaces: {
    id: Generated<string>;
    name: string;
    created_at: Generated<Date>;
  };
  users: {
    id: Generated<string>;
    email: string;
    name: Generated<string>;
    password_hash: string;
    created_at: Generated<Date>;
    last_login_at: Timestamp | null;
  };
  memberships: {
    workspace_id: string;
    user_id: string;
    role: Role;
    created_at: Generated<Date>;
  };
  sessions: {
    token_hash: Buffer;
    user_id: string;
    workspace_id: string | null;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    expires_at: Timestamp;
    ip: string | null;
    user_agent: string | null;
  };
  api_keys: {
    workspace_id: string;
    id: Generated<string>;
    kind: ApiKeyKind;
    name: string;
    role: Generated<Role>;
    key_hash: Buffer;
    prefix: string;
    public_key: string | null;
    created_by: string | null;
    created_at: Generated<Date>;
    last_used_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  invitations: {
    workspace_id: string;
    id: Generated<string>;
    email: string;
    role: Role;
    token_hash: Buffer;
    invited_by: string | null;
    created_at: Timestamp;
    expires_at: Timestamp;
    accepted_at: Timestamp | null;
    revoked_at: Timestamp | null;
  };
  audit_log: {
    workspace_id: string;
    id: Generated<number>;
    actor_type: 'user' | 'api_key' | 'system' | 'cli';
    actor_id: string | null;
    actor_label: string | null;
    action: string;
    target_type: string | null;
    target_id: string | null;
    data: Generated<unknown>;
    ip: string | null;
    created_at: Timestamp;
  };
}
