import Type from 'typebox';
import { DateTime, Nullable, NullableDateTime, Uuid } from '../../platform/http/schema-types.js';

const Enum = <T extends string>(values: readonly T[]) => Type.Unsafe<T>({ type: 'string', enum: [...values] });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const IsoDateTime = Type.String({ format: 'date-time' });

export const BuyingRole = Enum(['decision_maker', 'influencer', 'user', 'technical', 'champion'] as const);
export const StageKind = Enum(['open', 'won', 'lost'] as const);
export const DealStatus = Enum(['open', 'won', 'lost'] as const);
export const ActivityKind = Enum(['note', 'call', 'meeting', 'email'] as const);
export const TaskPriority = Enum(['low', 'normal', 'high'] as const);

export const Pipeline = Type.Object({
  id: Uuid, name: Type.String(), position: Type.Integer(),
  stages: Type.Array(Type.Object({ id: Uuid, name: Type.String(), position: Type.Integer(), probability: Type.Integer(), kind: StageKind })),
});

export const PipelineInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  stages: Type.Array(Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }), probability: Type.Integer({ minimum: 0, maximum: 100 }), kind: Type.Optional(StageKind),
  }, { additionalProperties: false }), { minItems: 3, maxItems: 30 }),
}, { additionalProperties: false });

const DealFields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  pipelineId: Uuid,
  stageId: Uuid,
  amount: Nullable(Type.Number({ minimum: 0, maximum: 1e15 })),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  expectedCloseDate: Nullable(IsoDate),
  ownerId: Nullable(Uuid),
  companyId: Nullable(Uuid),
  lostReason: Nullable(Type.String({ maxLength: 1000 })),
  custom: Type.Record(Type.String(), Type.Unknown()),
};

export const DealPatch = Type.Partial(Type.Object(DealFields, { additionalProperties: false }));
export const DealCreate = Type.Object({
  ...Object.fromEntries(Object.entries(DealFields).map(([k, v]) => [k, k === 'name' ? v : Type.Optional(v)])) as typeof DealFields,
  contacts: Type.Optional(Type.Array(Type.Object({ contactId: Uuid, role: Type.Optional(Nullable(BuyingRole)) }, { additionalProperties: false }), { maxItems: 100 })),
}, { additionalProperties: false });

export const Deal = Type.Object({
  id: Uuid, name: Type.String(), pipelineId: Uuid, stageId: Uuid, status: DealStatus, amount: Nullable(Type.Number()),
  currency: Type.String(), expectedCloseDate: Nullable(Type.String()), ownerId: Nullable(Uuid), companyId: Nullable(Uuid),
  companyName: Nullable(Type.String()), lostReason: Nullable(Type.String()), closedAt: NullableDateTime, stageEnteredAt: DateTime,
  custom: Type.Record(Type.String(), Type.Unknown()), createdAt: DateTime, updatedAt: DateTime,
});

export const DealDetail = Type.Intersect([Deal, Type.Object({
  contacts: Type.Array(Type.Object({ contactId: Uuid, role: Nullable(BuyingRole), addedAt: DateTime })),
  stageHistory: Type.Array(Type.Object({ stageId: Uuid, stageName: Type.String(), enteredAt: DateTime, leftAt: NullableDateTime, movedBy: Nullable(Type.String()) })),
})]);

const Subjects = { contactId: Type.Optional(Nullable(Uuid)), companyId: Type.Optional(Nullable(Uuid)), dealId: Type.Optional(Nullable(Uuid)) };

export const ActivityInput = Type.Object({
  kind: ActivityKind,
  subject: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  body: Type.Optional(Nullable(Type.String({ maxLength: 50000 }))),
  occurredAt: Type.Optional(IsoDateTime),
  durationMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1440 }))),
  outcome: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  ...Subjects,
}, { additionalProperties: false });

export const Activity = Type.Object({
  id: Uuid, kind: ActivityKind, subject: Nullable(Type.String()), body: Nullable(Type.String()), occurredAt: DateTime,
  durationMinutes: Nullable(Type.Integer()), outcome: Nullable(Type.String()), contactId: Nullable(Uuid), companyId: Nullable(Uuid),
  dealId: Nullable(Uuid), createdBy: Nullable(Uuid), createdAt: DateTime,
});

const TaskFields = {
  title: Type.String({ minLength: 1, maxLength: 300 }),
  notes: Nullable(Type.String({ maxLength: 10000 })),
  dueAt: Nullable(IsoDateTime),
  priority: TaskPriority,
  assigneeId: Nullable(Uuid),
  done: Type.Boolean(),
};
export const TaskCreate = Type.Object({
  title: TaskFields.title, notes: Type.Optional(TaskFields.notes), dueAt: Type.Optional(TaskFields.dueAt),
  priority: Type.Optional(TaskFields.priority), assigneeId: Type.Optional(TaskFields.assigneeId), done: Type.Optional(TaskFields.done), ...Subjects,
}, { additionalProperties: false });
export const TaskPatch = Type.Partial(Type.Object(TaskFields, { additionalProperties: false }));

export const Task = Type.Object({
  id: Uuid, title: Type.String(), notes: Nullable(Type.String()), dueAt: NullableDateTime, priority: TaskPriority,
  assigneeId: Nullable(Uuid), done: Type.Boolean(), doneAt: NullableDateTime, contactId: Nullable(Uuid), companyId: Nullable(Uuid),
  dealId: Nullable(Uuid), createdBy: Nullable(Uuid), createdAt: DateTime, updatedAt: DateTime,
});
