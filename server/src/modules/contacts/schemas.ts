import Type, { type TSchema } from 'typebox';
import { DateTime, Nullable, Uuid } from '../../platform/http/schema-types.js';
import { lifecycleStages } from './contacts.js';

const Text = (maxLength = 500) => Type.String({ maxLength });
const NullableText = (maxLength = 500) => Nullable(Text(maxLength));
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 });
const CustomValues = Type.Record(Type.String(), Type.Unknown(), { description: 'Custom field values by key; null removes a value' });

export const ContactInput = Type.Object({
  email: Type.Optional(NullableText(320)),
  firstName: Type.Optional(NullableText(200)),
  lastName: Type.Optional(NullableText(200)),
  phone: Type.Optional(NullableText(50)),
  jobTitle: Type.Optional(NullableText(200)),
  persona: Type.Optional(NullableText(100)),
  seniority: Type.Optional(NullableText(100)),
  country: Type.Optional(NullableText(100)),
  city: Type.Optional(NullableText(200)),
  timezone: Type.Optional(NullableText(100)),
  ownerId: Type.Optional(Nullable(Uuid)),
  source: Type.Optional(NullableText(200)),
  tags: Type.Optional(Tags),
  lifecycleStage: Type.Optional(Type.Unsafe<(typeof lifecycleStages)[number]>({ type: 'string', enum: [...lifecycleStages] })),
  companyId: Type.Optional(Nullable(Uuid)),
  custom: Type.Optional(CustomValues),
}, { additionalProperties: false });

export const TouchSchema = Type.Object({
  channel: Type.String({ description: 'direct, organic_search, paid_search, social, email, referral, campaign' }),
  owner: Type.String({ description: 'brand, partner, customer or external' }),
  source: Nullable(Type.String()), medium: Nullable(Type.String()), campaign: Nullable(Type.String()),
  referrer: Nullable(Type.String()), landingPage: Nullable(Type.String()), at: Type.String(), sessionId: Type.String(),
}, { description: 'The web visit a record was first or last reached through' });
const TrackedProfile = {
  traits: Type.Record(Type.String(), Type.Unknown(), { description: 'Every trait identify/group last sent, mapped to a field or not' }),
  firstTouch: Nullable(TouchSchema), lastTouch: Nullable(TouchSchema),
};

export const Contact = Type.Object({
  id: Uuid, email: Nullable(Type.String()), firstName: Nullable(Type.String()), lastName: Nullable(Type.String()),
  phone: Nullable(Type.String()), jobTitle: Nullable(Type.String()), persona: Nullable(Type.String()),
  seniority: Nullable(Type.String()), country: Nullable(Type.String()), city: Nullable(Type.String()),
  timezone: Nullable(Type.String()), ownerId: Nullable(Uuid), source: Nullable(Type.String()), tags: Type.Array(Type.String()),
  lifecycleStage: Type.String(), companyId: Nullable(Uuid), custom: CustomValues, ...TrackedProfile, createdAt: DateTime, updatedAt: DateTime,
});

export const CompanyInput = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  domain: Type.Optional(NullableText(300)),
  industry: Type.Optional(NullableText(200)),
  employeeCount: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  revenueBand: Type.Optional(NullableText(100)),
  country: Type.Optional(NullableText(100)),
  ownerId: Type.Optional(Nullable(Uuid)),
  tags: Type.Optional(Tags),
  custom: Type.Optional(CustomValues),
}, { additionalProperties: false });

export const Company = Type.Object({
  id: Uuid, name: Type.String(), domain: Nullable(Type.String()), industry: Nullable(Type.String()),
  employeeCount: Nullable(Type.Integer()), revenueBand: Nullable(Type.String()), country: Nullable(Type.String()),
  ownerId: Nullable(Uuid), tags: Type.Array(Type.String()), custom: CustomValues, ...TrackedProfile, createdAt: DateTime, updatedAt: DateTime,
});

export const ObjectType = Type.Unsafe<'contact' | 'company' | 'deal'>({ type: 'string', enum: ['contact', 'company', 'deal'] });
const Options = Type.Array(Type.Object({ value: Type.String({ minLength: 1, maxLength: 200 }), label: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), { maxItems: 500 });

export const CustomFieldInput = Type.Object({
  objectType: ObjectType,
  key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,62}$', description: 'lower_snake_case, used in the API and filters as custom.<key>' }),
  label: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Unsafe<'text' | 'number' | 'date' | 'boolean' | 'select' | 'multi_select'>({ type: 'string', enum: ['text', 'number', 'date', 'boolean', 'select', 'multi_select'] }),
  options: Type.Optional(Options),
  required: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer()),
}, { additionalProperties: false });

export const CustomFieldPatch = Type.Object({
  label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  options: Type.Optional(Options),
  required: Type.Optional(Type.Boolean()),
  position: Type.Optional(Type.Integer()),
  archived: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const CustomField = Type.Object({
  id: Uuid, objectType: Type.String(), key: Type.String(), label: Type.String(), type: Type.String(),
  options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() })), required: Type.Boolean(), position: Type.Integer(),
  createdAt: DateTime, archivedAt: Type.Unsafe<Date | null>({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] }),
});

export const TimelineItem = Type.Object({
  id: Type.Integer(), occurredAt: DateTime, kind: Type.String(),
  contactId: Nullable(Uuid), companyId: Nullable(Uuid), dealId: Nullable(Uuid),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), label: Nullable(Type.String()) }),
  source: Nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) });

export const ListQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  sort: Type.Optional(Type.String({ maxLength: 100, description: 'created_at, -created_at, name, custom.<key> … (a leading - sorts descending)' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

/** `custom.<key>=value` filters pass through the query string schema. */
export const customFilterProperties = { patternProperties: { '^custom\\.[a-z][a-z0-9_]*$': { type: 'string', maxLength: 500 } }, additionalProperties: false };
