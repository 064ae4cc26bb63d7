import { convert } from 'html-to-text';
import { Liquid, type Template } from 'liquidjs';
import mjml2html from 'mjml';

/**
 * A template becomes, once per version: MJML compiled to responsive HTML, a plain-text part
 * derived from that HTML, and both (with the subject) parsed as Liquid. Per message only the
 * Liquid render runs — microseconds — so personalised sends stay fast.
 *
 * Snippets are MJML pieces placed with `{% snippet "key" %}` before MJML compiles, so they
 * may hold MJML tags; Liquid's own tags and filters work everywhere else.
 */
export interface TemplateSource {
  subject: string;
  preheader?: string | null;
  mjml: string;
}

export interface CompiledTemplate {
  subject: Template[];
  html: Template[];
  text: Template[];
}

export class TemplateError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export const liquid = new Liquid({ strictFilters: true, ownPropertyOnly: true, jsTruthy: false });

const snippetTag = /\{%-?\s*snippet\s+["']([a-z][a-z0-9_-]*)["']\s*-?%\}/g;

/** Merge data a template may read. `data` is what a transactional send passes along. */
const roots = new Set(['contact', 'company', 'owner', 'workspace', 'data', 'unsubscribe_url', 'preferences_url']);

export interface MergeFields {
  contact: Set<string>;
  company: Set<string>;
  contactCustom: Set<string>;
  companyCustom: Set<string>;
}

export const standardFields = {
  contact: ['id', 'email', 'firstName', 'lastName', 'name', 'phone', 'jobTitle', 'persona', 'seniority', 'country', 'city', 'timezone', 'source', 'lifecycleStage', 'tags'],
  company: ['name', 'domain', 'industry', 'employeeCount', 'revenueBand', 'country'],
  owner: ['name', 'email'],
  workspace: ['name'],
};

function parse(source: string, field: string): Template[] {
  try {
    return liquid.parse(source);
  } catch (error) {
    throw new TemplateError(field, `does not compile: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Refuses a merge field the contact, its company or its owner does not have (a typo would print nothing). */
function checkMergeFields(templates: Template[], field: string, fields: MergeFields) {
  for (const segments of liquid.globalVariableSegmentsSync(templates)) {
    const [root, name, custom] = segments.map(String);
    const path = segments.join('.');
    if (!roots.has(root!)) throw new TemplateError(field, `unknown merge field "${path}" (use contact, company, owner, workspace, data, unsubscribe_url or preferences_url)`);
    if (root === 'contact' || root === 'company') {
      if (name === undefined) continue;
      if (name === 'custom') {
        const known = root === 'contact' ? fields.contactCustom : fields.companyCustom;
        if (custom !== undefined && !known.has(custom)) throw new TemplateError(field, `unknown merge field "${path}": no such custom field`);
      } else if (!(root === 'contact' ? fields.contact : fields.company).has(name)) {
        throw new TemplateError(field, `unknown merge field "${path}"`);
      }
    } else if ((root === 'owner' || root === 'workspace') && name !== undefined && !standardFields[root].includes(name)) {
      throw new TemplateError(field, `unknown merge field "${path}"`);
    }
  }
}

function withPreheader(mjml: string, preheader: string | null | undefined): string {
  if (!preheader?.trim()) return mjml;
  const preview = `<mj-preview>${preheader}</mj-preview>`;
  if (/<mj-head>/.test(mjml)) return mjml.replace(/<mj-head>/, `<mj-head>${preview}`);
  return mjml.replace(/<mjml([^>]*)>/, `<mjml$1><mj-head>${preview}</mj-head>`);
}

export async function compileTemplate(source: TemplateSource, snippets: Map<string, string>, fields: MergeFields): Promise<CompiledTemplate> {
  const expanded = source.mjml.replace(snippetTag, (_, key: string) => {
    const snippet = snippets.get(key);
    if (snippet === undefined) throw new TemplateError('mjml', `unknown snippet "${key}"`);
    return snippet;
  });
  let result;
  try {
    // MJML 5 compiles asynchronously.
    result = await (mjml2html(withPreheader(expanded, source.preheader), { validationLevel: 'strict', keepComments: false }) as unknown as Promise<{ html: string; errors: { line: number; message: string }[] }>);
  } catch (error) {
    const errors = (error as { errors?: { line: number; message: string }[] }).errors;
    const first = errors?.[0];
    throw new TemplateError('mjml', first ? `line ${first.line}: ${first.message}` : `does not compile: ${(error as Error).message}`);
  }
  if (result.errors.length) throw new TemplateError('mjml', `line ${result.errors[0]!.line}: ${result.errors[0]!.message}`);
  // The plain-text part is read from the HTML without the preheader (a hidden preview line in HTML).
  const withoutPreheader = source.preheader?.trim()
    ? (await (mjml2html(expanded, { validationLevel: 'skip', keepComments: false }) as unknown as Promise<{ html: string }>)).html
    : result.html;
  const text = convert(withoutPreheader, {
    wordwrap: 100,
    selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
  });
  const compiled = { subject: parse(source.subject, 'subject'), html: parse(result.html, 'mjml'), text: parse(text, 'mjml') };
  checkMergeFields(compiled.subject, 'subject', fields);
  checkMergeFields(compiled.html, 'mjml', fields);
  return compiled;
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

export function render(template: CompiledTemplate, context: Record<string, unknown>): Rendered {
  return {
    subject: String(liquid.renderSync(template.subject, context)).replace(/\s+/g, ' ').trim(),
    html: String(liquid.renderSync(template.html, context)),
    text: String(liquid.renderSync(template.text, context)),
  };
}
