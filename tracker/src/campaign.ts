import { readStored, writeStored } from './storage.js';

export type Campaign = Record<string, string>;

/** URL parameter → context.campaign field (Segment's names). */
const CAMPAIGN_PARAMS: Record<string, string> = {
  utm_campaign: 'name',
  utm_source: 'source',
  utm_medium: 'medium',
  utm_term: 'term',
  utm_content: 'content',
  gclid: 'gclid',
  fbclid: 'fbclid',
  msclkid: 'msclkid',
};

const SESSION_KEY = 'tdm_campaign';

/** The campaign fields in a URL's query string, or undefined when it has none. */
export function campaignFromSearch(search: string): Campaign | undefined {
  const params = new URLSearchParams(search);
  let campaign: Campaign | undefined;
  for (const param in CAMPAIGN_PARAMS) {
    const value = params.get(param);
    if (value) (campaign ||= {})[CAMPAIGN_PARAMS[param]!] = value;
  }
  return campaign;
}

let sessionCampaign: Campaign | undefined;

/**
 * Call when the URL changes. A URL with campaign parameters starts a new campaign; one
 * without keeps the session's, since sites often strip the parameters right after landing.
 */
export function updateCampaign(search: string): void {
  const fromUrl = campaignFromSearch(search);
  if (fromUrl) {
    sessionCampaign = fromUrl;
    saveCampaign();
  } else if (!sessionCampaign) {
    try {
      sessionCampaign = JSON.parse(readStored('sessionStorage', SESSION_KEY) || 'null') || undefined;
    } catch {
      // A corrupt value is as good as none.
    }
  }
}

export function currentCampaign(): Campaign | undefined {
  return sessionCampaign;
}

export function saveCampaign(): void {
  if (sessionCampaign) writeStored('sessionStorage', SESSION_KEY, JSON.stringify(sessionCampaign));
}
