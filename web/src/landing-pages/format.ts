import type { Block, BlockType, PageInput, PageResults, PageStatus, Variant, VariantResult } from './types';

export const BLOCK_LABELS: Record<BlockType, string> = {
  hero: 'Hero',
  text: 'Text',
  image: 'Image',
  form: 'Form',
  cta: 'Call to action',
  testimonial: 'Testimonial',
};

export const BLOCK_HINTS: Record<BlockType, string> = {
  hero: 'Headline, subheading, button and image at the top',
  text: 'A heading and paragraphs',
  image: 'A picture with its description and caption',
  form: 'One of your forms: how the page converts',
  cta: 'A box with a button to another address',
  testimonial: 'A quote from a customer',
};

export const STATUS_LABELS: Record<PageStatus, string> = { draft: 'Draft', published: 'Published', archived: 'Archived' };

/** Each block's inputs: their label (also in the server's messages) and the API's length limit. */
export const BLOCK_FIELDS: Record<BlockType, Record<string, { label: string; max: number }>> = {
  hero: {
    heading: { label: 'Headline', max: 200 },
    subheading: { label: 'Subheading', max: 500 },
    ctaLabel: { label: 'Button label', max: 100 },
    ctaUrl: { label: 'Button link', max: 2000 },
    imageUrl: { label: 'Image address', max: 2000 },
  },
  text: { heading: { label: 'Heading', max: 200 }, body: { label: 'Text', max: 10_000 } },
  image: { url: { label: 'Image address', max: 2000 }, alt: { label: 'Description', max: 300 }, caption: { label: 'Caption', max: 500 } },
  form: { formId: { label: 'Form', max: 36 }, heading: { label: 'Heading above the form', max: 200 } },
  cta: { heading: { label: 'Heading', max: 200 }, text: { label: 'Text', max: 2000 }, label: { label: 'Button label', max: 100 }, url: { label: 'Button link', max: 2000 } },
  testimonial: { quote: { label: 'Quote', max: 2000 }, author: { label: 'Author', max: 200 }, role: { label: 'Role and company', max: 200 }, imageUrl: { label: 'Photo address', max: 2000 } },
};

/** The server names fields by their keys (`ctaUrl must be…`); say them as the inputs do. */
export function blockMessage(type: BlockType, field: string, message: string): string {
  if (field === 'formId' && message.startsWith('formId')) return 'This form is archived or was deleted: choose an active form';
  const fields = BLOCK_FIELDS[type];
  const named = message.replace(new RegExp(`\\b(${Object.keys(fields).join('|')})\\b`, 'g'), (key) => fields[key]!.label.toLowerCase());
  return sentence(named);
}

/** A server message as a sentence: `the variants' weights…` → `The variants' weights…`. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** A new block, with words that show where they go in the preview. */
export function newBlock(type: BlockType): Block {
  switch (type) {
    case 'hero':
      return { type, heading: 'Your headline: what the visitor gets', subheading: 'One sentence on why it matters to them.' };
    case 'text':
      return { type, heading: 'What you get', body: 'Say what the offer is and who it is for.\n\nA blank line starts a new paragraph.' };
    case 'image':
      return { type, url: '', alt: '' };
    case 'form':
      return { type, formId: '', heading: 'Get it now' };
    case 'cta':
      return { type, heading: 'Ready to start?', label: 'Start now', url: '' };
    case 'testimonial':
      return { type, quote: 'What a happy customer says about you.', author: 'Name of the customer', role: 'Job title, Company' };
  }
}

export function newPageInput(): PageInput {
  return {
    name: '',
    slug: '',
    title: '',
    description: '',
    variants: [{ key: 'A', name: 'Control', weight: 100, blocks: [newBlock('hero'), newBlock('text'), newBlock('form')] }],
  };
}

/** Weights for an even split that still add up to 100 (the first variants take the remainder). */
export function evenWeights(count: number): number[] {
  const share = Math.floor(100 / count);
  return Array.from({ length: count }, (_, index) => share + (index < 100 - share * count ? 1 : 0));
}

export const MAX_VARIANTS = 5;

/**
 * The key of a new variant: the letter after the last one. Results are counted by key, so a
 * key freed by a removed variant is not given to a new one while a later letter is left.
 */
export function nextKey(variants: Variant[]): string {
  const highest = Math.max(...variants.map((variant) => variant.key.charCodeAt(0)));
  return highest < 'Z'.charCodeAt(0) ? String.fromCharCode(highest + 1) : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((key) => !variants.some((variant) => variant.key === key))!;
}

const OPTIONAL: Record<BlockType, string[]> = {
  hero: ['subheading', 'imageUrl', 'ctaLabel', 'ctaUrl'],
  text: ['heading'],
  image: ['caption'],
  form: ['heading'],
  cta: ['heading', 'text'],
  testimonial: ['role', 'imageUrl'],
};

/** A block without its empty optional fields, as the API keeps it. */
export function cleanBlock(block: Block): Block {
  const entries = Object.entries(block).filter(([key, value]) => !(OPTIONAL[block.type].includes(key) && (value === undefined || value === '')));
  return Object.fromEntries(entries) as Block;
}

