import Type, { type TSchema } from 'typebox';

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A timestamp: a Date in code, an RFC 3339 string on the wire and in OpenAPI. */
export const DateTime = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
export const NullableDateTime = Type.Unsafe<Date | null>({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] });
export const Uuid = Type.String({ format: 'uuid' });

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});
