import Type from 'typebox';
import type { roles } from '../../platform/http/access.js';
import { DateTime, NullableDateTime, Uuid } from '../../platform/http/schema-types.js';

export const RoleSchema = Type.Union([
  Type.Literal('admin'), Type.Literal('marketer'), Type.Literal('sales'), Type.Literal('service'), Type.Literal('viewer'),
]) satisfies { anyOf: { const: (typeof roles)[number] }[] };
export const Email = Type.String({ format: 'email', maxLength: 320 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

const WorkspaceSummary = Type.Object({ id: Uuid, name: Type.String(), role: RoleSchema });

export const Me = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), name: Type.String() }),
  workspace: Type.Union([WorkspaceSummary, Type.Null()]),
  workspaces: Type.Array(WorkspaceSummary),
});

export const Member = Type.Object({
  userId: Uuid, email: Type.String(), name: Type.String(), role: RoleSchema, joinedAt: DateTime,
});

export const Invitation = Type.Object({
  id: Uuid, email: Type.String(), role: RoleSchema, invitedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime, expiresAt: DateTime,
});

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.Union([Type.Literal('secret'), Type.Literal('write')]),
  role: RoleSchema,
  prefix: Type.String(),
  publicKey: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  lastUsedAt: NullableDateTime,
  revokedAt: NullableDateTime,
  createdBy: Type.Union([Uuid, Type.Null()]),
});

export const AuditItem = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Type.Union([Type.String(), Type.Null()]), label: Type.Union([Type.String(), Type.Null()]) }),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
});

export const Workspace = Type.Object({ id: Uuid, name: Type.String(), createdAt: DateTime });
