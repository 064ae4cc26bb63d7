import { currentCampaign, type Campaign } from './campaign.js';

export interface PageInfo {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

export interface Context {
  library: { name: string; version: string };
  page: PageInfo;
  userAgent: string;
  locale: string;
  timezone: string;
  screen: { width: number; height: number };
  campaign?: Campaign;
}

const LIBRARY = { name: 'tandem.js', version: '1.0.0' };

// After a single-page-app navigation document.referrer still names the landing page's
// referrer; the page the visitor came from is the previous URL.
let referrer: string | undefined;

export function setReferrer(url: string): void {
  referrer = url;
}

export function pageInfo(
  place: Pick<Location, 'href' | 'pathname' | 'search'>,
  title: string,
  pageReferrer: string,
): PageInfo {
  return { path: place.pathname, referrer: pageReferrer, search: place.search, title, url: place.href };
}

export function currentPage(): PageInfo {
  return pageInfo(location, document.title, referrer ?? document.referrer);
}

export function currentContext(): Context {
  const campaign = currentCampaign();
  return {
    library: LIBRARY,
    page: currentPage(),
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    screen: { width: screen.width, height: screen.height },
    ...(campaign ? { campaign } : {}),
  };
}
