// Bundles src/main.ts into dist/t.js: one minified IIFE for every evergreen browser.
// `node build.mjs` writes the file; tests import bundle() to build it in memory.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
export const outputFile = here('dist/t.js');

/** The minified script as text. */
export async function bundle() {
  const result = await build({
    entryPoints: [here('src/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2017',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const code = await bundle();
  mkdirSync(here('dist'), { recursive: true });
  writeFileSync(outputFile, code);
  console.log(`dist/t.js: ${code.length} bytes, ${gzipSync(code).length} gzipped`);
}
