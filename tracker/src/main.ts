// Entry point of t.js: finds its script tag, starts the tracker, replays the calls the
// snippet queued while this file was loading, fills the content slots and draws the page's
// embedded forms.
import { findScriptTag, readConfig, readHost } from './config.js';
import { mountForm, mountForms, type FormHost } from './forms.js';
import { getAnonymousId } from './identity.js';
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
  const forms: FormHost = { host: script ? readHost(script) : '', anonymousId: getAnonymousId };
  const form = (element: Element, formId: string) => void mountForm(element, formId, forms);
  if (config) {
    const api = startTracker(config);
    window.tandem = Object.assign(api, { form });
    for (const [method, ...args] of (queued || []) as [keyof TandemApi, ...unknown[]][]) {
      if (typeof api[method] === 'function') (api[method] as (...a: unknown[]) => void)(...args);
    }
    api.page();
    void api.slots();
  } else {
    // Without a write key t.js only draws forms (the embed code of a form): nothing is tracked.
    window.tandem = Object.assign(queued || [], { form });
    if (!document.querySelector('[data-tandem-form]')) console.warn('tandem: the script tag has no data-write-key');
  }
  if (script) mountForms(forms);
}
