import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { bundle } from '../build.mjs';

it('t.js stays under 6 KB gzipped and builds byte for byte the same each time', async () => {
  const [code, again] = await Promise.all([bundle(), bundle()]);
  expect(gzipSync(code).length).toBeLessThan(6 * 1024);
  expect(again).toBe(code);
  expect(code).toMatch(/^"use strict";\(\(\)=>\{[^]*\}\)\(\);\n$/); // one IIFE: no module syntax, no leaked globals
});
