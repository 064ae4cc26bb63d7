// Entry point of t.js: finds its script tag, starts the tracker, and replays the calls
// the snippet queued while this file was loading.
import { findScriptTag, readConfig } from './config.js';
import { startTracker, type TandemApi } from './tracker.js';

declare global {
  interface Window {
    tandem?: unknown;
  }
}

const queued = window.tandem;
// The snippet's stub is an array; anything else means t.js already runs on this page.
if (queued === undefined || Array.isArray(queued)) {
  const script = findScriptTag();
  const config = script && readConfig(script);
  if (config) {
    const api = startTracker(config);
    window.tandem = api;
    for (const [method, ...args] of (queued || []) as [keyof TandemApi, ...unknown[]][]) {
      if (typeof api[method] === 'function') (api[method] as (...a: unknown[]) => void)(...args);
    }
    api.page();
  } else {
    console.warn('tandem: the script tag has no data-write-key');
  }
}