/** What is sent on save: names trimmed, empty optional fields left out. */
export function cleanInput(input: PageInput): PageInput {
  return {
    name: input.name.trim(),
    slug: input.slug.trim(),
    title: input.title.trim(),
    description: input.description.trim(),
    variants: input.variants.map((variant) => ({ ...variant, name: variant.name.trim(), blocks: variant.blocks.map(cleanBlock) })),
  };
}

/** A form block with no form chosen yet still previews (the server shows "Choose an active form"). */
const NO_FORM = '00000000-0000-4000-8000-000000000000';

/** The variant as the preview endpoint's schema takes it, whatever state the editor is in. */
export function previewVariant(variant: Variant): Variant {
  return {
    key: variant.key,
    name: variant.name.trim() || variant.key,
    weight: Math.min(100, Math.max(0, Math.round(variant.weight) || 0)),
    blocks: variant.blocks.map((block) => cleanBlock(block.type === 'form' && !block.formId ? { ...block, formId: NO_FORM } : block)),
  };
}

/** Which variant and block a server error names, if any. */
export function errorLocation(path: string | undefined): { variant?: number; block?: number; field?: string } {
  const match = path && /^variants\[(\d+)\](?:\.blocks(?:\[(\d+)\](?:\.(\w+))?)?|\.(\w+))?$/.exec(path);
  if (!match) return {};
  return { variant: Number(match[1]), block: match[2] === undefined ? undefined : Number(match[2]), field: match[3] ?? match[4] };
}

export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${rate.toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;
}

export function formatLift(lift: number | null): string {
  if (lift === null) return '—';
  return `${lift > 0 ? '+' : lift < 0 ? '−' : ''}${Math.abs(lift).toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

export function formatPValue(pValue: number | null): string {
  if (pValue === null) return '—';
  return pValue.toLocaleString(undefined, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

/** `p = 0.031`, or `p < 0.001`. */
export function pText(pValue: number | null): string {
  return pValue !== null && pValue < 0.001 ? 'p < 0.001' : `p = ${formatPValue(pValue)}`;
}

/** Confidence that the difference is real, the way testing tools show it: 1 − p. */
export function formatConfidence(pValue: number | null): string {
  if (pValue === null) return '—';
  const confidence = (1 - pValue) * 100;
  return `${confidence >= 99.9 ? '> 99.9' : confidence.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
}

/** The usual threshold: a difference with p below it is taken as real. */
export const SIGNIFICANCE = 0.05;

export type VerdictTone = 'win' | 'loss' | 'neutral' | 'waiting';

export interface Verdict {
  tone: VerdictTone;
  text: string;
}

/** One variant against the control, in words. */
export function variantVerdict(variant: VariantResult, control: VariantResult): Verdict {
  if (variant.pValue === null || variant.rate === null || control.rate === null) return { tone: 'waiting', text: 'Not enough data yet' };
  if (variant.pValue >= SIGNIFICANCE) return { tone: 'neutral', text: 'No clear difference yet' };
  return variant.rate > control.rate ? { tone: 'win', text: `Converts better than ${control.key}` } : { tone: 'loss', text: `Converts worse than ${control.key}` };
}

/** The test's result in one sentence, naming the best significant variant. */
export function testVerdict(results: PageResults): Verdict {
  const [control, ...challengers] = results.variants;
  if (!control) return { tone: 'waiting', text: 'No variants.' };
  if (!challengers.length) return { tone: 'neutral', text: 'One variant: no A/B test is running. Add a variant to test another version against this one.' };
  if (!results.visitors) return { tone: 'waiting', text: 'No visitors yet: publish the page and send traffic to it.' };
  const significant = challengers.filter((variant) => variant.pValue !== null && variant.pValue < SIGNIFICANCE && variant.rate !== null && control.rate !== null);
  const winners = significant.filter((variant) => variant.rate! > control.rate!).sort((a, b) => b.rate! - a.rate!);
  const name = (variant: VariantResult) => `${variant.key} (${variant.name})`;
  if (winners[0]) {
    const best = winners[0];
    return { tone: 'win', text: `${name(best)} converts better than ${name(control)}: ${formatRate(best.rate)} against ${formatRate(control.rate)} (${pText(best.pValue)}).` };
  }
  if (significant.length === challengers.length) {
    const best = [...significant].sort((a, b) => a.pValue! - b.pValue!)[0]!;
    return { tone: 'loss', text: `${name(control)} converts better than the other variants: ${formatRate(control.rate)} against ${formatRate(best.rate)} for ${best.key} (${pText(best.pValue)}).` };
  }
  const compared = challengers.filter((variant) => variant.pValue !== null);
  if (!compared.length) return { tone: 'waiting', text: `Not enough evidence yet: too few visitors and conversions to compare the variants with ${control.key}. Keep the test running.` };
  const closest = [...compared].sort((a, b) => a.pValue! - b.pValue!)[0]!;
  return { tone: 'waiting', text: `Not enough evidence yet: no variant differs clearly from ${control.key} (the closest, ${closest.key}, has ${pText(closest.pValue)}). Keep the test running.` };
}
