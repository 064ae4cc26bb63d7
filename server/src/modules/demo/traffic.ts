import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { AuditActor } from '../accounts/index.js';
import { ingestEvents, readEvent } from '../events/index.js';

/**
 * Website traffic for the demo workspace, sent through the same ingestion as real events:
 * visitors browse anonymously from search, social, a newsletter or an ad, and some of them
 * fill a form (identify) on a later visit, so contacts show their anonymous history,
 * their first and last touch, and the live event view has something to show.
 */
const pages = [
  { path: '/', title: 'Home' }, { path: '/pricing', title: 'Pricing' }, { path: '/features', title: 'Features' },
  { path: '/customers', title: 'Customer stories' }, { path: '/blog/lead-scoring-guide', title: 'A guide to lead scoring' },
  { path: '/demo', title: 'Book a demo' }, { path: '/docs', title: 'Documentation' },
];
const entries = [
  { referrer: 'https://www.google.com/', query: '' },
  { referrer: 'https://www.linkedin.com/', query: '' },
  { referrer: '', query: '?utm_source=newsletter&utm_medium=email&utm_campaign=november-digest' },
  { referrer: 'https://www.google.com/', query: '?utm_source=google&utm_medium=cpc&utm_campaign=brand-search' },
  { referrer: '', query: '' },
  { referrer: 'https://www.g2.example/reviews', query: '' },
];
const site = 'https://www.tandem-demo.example';

export async function seedDemoTraffic(ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>, workspaceId: string, people: { email: string; firstName: string | null }[], pick: <T>(list: readonly T[]) => T, int: (min: number, max: number) => number) {
  const actor: AuditActor = { type: 'system', label: 'demo data' };
  const now = ctx.clock.now().getTime();
  const raw: Record<string, unknown>[] = [];
  // Half of the people were visitors first; as many again never said who they are.
  const visitors = [...people.filter((_, i) => i % 2 === 0), ...people.slice(0, Math.floor(people.length / 2)).map(() => null)];
  for (const person of visitors) {
    const anonymousId = randomUUID();
    let at = now - int(5, 60) * 86_400_000;
    for (let visit = int(1, 3); visit > 0; visit--) {
      const entry = pick(entries);
      let referrer = entry.referrer;
      for (let view = int(1, 5); view > 0; view--) {
        const page = pick(pages);
        const url = `${site}${page.path}${referrer === entry.referrer ? entry.query : ''}`;
        raw.push({ type: 'page', anonymousId, messageId: randomUUID(), timestamp: new Date(at).toISOString(),
          properties: { path: page.path, url, title: page.title, referrer }, context: { page: { path: page.path, url, title: page.title, referrer } } });
        referrer = url;
        at += int(20, 240) * 1000;
      }
      if (person && visit === 1) {
        raw.push({ type: 'identify', anonymousId, messageId: randomUUID(), timestamp: new Date(at).toISOString(), traits: { email: person.email, firstName: person.firstName } });
        raw.push({ type: 'track', anonymousId, messageId: randomUUID(), timestamp: new Date(at).toISOString(), event: 'Form Submitted', properties: { form: 'Book a demo' } });
      }
      at += int(1, 9) * 86_400_000;
      if (at > now) break;
    }
  }
  const receivedAt = ctx.clock.now();
  for (let start = 0; start < raw.length; start += 500) {
    const events = raw.slice(start, start + 500).map((event, index) => readEvent(event, { index, receivedAt }));
    await ingestEvents(ctx, { workspaceId, actor }, events);
  }
  return raw.length;
}
