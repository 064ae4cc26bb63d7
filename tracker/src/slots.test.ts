import { expect, it } from 'vitest';
import { fillSlots } from './slots.js';

function element(key: string | null, html: string) {
  const attributes: Record<string, string> = key ? { 'data-tandem-slot': key } : {};
  return { innerHTML: html, attributes, getAttribute: (name: string) => attributes[name] ?? null, setAttribute: (name: string, value: string) => void (attributes[name] = value) };
}

const request = { host: 'https://tandem.example', writeKey: 'tdm_wk_test', anonymousId: 'anon-1', userId: 'user-9' };

it('asks once for every slot on the page and fills those Tandem answers, keeping the default elsewhere', async () => {
  const hero = element('home-hero', '<h2>Welcome</h2>');
  const heroAgain = element('home-hero', '<h2>Welcome</h2>');
  const pricing = element('pricing', 'Plans from 9 €');
  const asked: string[] = [];
  const get = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify({ slots: { 'home-hero': { content: '<h2>Hello, CTO</h2>', variant: 'seg-1' } } }));
  }) as typeof fetch;
  await fillSlots(request, { querySelectorAll: () => [hero, pricing, heroAgain] }, get);
  expect(asked).toEqual(['https://tandem.example/v1/slots?writeKey=tdm_wk_test&anonymousId=anon-1&keys=home-hero%2Cpricing&userId=user-9']);
  expect([hero.innerHTML, heroAgain.innerHTML, pricing.innerHTML]).toEqual(['<h2>Hello, CTO</h2>', '<h2>Hello, CTO</h2>', 'Plans from 9 €']);
  expect(hero.attributes['data-tandem-variant']).toBe('seg-1');
  expect(pricing.attributes['data-tandem-variant']).toBeUndefined();
});

it('leaves the default content when Tandem fails or is unreachable, and asks nothing without slots', async () => {
  const hero = element('home-hero', 'Default');
  let calls = 0;
  await fillSlots(request, { querySelectorAll: () => [hero] }, (async () => { calls++; return new Response('{}', { status: 503 }); }) as typeof fetch);
  await fillSlots(request, { querySelectorAll: () => [hero] }, (async () => { calls++; throw new TypeError('offline'); }) as typeof fetch);
  expect(hero.innerHTML).toBe('Default');
  await fillSlots(request, { querySelectorAll: () => [] }, (async () => { calls++; return new Response('{}'); }) as typeof fetch);
  expect(calls).toBe(2);
});
