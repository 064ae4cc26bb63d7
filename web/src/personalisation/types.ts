/** The shapes of the content slots API (`/api/v1/content-slots`). */

/** Shown to visitors in the segment (HTML, inserted as it is). */
export interface SlotRule {
  segmentId: string;
  content: string;
}

export interface SlotInput {
  name: string;
  /** Lower-case letters, digits, - and _: the `data-tandem-slot` attribute on the website. */
  key: string;
  defaultContent: string;
  /** In order: the first segment the visitor's contact is in gives the content. */
  rules: SlotRule[];
}

export interface ContentSlot extends SlotInput {
  id: string;
  /** Only in the list: impressions of the last 30 days. */
  impressions30d?: number;
  status: 'active' | 'archived';
  /** `<div data-tandem-slot="key">default content</div>`, to paste into the website. */
  snippet: string;
  createdAt: string;
  updatedAt: string;
}

/** `default`, or the id of the segment whose rule gave the content. */
export type Variant = string;

export interface SlotResults {
  impressions: number;
  /** The current rules in order, then the default, then rules since removed (`current` false). */
  variants: { variant: Variant; name: string; impressions: number; current: boolean; segmentDeleted: boolean }[];
}

export interface SlotPreview {
  content: string;
  variant: Variant;
  segmentName: string | null;
}
