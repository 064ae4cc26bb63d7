import { escapeHtml } from '../../platform/text.js';
import type { Block, Variant } from './definition.js';

/** What a page shows where its form block stands, prepared by the caller (it needs the database). */
export type FormSlot = { html: string };

export interface RenderOptions {
  publicUrl: string;
  /** The form block's content: the form, its errors, or the thank-you. */
  form?: FormSlot;
  /** Links of calls to action go through /p/<slug>/go/<n>, which counts the click as a conversion. */
  trackClicks: boolean;
  /** An editor's preview: not indexed, nothing submits. */
  preview?: boolean;
}

interface PageHead {
  slug: string;
  title: string;
  description: string;
}

const styles = `
*{box-sizing:border-box}body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;background:#fff}
img{max-width:100%;height:auto;border-radius:10px}
.wrap{max-width:46rem;margin:0 auto;padding:0 1.25rem}
.hero{background:linear-gradient(135deg,#1e3a8a,#2563eb);color:#fff;padding:4rem 0 3.5rem}
.hero .wrap{display:grid;gap:2rem;align-items:center}
.hero h1{font-size:clamp(1.9rem,5vw,2.8rem);line-height:1.15;margin:0 0 .8rem}.hero p{font-size:1.15rem;opacity:.92;margin:0 0 1.5rem}
@media (min-width:800px){.hero.with-image .wrap{max-width:64rem;grid-template-columns:1.1fr .9fr}}
section.wrap,figure.wrap,.wrap>section,.wrap>blockquote{margin:2.5rem auto}
h2{font-size:1.5rem;line-height:1.25;margin:0 0 .75rem}
.button{display:inline-block;padding:.75rem 1.4rem;border-radius:8px;background:#f59e0b;color:#111827;font-weight:600;text-decoration:none}
.cta{background:#eff6ff;border-radius:14px;padding:2rem;text-align:center}
figure{text-align:center}figcaption{color:#6b7280;font-size:.9rem;margin-top:.5rem}
.testimonial{border-left:4px solid #2563eb;padding:.5rem 0 .5rem 1.5rem;font-size:1.15rem;margin-left:0;margin-right:0}
.testimonial footer{display:flex;align-items:center;gap:.75rem;margin-top:.75rem;font-size:.95rem;color:#4b5563}
.testimonial footer img{width:48px;height:48px;border-radius:50%;object-fit:cover}
.form{background:#f9fafb;border:1px solid #e5e7eb;border-radius:14px;padding:2rem}
.form label{display:block;margin:.5rem 0;font-weight:500}
.form input,.form select,.form textarea{font:inherit;display:block;width:100%;margin:.25rem 0 .5rem;padding:.55rem .7rem;border:1px solid #d1d5db;border-radius:8px;background:#fff}
.form input[type=checkbox]{display:inline;width:auto;margin-right:.5rem}
.form button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border:0;border-radius:8px;background:#2563eb;color:#fff;cursor:pointer;margin-top:.75rem}
.error{color:#b91c1c;font-size:.9rem;display:block}.thanks{font-size:1.1rem}
.preview-note{background:#fef3c7;color:#92400e;text-align:center;padding:.4rem;font-size:.85rem}
`;

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((paragraph) => paragraph.trim()).filter(Boolean)
  .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('');

function link(page: PageHead, index: number, url: string, options: RenderOptions): string {
  if (options.preview) return '#';
  return options.trackClicks && !url.startsWith('#') ? `/p/${page.slug}/go/${index}` : url;
}

function blockHtml(page: PageHead, block: Block, index: number, options: RenderOptions): string {
  const href = (url: string) => escapeHtml(link(page, index, url, options));
  switch (block.type) {
    case 'hero': {
      const image = block.imageUrl ? `<img src="${escapeHtml(block.imageUrl)}" alt="">` : '';
      const button = block.ctaLabel && block.ctaUrl ? `<a class="button" href="${href(block.ctaUrl)}">${escapeHtml(block.ctaLabel)}</a>` : '';
      const sub = block.subheading ? `<p>${escapeHtml(block.subheading)}</p>` : '';
      return `<header class="hero${image ? ' with-image' : ''}"><div class="wrap"><div><h1>${escapeHtml(block.heading)}</h1>${sub}${button}</div>${image}</div></header>`;
    }
    case 'text':
      return `<section class="wrap text">${block.heading ? `<h2>${escapeHtml(block.heading)}</h2>` : ''}${paragraphs(block.body)}</section>`;
    case 'image':
      return `<figure class="wrap"><img src="${escapeHtml(block.url)}" alt="${escapeHtml(block.alt)}" loading="lazy">${block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : ''}</figure>`;
    case 'form':
      return `<div class="wrap"><section class="form" id="form">${block.heading ? `<h2>${escapeHtml(block.heading)}</h2>` : ''}${options.form?.html ?? ''}</section></div>`;
    case 'cta':
      return `<div class="wrap"><section class="cta">${block.heading ? `<h2>${escapeHtml(block.heading)}</h2>` : ''}${block.text ? paragraphs(block.text) : ''}<a class="button" href="${href(block.url)}">${escapeHtml(block.label)}</a></section></div>`;
    case 'testimonial': {
      const photo = block.imageUrl ? `<img src="${escapeHtml(block.imageUrl)}" alt="">` : '';
      return `<div class="wrap"><blockquote class="testimonial"><p>“${escapeHtml(block.quote)}”</p><footer>${photo}<span><cite>${escapeHtml(block.author)}</cite>${block.role ? `, ${escapeHtml(block.role)}` : ''}</span></footer></blockquote></div>`;
    }
  }
}

/** A whole landing page: responsive, with its title, description and social-card meta tags. */
export function renderLandingPage(page: PageHead, variant: Variant, options: RenderOptions): string {
  const url = `${options.publicUrl}/p/${page.slug}`;
  const image = variant.blocks.find((block) => block.type === 'hero' && block.imageUrl) as Extract<Block, { type: 'hero' }> | undefined;
  const meta = [
    `<meta name="description" content="${escapeHtml(page.description)}">`,
    `<link rel="canonical" href="${escapeHtml(url)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:title" content="${escapeHtml(page.title)}">`,
    `<meta property="og:description" content="${escapeHtml(page.description)}">`,
    image?.imageUrl ? `<meta property="og:image" content="${escapeHtml(new URL(image.imageUrl, url).href)}">` : '',
    `<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">`,
    options.preview ? '<meta name="robots" content="noindex">' : '',
  ].filter(Boolean).join('\n');
  const note = options.preview ? `<div class="preview-note">Preview of variant ${escapeHtml(variant.key)}: forms do not submit and nothing is counted</div>` : '';
  const blocks = variant.blocks.map((block, index) => blockHtml(page, block, index, options)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(page.title)}</title>
${meta}
<style>${styles}</style></head><body>${note}<main>
${blocks}
</main></body></html>`;
}
