import { badRequest } from '../../platform/http/errors.js';

/**
 * A landing page as data: its A/B variants, each a list of blocks. The blocks are what a
 * marketer assembles a page from; each carries only text and links, never markup, so a page
 * is safe to host on Tandem's own origin.
 */
export const blockTypes = ['hero', 'text', 'image', 'form', 'cta', 'testimonial'] as const;
export type BlockType = (typeof blockTypes)[number];

export type Block =
  | { type: 'hero'; heading: string; subheading?: string; imageUrl?: string; ctaLabel?: string; ctaUrl?: string }
  /** Paragraphs are separated by blank lines. */
  | { type: 'text'; heading?: string; body: string }
  | { type: 'image'; url: string; alt: string; caption?: string }
  | { type: 'form'; formId: string; heading?: string }
  | { type: 'cta'; heading?: string; text?: string; label: string; url: string }
  | { type: 'testimonial'; quote: string; author: string; role?: string; imageUrl?: string };

export interface Variant {
  /** `A`, `B`, …: the first is the control the others are compared with. */
  key: string;
  name: string;
  /** Share of new visitors, in percent; the variants' weights add up to 100. */
  weight: number;
  blocks: Block[];
}

const keyPattern = /^[A-Z]$/;

/** A link a visitor may follow: http(s), a path on this host, or an anchor — never `javascript:`. */
export function isSafeLink(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  if (url.startsWith('#')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}

function checkBlock(block: Block, at: string, formIds: Set<string>) {
  const link = (value: string | undefined, name: string) => {
    if (value !== undefined && value !== '' && !isSafeLink(value)) throw badRequest(`${name} must be an http(s) address, a path or an anchor`, `${at}.${name}`);
  };
  const text = (value: string | undefined, name: string) => {
    if (!value?.trim()) throw badRequest(`${name} is required`, `${at}.${name}`);
  };
  switch (block.type) {
    case 'hero':
      text(block.heading, 'heading');
      link(block.imageUrl, 'imageUrl');
      link(block.ctaUrl, 'ctaUrl');
      if (!!block.ctaLabel !== !!block.ctaUrl) throw badRequest('a hero button needs both ctaLabel and ctaUrl', `${at}.ctaUrl`);
      return;
    case 'text': return text(block.body, 'body');
    case 'image': text(block.url, 'url'); link(block.url, 'url'); return text(block.alt, 'alt');
    case 'form':
      if (!formIds.has(block.formId)) throw badRequest('formId names no active form of this workspace', `${at}.formId`);
      return;
    case 'cta': text(block.label, 'label'); text(block.url, 'url'); return link(block.url, 'url');
    case 'testimonial': text(block.quote, 'quote'); text(block.author, 'author'); return link(block.imageUrl, 'imageUrl');
  }
}

/** Checks the variants against the workspace's active forms; names the field at fault. */
export function checkVariants(variants: Variant[], formIds: Set<string>): Variant[] {
  if (!variants.length) throw badRequest('a page needs at least one variant', 'variants');
  const keys = new Set<string>();
  variants.forEach((variant, index) => {
    const at = `variants[${index}]`;
    if (!keyPattern.test(variant.key)) throw badRequest('a variant key is one capital letter (A, B, …)', `${at}.key`);
    if (keys.has(variant.key)) throw badRequest(`variant ${variant.key} appears twice`, `${at}.key`);
    keys.add(variant.key);
    if (!variant.blocks.length) throw badRequest(`variant ${variant.key} has no blocks`, `${at}.blocks`);
    if (variant.blocks.filter((block) => block.type === 'form').length > 1) throw badRequest(`variant ${variant.key} has more than one form; a page converts through one`, `${at}.blocks`);
    variant.blocks.forEach((block, blockIndex) => checkBlock(block, `${at}.blocks[${blockIndex}]`, formIds));
  });
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (total !== 100) throw badRequest(`the variants' weights add up to ${total}; they must add up to 100`, 'variants');
  return variants;
}

/** The variant a new visitor gets: weighted by the traffic split. `roll` is in [0, 100). */
export function pickVariant(variants: Variant[], roll: number): Variant {
  let upTo = 0;
  for (const variant of variants) {
    upTo += variant.weight;
    if (roll < upTo) return variant;
  }
  return variants.at(-1)!;
}

/** The block a visitor converts through: the form, else the calls to action (clicks count). */
export function formBlock(variant: Variant): Extract<Block, { type: 'form' }> | undefined {
  return variant.blocks.find((block): block is Extract<Block, { type: 'form' }> => block.type === 'form');
}
