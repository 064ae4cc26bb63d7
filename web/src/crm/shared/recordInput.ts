import { changedCustomValues, type CustomValue } from './CustomFieldInput';

/** The tags and custom values of a request body: those that are set for a new record, only the changes for an update. */
export function tagsAndCustomInput(
  values: { tags: string[]; custom: Record<string, CustomValue> },
  before?: { tags: string[]; custom: Record<string, unknown> },
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (before ? JSON.stringify(values.tags) !== JSON.stringify(before.tags) : values.tags.length) input.tags = values.tags;
  const custom = changedCustomValues(before?.custom ?? {}, values.custom);
  if (Object.keys(custom).length) input.custom = custom;
  return input;
}
