import type { ContentSlot, SlotInput } from './types';

/** A slot key from its name: `Home hero` → `home-hero` (what the server accepts). */
export function keyFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export function inputOf(slot: ContentSlot): SlotInput {
  const { name, key, defaultContent, rules } = slot;
  return { name, key, defaultContent, rules: rules.map(({ segmentId, content }) => ({ segmentId, content })) };
}

export const newSlotInput = (): SlotInput => ({ name: '', key: '', defaultContent: '', rules: [] });
