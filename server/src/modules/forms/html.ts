import { escapeHtml } from '../../platform/text.js';

export interface FieldError {
  field: string;
  message: string;
}

/** A form's consent boxes under the names they are posted as: `consent_<index>`. */
export function keyedConsents<T>(consents: T[]): (T & { key: string })[] {
  return consents.map((consent, index) => ({ ...consent, key: `consent_${index}` }));
}

interface Markup {
  fields: { key: string; label: string; type: string; required?: boolean; options?: string[] }[];
  consents: { key: string; wording: string; required?: boolean }[];
  submitLabel: string;
}

/**
 * A form as plain HTML that posts to Tandem with no JavaScript: the hosted page and the
 * "plain HTML" embed code. Fields are named by their keys, consent boxes `consent_<n>`, and
 * the honeypot `_hp` sits off screen where only bots fill it in.
 */
export function formMarkup(form: Markup, options: {
  action: string; token?: string; errors?: FieldError[];
  /** What the visitor typed, put back after a refused submission. */
  values?: Record<string, unknown>;
  /** More hidden inputs (a landing page's variant and address). */
  hidden?: Record<string, string>;
}): string {
  const errorOf = (key: string) => {
    const message = options.errors?.find((error) => error.field === key)?.message;
    return message ? `<span class="error" id="${escapeHtml(key)}-error">${escapeHtml(message)}</span>` : '';
  };
  const typed = (key: string) => {
    const value = options.values?.[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  };
  const valueOf = (key: string) => (typed(key) ? ` value="${escapeHtml(typed(key))}"` : '');
  const ticked = (key: string) => (['on', 'true', '1'].includes(typed(key)) ? ' checked' : '');
  const inputs = form.fields.map((field) => {
    const name = escapeHtml(field.key);
    const label = `${escapeHtml(field.label)}${field.required ? ' *' : ''}`;
    const required = field.required ? ' required' : '';
    if (field.type === 'hidden') return `<input type="hidden" name="${name}">`;
    if (field.type === 'checkbox') return `<label><input type="checkbox" name="${name}"${required}${ticked(field.key)}> ${label}</label>${errorOf(field.key)}`;
    if (field.type === 'select') {
      const choices = (field.options ?? []).map((option) => `<option${option === typed(field.key) ? ' selected' : ''}>${escapeHtml(option)}</option>`).join('');
      return `<label>${label}<select name="${name}"${required}><option value=""></option>${choices}</select></label>${errorOf(field.key)}`;
    }
    if (field.type === 'textarea') return `<label>${label}<textarea name="${name}"${required}>${escapeHtml(typed(field.key))}</textarea></label>${errorOf(field.key)}`;
    return `<label>${label}<input type="${escapeHtml(field.type)}" name="${name}"${required}${valueOf(field.key)}></label>${errorOf(field.key)}`;
  });
  const consents = form.consents.map((consent) => `<label><input type="checkbox" name="${escapeHtml(consent.key)}"${consent.required ? ' required' : ''}${ticked(consent.key)}> ${escapeHtml(consent.wording)}</label>${errorOf(consent.key)}`);
  return [
    `<form method="post" action="${escapeHtml(options.action)}">`,
    ...inputs,
    ...consents,
    options.token ? `<input type="hidden" name="_t" value="${escapeHtml(options.token)}">` : '',
    ...Object.entries(options.hidden ?? {}).map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`),
    '<div style="position:absolute;left:-10000px" aria-hidden="true"><label>Leave this empty <input type="text" name="_hp" tabindex="-1" autocomplete="off"></label></div>',
    `<button type="submit">${escapeHtml(form.submitLabel)}</button>`,
    '</form>',
  ].filter(Boolean).join('\n');
}
