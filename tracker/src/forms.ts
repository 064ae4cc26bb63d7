import { currentCampaign } from './campaign.js';
// Embedded forms: <div data-tandem-form="FORM_ID"></div> becomes the form, as the visitor
// is to see it (GET {host}/f/:id/form.json: progressive fields, consent boxes, a render
// token), posted as JSON to {host}/f/:id. Built with DOM calls only (no innerHTML), styled
// by CSS variables on the page: --tandem-form-accent, --tandem-form-radius, …

export interface FormField {
  key: string;
  label: string;
  type: string;
  required: boolean;
  options?: string[];
  maxLength?: number;
  placeholder?: string;
  source?: string;
}

export interface RenderedForm {
  id: string;
  submitLabel: string;
  fields: FormField[];
  consents: { key: string; wording: string; required: boolean }[];
  token: string;
}

export type AfterSubmit = { kind: 'message'; message: string } | { kind: 'redirect'; url: string } | { kind: 'asset'; url: string; message: string };
type FieldError = { field: string; message: string };

const ATTRIBUTE = 'data-tandem-form';
const C = 'tdm-';
// The variables' defaults live on the form, so a page overrides them on any ancestor… or the form.
const CSS = `.tdm-form{--tfa:var(--tandem-form-accent,#2563eb);--tfr:var(--tandem-form-radius,6px);--tfe:var(--tandem-form-error,#dc2626);--tfb:var(--tandem-form-border,#cbd5e1);font:inherit;color:inherit;display:grid;gap:var(--tandem-form-gap,16px);max-width:var(--tandem-form-width,480px);position:relative}
.tdm-form label{display:grid;gap:6px;font-weight:500}
.tdm-form input,.tdm-form select,.tdm-form textarea{font:inherit;color:inherit;padding:10px 12px;border:1px solid var(--tfb);border-radius:var(--tfr);background:var(--tandem-form-field-background,#fff);width:100%;box-sizing:border-box;margin:0}
.tdm-form textarea{min-height:96px;resize:vertical}
.tdm-form :focus-visible{outline:2px solid var(--tfa);outline-offset:1px}
.tdm-form [aria-invalid=true]{border-color:var(--tfe)}
.tdm-form .tdm-check{display:flex;gap:10px;align-items:flex-start;font-weight:400}
.tdm-form .tdm-check input{accent-color:var(--tfa);width:16px;height:16px;margin-top:.2em;flex:none;padding:0}
.tdm-form button{font:inherit;font-weight:600;padding:11px 20px;border:0;border-radius:var(--tfr);background:var(--tfa);color:var(--tandem-form-button-text,#fff);cursor:pointer;justify-self:start}
.tdm-form button:disabled{opacity:.6;cursor:progress}
.tdm-req{color:var(--tfe)}
.tdm-err{color:var(--tfe);font-size:.875em;font-weight:400}
.tdm-alert{color:var(--tfe);border:1px solid var(--tfe);border-radius:var(--tfr);padding:10px 12px}
.tdm-done{padding:16px;border-radius:var(--tfr);border:1px solid var(--tfb)}
.tdm-done a{color:var(--tfa);font-weight:600}
.tdm-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}`;

type Props = Record<string, string | boolean | ((event: Event) => void) | undefined>;

/** An element with attributes (`on…` are listeners) and children. */
function h(tag: string, props: Props = {}, ...children: (Node | string | null | undefined)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const name in props) {
    const value = props[name];
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== undefined && value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child != null) element.append(child);
  return element;
}

/** A hidden field's value: the container's data-<key>, the page's ?<key>=, else its source (a UTM parameter, the page or the referrer). */
export function hiddenValue(field: FormField, container: Pick<Element, 'getAttribute'>, url: string, referrer: string): string {
  const query = new URL(url).searchParams;
  return container.getAttribute(`data-${field.key}`) ?? query.get(field.key)
    ?? (field.source === 'page_url' ? url : field.source === 'referrer' ? referrer : (field.source && query.get(field.source))) ?? '';
}

export interface FormHost {
  host: string;
  anonymousId(): string;
}

