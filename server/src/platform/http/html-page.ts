import { escapeHtml } from '../text.js';

/** A small, self-contained HTML page for people who follow a link or post a form without JavaScript. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}label{display:block;margin:.4rem 0}
input,select,textarea{font:inherit;display:block;width:100%;box-sizing:border-box;margin:.2rem 0 .6rem;padding:.4rem;border:1px solid #d1d5db;border-radius:6px}
input[type=checkbox]{display:inline;width:auto;margin-right:.4rem}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer;margin-top:1rem}.muted{color:#6b7280;font-size:.9rem}.error{color:#b91c1c}</style>
</head><body>${body}</body></html>`;
}
