/**
 * Where a touch came from: the marketing channel and who owns the touchpoint, classified
 * from the page URL (utm_* parameters, ad click ids), the campaign context and the referrer.
 *
 * Owners follow Lemon & Verhoef's touchpoint categories: brand-owned (the brand's site,
 * email and paid media), partner-owned (affiliates, resellers), customer-owned (the
 * customer's own actions in the product) and external (search results, social posts and
 * third-party sites the brand does not control).
 */
export const channels = ['direct', 'organic_search', 'paid_search', 'social', 'email', 'referral', 'campaign'] as const;
export type Channel = (typeof channels)[number];
export const touchOwners = ['brand', 'partner', 'customer', 'external'] as const;
export type TouchOwner = (typeof touchOwners)[number];

export interface TouchSource {
  channel: Channel;
  owner: TouchOwner;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  referrer: string | null;
  landingPage: string | null;
}

export interface ClassifiedTouch extends TouchSource {
  /** Web context (a page URL) was present: the event can start a visit. */
  isWeb: boolean;
  /**
   * The event arrived from a referrer or a campaign: it starts a new visit when its source
   * differs from the current one. Navigation within the site and direct visits do not.
   */
  isEntry: boolean;
}

export interface TouchInput {
  url: string | null;
  referrer: string | null;
  campaign: { name?: unknown; source?: unknown; medium?: unknown } | null;
}

export interface DomainSettings {
  ownDomains: string[];
  partnerDomains: string[];
}

const searchEngines = /(^|\.)(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|qwant|startpage|naver|seznam|ask)\.[a-z.]+$/;
const socialNetworks = /(^|\.)(facebook\.com|fb\.com|instagram\.com|linkedin\.com|lnkd\.in|t\.co|twitter\.com|x\.com|youtube\.com|reddit\.com|pinterest\.[a-z.]+|tiktok\.com|threads\.net|mastodon\.social|bsky\.app|xing\.com|snapchat\.com|vk\.com)$/;
const webmail = /^(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|outlook\.office365\.com|mail\.yahoo\.com|mail\.proton\.me)$/;
const searchSources = /^(google|bing|yahoo|duckduckgo|baidu|yandex|ecosia|adwords|google_ads|googleads|microsoft|msn)$/;
const socialSources = /^(facebook|fb|instagram|ig|linkedin|twitter|x|youtube|reddit|pinterest|tiktok|xing|meta)$/;
const paidMedia = /^(cpc|ppc|paid|paidsearch|paid_search|paid-search|sem|cpm|cpv|cpa|display|banner|retargeting|paid_social|paidsocial|paid-social|social_paid)$/;
const socialMedia = /^(social|social-network|social_network|social-media|social_media|sm|paid_social|paidsocial|paid-social|social_paid)$/;
const emailMedia = /^(email|e-mail|e_mail|newsletter|mail)$/;
const partnerMedia = /^(affiliate|affiliates|partner|partners|reseller)$/;

function parse(url: string | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function hostOf(url: URL | null): string | null {
  return url ? url.hostname.toLowerCase().replace(/^www\./, '') : null;
}

/** The origin a URL starts with ("https://acme.example/"), to spot navigation within a site without parsing. */
function originPrefix(url: URL): string {
  return `${url.protocol}//${url.host}/`;
}

function matchesDomain(hostname: string, domains: string[]): boolean {
  return domains.some((domain) => hostname === domain || hostname.endsWith(`.${domain}`));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 300) : null;
}

/** utm_* from the URL, else the campaign context analytics libraries send. */
function campaignOf(input: TouchInput, pageUrl: URL) {
  // Most page views have no query string: no parameters to read.
  const params = pageUrl.search ? pageUrl.searchParams : null;
  const fromUrl = (name: string) => text(params?.get(name));
  return {
    source: (fromUrl('utm_source') ?? text(input.campaign?.source))?.toLowerCase() ?? null,
    medium: (fromUrl('utm_medium') ?? text(input.campaign?.medium))?.toLowerCase() ?? null,
    name: fromUrl('utm_campaign') ?? text(input.campaign?.name),
    paidClick: ['gclid', 'gbraid', 'wbraid', 'msclkid', 'dclid'].some((id) => params?.has(id)),
    socialClick: ['fbclid', 'li_fat_id', 'ttclid', 'twclid'].some((id) => params?.has(id)),
  };
}

