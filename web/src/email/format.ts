import type { MessageState, TemplateKind } from './types';

export const KIND_LABELS: Record<TemplateKind, string> = { marketing: 'Marketing', transactional: 'Transactional' };
export const KIND_COLORS: Record<TemplateKind, string> = { marketing: 'grape', transactional: 'cyan' };

export const STATES: { value: MessageState; label: string; color: string; description: string }[] = [
  { value: 'queued', label: 'Queued', color: 'gray', description: 'Waiting for a sender' },
  { value: 'sending', label: 'Sending', color: 'blue', description: 'Being handed to the SMTP server' },
  { value: 'deferred', label: 'Deferred', color: 'yellow', description: 'Refused for now; tried again after a pause' },
  { value: 'sent', label: 'Sent', color: 'green', description: 'Accepted by the receiving server' },
  { value: 'bounced', label: 'Bounced', color: 'orange', description: 'The receiving server refused it for good' },
  { value: 'failed', label: 'Failed', color: 'red', description: 'Could not be sent' },
  { value: 'skipped', label: 'Skipped', color: 'violet', description: 'Not sent on purpose: no consent, suppressed or unsubscribed' },
];

/** `part` as a percent of `whole`, one decimal; 0 of nothing. */
export const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

export function stateInfo(state: string) {
  return STATES.find((candidate) => candidate.value === state) ?? { value: state, label: state, color: 'gray', description: '' };
}

/** Where the server's compile error points: "line N" of the MJML, or the line that names an unknown merge field. */
export function errorLine(message: string, mjml: string): number | null {
  // "line:96, col:14" is a position in the compiled HTML, not in what the person wrote.
  const numbered = /\bline (\d+)\b/i.exec(message);
  if (numbered) return Number(numbered[1]);
  const field = /unknown merge field "([^"]+)"/.exec(message);
  if (field) {
    const index = mjml.split('\n').findIndex((line) => line.includes(field[1]!));
    if (index >= 0) return index + 1;
  }
  return null;
}

/** "mjml line 4: …" → "Line 4: …": the input it belongs to already says which field. */
export function withoutField(message: string, field: string): string {
  const rest = message.startsWith(`${field} `) ? message.slice(field.length + 1) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/** As the server does for a template: the preheader becomes the MJML's <mj-preview>. */
export function withPreheader(mjml: string, preheader: string | null): string {
  if (!preheader?.trim()) return mjml;
  const preview = `<mj-preview>${preheader}</mj-preview>`;
  if (/<mj-head>/.test(mjml)) return mjml.replace(/<mj-head>/, `<mj-head>${preview}`);
  return mjml.replace(/<mjml([^>]*)>/, `<mjml$1><mj-head>${preview}</mj-head>`);
}

/** What a new template starts from: a header, a greeting with a fallback, a button and a footer with the unsubscribe link. */
export const STARTER_MJML = `<mjml>
  <mj-head>
    <mj-attributes>
      <mj-all font-family="Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.6" color="#1f2937" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6">
    <mj-section padding="28px 0 12px">
      <mj-column>
        <mj-text align="center" font-size="20px" font-weight="700" color="#4338ca">
          {{ workspace.name }}
        </mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" border-radius="8px" padding="28px 16px">
      <mj-column>
        <mj-text font-size="22px" font-weight="700">
          Hello {{ contact.firstName | default: "there" }},
        </mj-text>
        <mj-text>
          Write your message here. Merge fields fill in what you know
          about each recipient.
        </mj-text>
        <mj-button href="https://example.com" background-color="#4f46e5" border-radius="6px" font-weight="600" padding-top="16px">
          Read more
        </mj-button>
      </mj-column>
    </mj-section>
    <mj-section padding="16px 0 32px">
      <mj-column>
        <mj-text align="center" font-size="12px" color="#6b7280">
          You get this email from {{ workspace.name }}.
          <a href="{{ unsubscribe_url }}" style="color: #6b7280;">Unsubscribe</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>
`;

export interface MergeField {
  label: string;
  /** What is inserted, e.g. `{{ contact.firstName }}`. */
  code: string;
}

export interface MergeFieldGroup {
  label: string;
  fields: MergeField[];
}

const tag = (path: string) => `{{ ${path} }}`;

/** The merge fields a template may use; custom fields come from the workspace. */
export function mergeFieldGroups(contactCustom: { key: string; label: string }[], snippets: { key: string; name: string }[]): MergeFieldGroup[] {
  const groups: MergeFieldGroup[] = [
    {
      label: 'Contact',
      fields: [
        { label: 'First name', code: tag('contact.firstName') },
        { label: 'Last name', code: tag('contact.lastName') },
        { label: 'Full name', code: tag('contact.name') },
        { label: 'Email', code: tag('contact.email') },
        { label: 'Job title', code: tag('contact.jobTitle') },
        { label: 'City', code: tag('contact.city') },
        { label: 'Country', code: tag('contact.country') },
        ...contactCustom.map((field) => ({ label: field.label, code: tag(`contact.custom.${field.key}`) })),
      ],
    },
    {
      label: 'Company',
      fields: [
        { label: 'Name', code: tag('company.name') },
        { label: 'Domain', code: tag('company.domain') },
        { label: 'Industry', code: tag('company.industry') },
      ],
    },
    {
      label: 'Owner and workspace',
      fields: [
        { label: 'Owner name', code: tag('owner.name') },
        { label: 'Owner email', code: tag('owner.email') },
        { label: 'Workspace name', code: tag('workspace.name') },
      ],
    },
    {
      label: 'Links',
      fields: [
        { label: 'Unsubscribe link', code: tag('unsubscribe_url') },
        { label: 'Preference centre link', code: tag('preferences_url') },
      ],
    },
  ];
  if (snippets.length) groups.push({ label: 'Snippets', fields: snippets.map((snippet) => ({ label: snippet.name, code: `{% snippet "${snippet.key}" %}` })) });
  return groups;
}