/** Draws form `formId` into `element` and handles its submission. */
export async function mountForm(element: Element, formId: string, env: FormHost): Promise<void> {
  element.setAttribute(ATTRIBUTE + '-ready', '');
  if (!document.getElementById(C + 'css')) document.head.append(h('style', { id: C + 'css' }, CSS));
  const base = `${env.host}/f/${encodeURIComponent(formId)}`;
  const page = { url: location.href, referrer: document.referrer, title: document.title };
  const query = new URLSearchParams({ anonymousId: env.anonymousId(), url: page.url, referrer: page.referrer });
  let form: RenderedForm;
  try {
    const response = await fetch(`${base}/form.json?${query}`, { credentials: 'omit' });
    if (!response.ok) throw 0;
    form = await response.json();
  } catch {
    console.warn(`tandem: form ${formId} could not be loaded`);
    return;
  }

  const prefix = `${C}${formId.slice(0, 8)}-`;
  const errorNodes: Record<string, HTMLElement> = {};
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = {};
  const alert = h('div', { class: C + 'alert', role: 'alert', hidden: true });

  /** The label, the control and the place for its error message. */
  function row(key: string, control: HTMLElement, text: string, required: boolean, check: boolean): HTMLElement {
    const errorId = `${prefix}${key}-error`;
    control.setAttribute('aria-describedby', errorId);
    inputs[key] = control as HTMLInputElement;
    const marker = required ? h('span', { class: C + 'req', 'aria-hidden': 'true' }, ' *') : null;
    const label = check ? h('label', { class: C + 'check' }, control, h('span', {}, text, marker)) : h('label', {}, h('span', {}, text, marker), control);
    return h('div', {}, label, (errorNodes[key] = h('div', { class: C + 'err', id: errorId, hidden: true })));
  }

  const rows = form.fields.map((field) => {
    const common = { name: field.key, required: field.required, placeholder: field.placeholder, maxlength: field.maxLength ? String(field.maxLength) : undefined };
    if (field.type === 'hidden') {
      const input = h('input', { type: 'hidden', name: field.key }) as HTMLInputElement;
      input.value = hiddenValue(field, element, page.url, page.referrer);
      return (inputs[field.key] = input);
    }
    if (field.type === 'checkbox') return row(field.key, h('input', { type: 'checkbox', name: field.key }), field.label, field.required, true);
    const control = field.type === 'select'
      ? h('select', common, h('option', { value: '' }, field.placeholder || 'Choose…'), ...(field.options || []).map((option) => h('option', {}, option)))
      : h(field.type === 'textarea' ? 'textarea' : 'input', {
        ...common, type: field.type === 'textarea' ? undefined : field.type,
        autocomplete: field.type === 'email' ? 'email' : field.type === 'tel' ? 'tel' : undefined,
      });
    return row(field.key, control, field.label, field.required, false);
  });
  const consents = form.consents.map((consent) => row(consent.key, h('input', { type: 'checkbox', name: consent.key }), consent.wording, consent.required, true));
  const button = h('button', { type: 'submit' }, form.submitLabel) as HTMLButtonElement;
  // Bots fill in every field; people never see this one.
  const honeypot = h('input', { type: 'text', name: '_hp', tabindex: '-1', autocomplete: 'off' }) as HTMLInputElement;

  function showErrors(errors: FieldError[]): void {
    let general = '';
    let first: HTMLElement | undefined;
    for (const key in errorNodes) {
      errorNodes[key]!.hidden = true;
      inputs[key]!.removeAttribute('aria-invalid');
    }
    for (const error of errors) {
      const node = errorNodes[error.field];
      if (!node) {
        general += (general ? ' ' : '') + error.message;
        continue;
      }
      node.textContent = error.message;
      node.hidden = false;
      inputs[error.field]!.setAttribute('aria-invalid', 'true');
      first = first || inputs[error.field];
    }
    alert.textContent = general;
    alert.hidden = !general;
    first?.focus();
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const answers: Record<string, unknown> = {};
    const ticked: Record<string, boolean> = {};
    for (const key in inputs) {
      const input = inputs[key]!;
      if (form.consents.some((consent) => consent.key === key)) ticked[key] = (input as HTMLInputElement).checked;
      else answers[key] = input.type === 'checkbox' ? (input as HTMLInputElement).checked : input.value;
    }
    button.disabled = true;
    let reply: { ok?: boolean; submissionId?: string; afterSubmit?: AfterSubmit; errors?: FieldError[]; message?: string } = {};
    try {
      const response = await fetch(base, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers, consents: ticked, anonymousId: env.anonymousId(), page, campaign: currentCampaign(), token: form.token, _hp: honeypot.value }),
      });
      reply = await response.json();
    } catch {
      reply = { message: 'The form could not be sent. Check your connection and try again.' };
    }
    button.disabled = false;
    const after = reply.afterSubmit;
    if (!reply.ok || !after) return showErrors(reply.errors || [{ field: '_', message: reply.message || 'The form could not be sent.' }]);
    // For the page's own code, e.g. an analytics tag; the visitor's anonymous id already names the contact.
    element.dispatchEvent(new CustomEvent('tandem:form-submitted', { bubbles: true, detail: { formId: form.id, submissionId: reply.submissionId } }));
    if (after.kind === 'redirect') return location.assign(after.url);
    element.replaceChildren(h('div', { class: `${C}form ${C}done`, role: 'status', tabindex: '-1' },
      h('p', { style: 'margin:0' }, after.message),
      after.kind === 'asset' ? h('p', { style: 'margin:12px 0 0' }, h('a', { href: after.url, target: '_blank', rel: 'noopener' }, 'Download')) : null));
    (element.firstChild as HTMLElement).focus();
  }

  element.replaceChildren(h('form', { class: C + 'form', novalidate: true, 'aria-label': element.getAttribute('aria-label') || undefined, onsubmit: submit },
    alert, ...rows, ...consents, h('div', { class: C + 'hp', 'aria-hidden': 'true' }, h('label', {}, 'Leave this empty', honeypot)), button));
}

/** Every form container on the page not drawn yet. */
export function mountForms(env: FormHost): void {
  const start = () => document.querySelectorAll(`[${ATTRIBUTE}]:not([${ATTRIBUTE}-ready])`)
    .forEach((element) => mountForm(element, element.getAttribute(ATTRIBUTE)!, env));
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
