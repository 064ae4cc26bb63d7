import type { ContentSlot, SlotInput } from './types';

export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export function inputOf(slot: ContentSlot): SlotInput {
  const { name, key, defaultContent, rules } = slot;
  return { name, key, defaultContent, rules: rules.map(({ segmentId, content }) => ({ segmentId, content })) };
}

export const newSlotInput = (): SlotInput => ({ name: '', key: '', defaultContent: '', rules: [] });
