import type { Channel, EventType, EventView, Touch, TouchOwner } from './types';

export const EVENT_TYPE_STYLES: Record<EventType, { label: string; color: string }> = {
  page: { label: 'Page', color: 'blue' },
  track: { label: 'Track', color: 'grape' },
  identify: { label: 'Identify', color: 'teal' },
  group: { label: 'Group', color: 'orange' },
  alias: { label: 'Alias', color: 'yellow' },
  screen: { label: 'Screen', color: 'cyan' },
};

const CHANNEL_LABELS: Record<Channel, string> = {
  direct: 'Direct',
  organic_search: 'Organic search',
  paid_search: 'Paid search',
  social: 'Social',
  email: 'Email',
  referral: 'Referral',
  campaign: 'Campaign',
};

const OWNER_LABELS: Record<TouchOwner, string> = {
  brand: 'Brand-owned',
  partner: 'Partner-owned',
  customer: 'Customer-owned',
  external: 'External',
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel as Channel] ?? channel;
}

export function ownerLabel(owner: string): string {
  return OWNER_LABELS[owner as TouchOwner] ?? owner;
}

/** "google / cpc · spring_sale": where a visit came from, as UTM reports write it. */
export function touchSource(touch: Pick<Touch, 'source' | 'medium' | 'campaign'>): string | null {
  const origin = [touch.source, touch.medium].filter(Boolean).join(' / ');
  return [origin, touch.campaign].filter(Boolean).join(' · ') || null;
}

/** The path of a URL without its query (campaign parameters show as the source), or the text when it is no URL. */
export function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** The start of a long random id (an anonymous id is a UUID), enough to tell visitors apart. */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What an event is about in a few words: the page's path, the action's name, the id identified… */
export function eventTitle(event: Pick<EventView, 'type' | 'name' | 'pagePath' | 'userId' | 'payload'>): string {
  const { payload } = event;
  switch (event.type) {
    case 'page':
      return event.pagePath ?? event.name ?? 'Page view';
    case 'screen':
    case 'track':
      return event.name ?? `Unnamed ${event.type}`;
    case 'identify': {
      const traits = (payload.traits ?? {}) as Record<string, unknown>;
      return event.userId ?? text(traits.email) ?? 'Traits of an anonymous visitor';
    }
    case 'group':
      return text(payload.groupId) ?? 'Group';
    case 'alias':
      return `${text(payload.previousId) ?? '?'} → ${event.userId ?? '?'}`;
  }
}
