import { describe, expect, it } from 'vitest';
import type { Context } from './context.js';
import { pageInfo } from './context.js';
import { aliasFields, buildEvent, groupFields, identifyArgs, pageFields, trackFields } from './events.js';

const page = pageInfo(
  { href: 'https://shop.example/pricing?plan=pro', pathname: '/pricing', search: '?plan=pro' },
  'Pricing',
  'https://search.example/',
);
const context: Context = {
  library: { name: 'tandem.js', version: '1.0.0' },
  page,
  userAgent: 'UA',
  locale: 'en-GB',
  timezone: 'Europe/London',
  screen: { width: 1, height: 2 },
};
const envelope = {
  anonymousId: 'anon-1',
  context,
  timestamp: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)),
  messageId: 'message-1',
};

describe('buildEvent', () => {
  it('puts the envelope and the type-specific fields into one Segment event', () => {
    expect(buildEvent('track', trackFields('Clicked', { button: 'buy' }), { ...envelope, userId: 'user-1' })).toEqual({
      type: 'track',
      messageId: 'message-1',
      anonymousId: 'anon-1',
      userId: 'user-1',
      timestamp: '2025-01-02T03:04:05.006Z',
      context,
      event: 'Clicked',
      properties: { button: 'buy' },
    });
  });

  it('leaves userId out while the visitor is anonymous', () => {
    expect(buildEvent('track', trackFields('x'), { ...envelope, userId: null })).not.toHaveProperty('userId');
  });

  it("lets alias's userId stand in for the envelope's", () => {
    expect(buildEvent('alias', aliasFields(7, 'anon-1'), { ...envelope, userId: 'old' }))
      .toMatchObject({ type: 'alias', userId: '7', previousId: 'anon-1' });
  });
});

describe('API arguments', () => {
  it('page: the page fields, the name, and the caller’s properties, which win', () => {
    expect(pageFields(page, 'Pricing page', { title: 'Custom', plan: 'pro' })).toEqual({
      name: 'Pricing page',
      properties: {
        path: '/pricing', referrer: 'https://search.example/', search: '?plan=pro', title: 'Custom',
        url: 'https://shop.example/pricing?plan=pro', name: 'Pricing page', plan: 'pro',
      },
    });
  });

  it('page: without a name, or with properties as the only argument', () => {
    expect(pageFields(page)).toEqual({ properties: page });
    expect(pageFields(page, { plan: 'pro' })).toEqual({ properties: { ...page, plan: 'pro' } });
  });

  it('track: properties default to an empty object', () => {
    expect(trackFields('Signed Up')).toEqual({ event: 'Signed Up', properties: {} });
  });

  it('identify: a first argument that is an object is traits', () => {
    expect(identifyArgs({ email: 'a@b.example' })).toEqual({ traits: { email: 'a@b.example' } });
    expect(identifyArgs('user-1', { plan: 'pro' })).toEqual({ userId: 'user-1', traits: { plan: 'pro' } });
    expect(identifyArgs(42)).toEqual({ userId: '42', traits: {} });
    expect(identifyArgs(null, { plan: 'pro' })).toEqual({ traits: { plan: 'pro' } });
    expect(identifyArgs('')).toEqual({ traits: {} });
  });

  it('group: a string id and traits', () => {
    expect(groupFields(12, { seats: 3 })).toEqual({ groupId: '12', traits: { seats: 3 } });
    expect(groupFields('acme')).toEqual({ groupId: 'acme', traits: {} });
  });
});
