import { expect, it } from 'vitest';
import { hiddenValue, type FormField } from './forms.js';

const container = (attributes: Record<string, string> = {}) => ({ getAttribute: (name: string) => attributes[name] ?? null });
const hidden = (key: string, source?: string): FormField => ({ key, label: key, type: 'hidden', required: false, source });
const url = 'https://shop.example/demo?utm_source=newsletter&utm_campaign=spring&plan=pro';

it('fills a hidden field from the container, the page address, or its source', () => {
  expect(hiddenValue(hidden('campaign', 'utm_campaign'), container({ 'data-campaign': 'set-by-page' }), url, '')).toBe('set-by-page');
  expect(hiddenValue(hidden('plan'), container(), url, '')).toBe('pro');
  expect(hiddenValue(hidden('campaign', 'utm_campaign'), container(), url, '')).toBe('spring');
  expect(hiddenValue(hidden('origin', 'utm_source'), container(), url, '')).toBe('newsletter');
  expect(hiddenValue(hidden('landing', 'page_url'), container(), url, '')).toBe(url);
  expect(hiddenValue(hidden('from', 'referrer'), container(), url, 'https://search.example/')).toBe('https://search.example/');
  expect(hiddenValue(hidden('medium', 'utm_medium'), container(), url, '')).toBe('');
  expect(hiddenValue(hidden('nothing'), container(), url, '')).toBe('');
});
