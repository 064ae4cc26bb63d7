import { saveCampaign, updateCampaign } from './campaign.js';
import type { Config } from './config.js';
import { currentContext, currentPage, setReferrer } from './context.js';
import {
  aliasFields, buildEvent, groupFields, identifyArgs, pageFields, trackFields, type EventFields, type EventType,
} from './events.js';
import { getAnonymousId, getUserId, persistIdentity, resetIdentity, setUserId } from './identity.js';
import { watchNavigation } from './navigation.js';
import { doNotTrackEnabled } from './privacy.js';
import { fillSlots } from './slots.js';
import { allowWrites, eraseAll, readCookie, writeCookie } from './storage.js';
import { browserNetwork, createTransport } from './transport.js';
import { uuid } from './uuid.js';

/** window.tandem once the script has loaded. */
export interface TandemApi {
  page(name?: unknown, properties?: unknown): void;
  track(event: unknown, properties?: unknown): void;
  identify(userIdOrTraits?: unknown, traits?: unknown): void;
  group(groupId: unknown, traits?: unknown): void;
  alias(userId: unknown, previousId?: unknown): void;
  reset(): void;
  consent(granted: boolean): void;
  anonymousId(): string;
  /** Fills the page's content slots for this visitor (done on load and on navigation). */
  slots(): Promise<void>;
}

const CONSENT_COOKIE = 'tdm_consent';

export function startTracker(config: Config): TandemApi {
  // With Do Not Track honoured the API stays callable but records nothing at all.
  const blocked = config.respectDoNotTrack && doNotTrackEnabled({ navigator, window });
  const consented = !config.consentRequired || readCookie(CONSENT_COOKIE) === '1';
  // Personalised content is asked for only for a visitor who may be tracked: the request names them.
  let tracked = !blocked && consented;
  allowWrites(tracked);
  // Until consent, events wait in the paused queue so the landing page view is not lost.
  const transport = createTransport(`${config.host}/v1/batch`, config.writeKey, browserNetwork, !consented);
  updateCampaign(location.search);

  function send(type: EventType, fields: EventFields): void {
    if (blocked) return;
    transport.push(buildEvent(type, fields, {
      anonymousId: getAnonymousId(),
      userId: getUserId(),
      context: currentContext(),
      timestamp: new Date(),
      messageId: uuid(),
    }));
  }

  const api: TandemApi = {
    page: (name, properties) => send('page', pageFields(currentPage(), name, properties)),
    track: (event, properties) => send('track', trackFields(event, properties)),
    identify(userIdOrTraits, traits) {
      const args = identifyArgs(userIdOrTraits, traits);
      if (args.userId) setUserId(args.userId);
      send('identify', { traits: args.traits });
    },
    group: (groupId, traits) => send('group', groupFields(groupId, traits)),
    alias: (userId, previousId) =>
      send('alias', aliasFields(userId, previousId == null ? getUserId() || getAnonymousId() : String(previousId))),
    reset: resetIdentity,
    consent(granted) {
      if (blocked) return;
      allowWrites(granted);
      tracked = granted;
      if (granted) {
        writeCookie(CONSENT_COOKIE, '1');
        persistIdentity();
        saveCampaign();
        transport.resume();
      } else {
        transport.discard();
        eraseAll();
      }
    },
    anonymousId: getAnonymousId,
    slots: () => (tracked ? fillSlots({ host: config.host, writeKey: config.writeKey, anonymousId: getAnonymousId(), userId: getUserId() }) : Promise.resolve()),
  };

  addEventListener('pagehide', transport.flushBeforeUnload);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') transport.flushBeforeUnload();
  });
  watchNavigation((previousUrl) => {
    setReferrer(previousUrl);
    updateCampaign(location.search);
    api.page();
    void api.slots();
  });
  return api;
}
