// Content slots: <div data-tandem-slot="KEY">default content</div> shows what Tandem picks
// for this visitor's segments (GET {host}/v1/slots). The default stays when Tandem says
// nothing, is slow or is unreachable; a filled slot is marked data-tandem-variant.

const ATTRIBUTE = 'data-tandem-slot';

export interface SlotRequest {
  host: string;
  writeKey: string;
  anonymousId: string;
  userId?: string | null;
}

type SlotElement = Pick<Element, 'getAttribute' | 'setAttribute' | 'innerHTML'>;
type Root = { querySelectorAll(selector: string): ArrayLike<SlotElement> };
type Answer = { slots?: Record<string, { content: string; variant: string }> };

export function fillSlots(request: SlotRequest, root: Root = document, get: typeof fetch = fetch): Promise<void> {
  const elements = Array.from(root.querySelectorAll(`[${ATTRIBUTE}]`));
  const keys = [...new Set(elements.map((element) => element.getAttribute(ATTRIBUTE)))].filter(Boolean);
  if (!keys.length) return Promise.resolve();
  const query = new URLSearchParams({ writeKey: request.writeKey, anonymousId: request.anonymousId, keys: keys.join(',') });
  if (request.userId) query.set('userId', request.userId);
  return get(`${request.host}/v1/slots?${query}`, { credentials: 'omit' })
    .then((response) => (response.ok ? (response.json() as Promise<Answer>) : {}))
    .then(({ slots = {} }: Answer) => {
      for (const element of elements) {
        const slot = slots[element.getAttribute(ATTRIBUTE)!];
        if (!slot) continue;
        element.innerHTML = slot.content;
        element.setAttribute('data-tandem-variant', slot.variant);
      }
    })
    .catch(() => undefined);
}
