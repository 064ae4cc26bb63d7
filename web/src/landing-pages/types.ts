/** The shapes of the landing pages API (`/api/v1/pages`). */
export const BLOCK_TYPES = ['hero', 'text', 'image', 'form', 'cta', 'testimonial'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

export type HeroBlock = { type: 'hero'; heading: string; subheading?: string; imageUrl?: string; ctaLabel?: string; ctaUrl?: string };
/** Paragraphs are separated by blank lines. */
export type TextBlock = { type: 'text'; heading?: string; body: string };
export type ImageBlock = { type: 'image'; url: string; alt: string; caption?: string };
/** `formId` names an active form of the workspace; a variant has at most one. */
export type FormBlock = { type: 'form'; formId: string; heading?: string };
export type CtaBlock = { type: 'cta'; heading?: string; text?: string; label: string; url: string };
export type TestimonialBlock = { type: 'testimonial'; quote: string; author: string; role?: string; imageUrl?: string };

export type Block = HeroBlock | TextBlock | ImageBlock | FormBlock | CtaBlock | TestimonialBlock;

export interface Variant {
  /** `A`, `B`, …: the first variant is the control the others are compared with. */
  key: string;
  name: string;
  /** Share of new visitors in percent; the weights add up to 100. */
  weight: number;
  blocks: Block[];
}

export type PageStatus = 'draft' | 'published' | 'archived';

export interface PageInput {
  name: string;
  slug: string;
  title: string;
  description: string;
  variants: Variant[];
}

export interface LandingPage extends PageInput {
  id: string;
  status: PageStatus;
  /** The public address, `<public url>/p/<slug>`. */
  url: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Counts {
  views: number;
  visitors: number;
  conversions: number;
  /** Conversions per visitor, in percent; null without visitors. */
  rate: number | null;
}

export type PageSummary = LandingPage & Counts;

export interface VariantResult extends Counts {
  key: string;
  name: string;
  weight: number;
  /** Chi-square p-value against the control; null for the control or with too little data. */
  pValue: number | null;
  /** Relative difference of the rate from the control's, in percent. */
  lift: number | null;
}

export interface PageResults extends Counts {
  /** All variants tested together. */
  pValue: number | null;
  variants: VariantResult[];
}

export interface PreviewInput {
  title: string;
  description?: string;
  slug?: string;
  variant: Variant;
}
