import type { Clock } from '../../platform/clock.js';
import type { DbOrTx } from '../../platform/db/database.js';
import type { AuditActor } from '../accounts/index.js';
import { createForm } from '../forms/index.js';
import { createPage } from '../pages/index.js';
import { createSlot } from '../personalisation/index.js';

/**
 * What a marketer finds on the web side of the demo: a gated guide's form, a published
 * landing page with an A/B test around it, and a home-page slot personalised for a segment.
 */
export async function seedDemoWebContent(db: DbOrTx, clock: Clock, workspaceId: string, actor: AuditActor, segmentId: string) {
  const form = await createForm(db, clock, workspaceId, actor, {
    name: "Buyer's guide download",
    fields: [
      { key: 'email', label: 'Work email', type: 'email', mapTo: 'email', required: true },
      { key: 'first_name', label: 'First name', type: 'text', mapTo: 'firstName' },
      { key: 'company', label: 'Company', type: 'text', mapTo: 'company.name' },
      { key: 'campaign', label: 'Campaign', type: 'hidden', mapTo: null, source: 'utm_campaign' },
    ],
    consents: [{ purpose: 'marketing_email', wording: 'Send me the guide and occasional product news. I can unsubscribe at any time.' }],
    progressive: { maxFields: 3 },
    afterSubmit: { kind: 'asset', url: 'https://example.com/buyers-guide.pdf', message: 'Thanks! Your guide is ready to download.' },
  });
  const hero = (heading: string) => ({
    type: 'hero' as const, heading, subheading: 'Twelve questions to ask before you choose a marketing platform, with a scoring sheet.', ctaLabel: 'Get the guide', ctaUrl: '#form',
  });
  const rest = [
    { type: 'text' as const, heading: "What's inside", body: 'The twelve questions our customers wish they had asked.\n\nA scoring sheet to compare vendors side by side.' },
    { type: 'form' as const, formId: form.id, heading: 'Get your free copy' },
    { type: 'testimonial' as const, quote: 'The guide saved us a quarter of vendor meetings.', author: 'Aino Virtanen', role: 'Head of Marketing, Northwind' },
  ];
  await createPage(db, clock, workspaceId, actor, {
    name: "Buyer's guide", slug: `buyers-guide-${workspaceId.slice(0, 8)}`, title: "The marketing platform buyer's guide",
    description: 'Twelve questions to ask before you choose a marketing platform.', status: 'published',
    variants: [
      { key: 'A', name: 'Question headline', weight: 50, blocks: [hero('Choosing a marketing platform?'), ...rest] },
      { key: 'B', name: 'Number headline', weight: 50, blocks: [hero('12 questions to ask every vendor'), ...rest] },
    ],
  });
  await createSlot(db, clock, workspaceId, actor, {
    key: 'home-hero', name: 'Home page hero', defaultContent: '<h2>Marketing, sales and service on one customer record</h2>',
    rules: [{ segmentId, content: '<h2>Tervetuloa! Meet us at our Helsinki office</h2>' }],
  });
}