function fromCampaign(medium: string | null, source: string | null, partner: boolean): { channel: Channel; owner: TouchOwner } {
  if (partner || (medium && partnerMedia.test(medium))) return { channel: 'referral', owner: 'partner' };
  if ((medium && emailMedia.test(medium)) || source === 'newsletter') return { channel: 'email', owner: 'brand' };
  if (medium === 'organic') return { channel: 'organic_search', owner: 'external' };
  const isSocial = (medium && socialMedia.test(medium)) || (source && socialSources.test(source));
  if (medium && paidMedia.test(medium)) {
    if (source && searchSources.test(source) && !isSocial) return { channel: 'paid_search', owner: 'brand' };
    if (isSocial) return { channel: 'social', owner: 'brand' };
    return { channel: 'campaign', owner: 'brand' };
  }
  if (isSocial) return { channel: 'social', owner: 'brand' };
  return { channel: 'campaign', owner: 'brand' };
}

export function classifyTouch(input: TouchInput, settings: DomainSettings): ClassifiedTouch {
  const pageUrl = parse(input.url);
  const pageHost = hostOf(pageUrl);
  const landingPage = input.url ? input.url.slice(0, 2000) : null;
  if (!pageUrl || !pageHost) {
    // No page: a server-side or in-product event, the customer's own action.
    return { channel: 'direct', owner: 'customer', source: null, medium: null, campaign: null, referrer: null, landingPage: null, isWeb: false, isEntry: false };
  }
  const referrer = input.referrer ? input.referrer.slice(0, 2000) : null;
  // A referrer on the page's own origin (navigation within the site) has the page's host.
  const referrerHost = referrer?.startsWith(originPrefix(pageUrl)) ? pageHost : hostOf(parse(referrer));
  const own = [pageHost, ...settings.ownDomains];
  const internal = referrerHost !== null && matchesDomain(referrerHost, own);
  const external = referrerHost !== null && !internal;
  const partner = external && matchesDomain(referrerHost, settings.partnerDomains);
  const campaign = campaignOf(input, pageUrl);
  const base = { referrer: external ? referrer : null, landingPage, isWeb: true };

  if (campaign.source || campaign.medium || campaign.name) {
    return {
      ...fromCampaign(campaign.medium, campaign.source, partner), ...base,
      source: campaign.source ?? referrerHost, medium: campaign.medium, campaign: campaign.name, isEntry: true,
    };
  }
  if (campaign.paidClick) return { channel: 'paid_search', owner: 'brand', ...base, source: referrerHost ?? 'google', medium: 'cpc', campaign: null, isEntry: true };
  if (campaign.socialClick) return { channel: 'social', owner: 'brand', ...base, source: referrerHost, medium: 'paid_social', campaign: null, isEntry: true };
  // A typed URL or a bookmark continues a visit under way (as in Google Analytics).
  if (!external) return { channel: 'direct', owner: 'brand', ...base, source: null, medium: null, campaign: null, isEntry: false };
  if (partner) return { channel: 'referral', owner: 'partner', ...base, source: referrerHost, medium: 'referral', campaign: null, isEntry: true };
  if (searchEngines.test(referrerHost)) return { channel: 'organic_search', owner: 'external', ...base, source: referrerHost, medium: 'organic', campaign: null, isEntry: true };
  if (socialNetworks.test(referrerHost)) return { channel: 'social', owner: 'external', ...base, source: referrerHost, medium: 'social', campaign: null, isEntry: true };
  if (webmail.test(referrerHost)) return { channel: 'email', owner: 'brand', ...base, source: referrerHost, medium: 'email', campaign: null, isEntry: true };
  return { channel: 'referral', owner: 'external', ...base, source: referrerHost, medium: 'referral', campaign: null, isEntry: true };
}

/**
 * Two entries from the same place continue a visit; a different one starts a new visit.
 * Channel and owner lead, so a visit's key also tells how its later events are counted.
 * Ingest builds the same key in SQL for the visit under way (loadVisitors).
 */
export function touchKey(touch: TouchSource): string {
  return [touch.channel, touch.owner, touch.source ?? '', touch.medium ?? '', touch.campaign ?? ''].join('|');
}
