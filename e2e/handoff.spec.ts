import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

async function post(request: APIRequestContext, path: string, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await request.post(`/api/v1${path}`, { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string };
}

/** Sends events through the collection API with the workspace's write key, as a website would. */
async function sendEvents(request: APIRequestContext, batch: Record<string, unknown>[]): Promise<void> {
  const settings = await request.get('/api/v1/tracking/settings');
  expect(settings.status(), await settings.text()).toBe(200);
  const { writeKeys } = (await settings.json()) as { writeKeys: { key: string }[] };
  const response = await request.post('/v1/batch', {
    headers: { authorization: `Basic ${Buffer.from(`${writeKeys[0]!.key}:`).toString('base64')}` },
    data: { batch },
  });
  expect(response.status(), await response.text()).toBe(200);
}

interface Person {
  id: string;
  name: string;
  page: Page;
  context: BrowserContext;
}

/** A member invited by the admin who accepts in a browser of their own, and is signed in there. */
async function invite(admin: Page, browser: Browser, role: 'marketer' | 'sales', name: string): Promise<Person> {
  const invited = await admin.request.post('/api/v1/invitations', { data: { email: `${role}-${run}@handoff.test`, role } });
  expect(invited.status(), await invited.text()).toBe(201);
  const { inviteUrl } = (await invited.json()) as { inviteUrl: string };
  const context = await browser.newContext();
  const page = await context.newPage();
  const accepted = await page.request.post(`/api/v1/invitations/accept/${inviteUrl.split('/invite/')[1]}`, {
    data: { name, password: `${role}-password-${run}` },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const me = (await accepted.json()) as { user: { id: string } };
  return { id: me.user.id, name, page, context };
}

/** A picture of the whole page from its top, once the toasts have gone. */
async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.mantine-Notification-root')).toHaveCount(0, { timeout: 10_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

test('marketing and sales sign a lead definition; a qualified contact reaches its owner with why, who rejects it', async ({ adminPage: admin, browser }) => {
  test.setTimeout(180_000);
  const teamName = `Finland ${run}`;
  const contactName = `Anna Lindqvist ${run}`;
  const rules = { fit: `Head of ${run}`, pricing: `Pricing page ${run}`, demo: `Demo request ${run}` };

  // ── Set-up through the API: two people, a team whose only member (and lead) is the rep, and scoring rules.
  const marketer = await invite(admin, browser, 'marketer', `Mia Marketer ${run}`);
  const rep = await invite(admin, browser, 'sales', `Sam Seller ${run}`);
  await post(admin.request, '/sales-teams', { name: teamName, leadUserId: rep.id, members: [{ userId: rep.id, capacity: 10 }] });
  await post(admin.request, '/scoring/rules', {
    kind: 'fit', name: rules.fit, points: 25, condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: 'Head' },
  });
  await post(admin.request, '/scoring/rules', {
    kind: 'engagement', name: rules.pricing, points: 10, condition: { type: 'event', event: { kind: 'page', path: `/pricing-${run}` } },
  });
  await post(admin.request, '/scoring/rules', {
    kind: 'engagement', name: rules.demo, points: 30, condition: { type: 'event', event: { kind: 'track', name: `Demo Requested ${run}` } },
  });

  // ── The marketer drafts a definition in the editor.
  const m = marketer.page;
  await m.goto('/contacts');
  await mainNav(m).getByRole('link', { name: 'Leads' }).click();
  await expect(m.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
  await expect(m.getByText('No open leads for you')).toBeVisible();
  await shot(m, 'handoff-queue-empty');
  await m.getByRole('tab', { name: 'Lead definition' }).click();
  await expect(m).toHaveURL(/\/leads\/definition/);
  await m.getByRole('link', { name: 'New draft' }).first().click();
  await expect(m.getByRole('heading', { name: 'New draft', level: 1 })).toBeVisible();

  await m.getByLabel('Least fit score', { exact: true }).fill('20');
  await m.getByLabel('Least engagement score', { exact: true }).fill('30');
  await m.getByRole('switch', { name: 'Also require conditions' }).check();
  const required = m.getByRole('group', { name: 'Required conditions' }).getByRole('group', { name: 'Condition 1' });
  await choose(m, 'Filter on', 'Country', required);
  await required.getByLabel('Value', { exact: true }).fill('FI');
  await m.getByLabel('Hours to answer', { exact: true }).fill('24');

  // Routing: Finland goes to the team; the team is the fallback too. Saving without a rule name is refused on the spot.
  await m.getByRole('button', { name: 'Add routing rule' }).click();
  const rule = m.getByRole('group', { name: 'Routing rule 1' });
  await choose(m, 'Goes to team', teamName, rule);
  const ruleCondition = rule.getByRole('group', { name: 'Condition 1' });
  await choose(m, 'Filter on', 'Country', ruleCondition);
  await ruleCondition.getByLabel('Value', { exact: true }).fill('FI');
  await choose(m, 'Fallback team', teamName);
  await m.getByRole('button', { name: 'Save draft' }).click();
  await expect(rule.getByText('Name the rule, e.g. the territory')).toBeVisible();
  await rule.getByLabel('Rule name', { exact: true }).fill('Finland');
  // A condition the server cannot use: its 400 lands on the row it is about.
  await m.getByRole('group', { name: 'Required conditions' }).getByRole('button', { name: 'Add condition' }).click();
  const unfinished = m.getByRole('group', { name: 'Required conditions' }).getByRole('group', { name: 'Condition 2' });
  await choose(m, 'Filter on', 'Viewed page', unfinished);
  await m.getByRole('button', { name: 'Save draft' }).click();
  await expect(unfinished).toHaveAttribute('aria-invalid', 'true');
  await expect(unfinished).toContainText('page path');
  await expect(m.getByText('Fix the highlighted condition to save the draft.')).toBeVisible();
  await unfinished.getByRole('button', { name: 'Remove condition' }).click();
  await m.getByRole('textbox', { name: 'Notes' }).fill('Hand Finnish heads of IT to sales once they ask for a demo.');
  await expect(m.getByRole('status', { name: 'Live count' })).toHaveText(/contacts? match/);
  await shot(m, 'handoff-definition-editor');
  await m.getByRole('button', { name: 'Save draft' }).click();

  // The draft waits for both sides; the marketer signs for marketing.
  await expect(m).toHaveURL(/\/leads\/definition\?version=[0-9a-f-]{36}$/);
  const draftId = new URL(m.url()).searchParams.get('version')!;
  const version = m.getByRole('region', { name: /^Version \d+$/ });
  await expect(version.getByTestId('definition-status')).toHaveText('Draft');
  await expect(version.getByTestId('definition-thresholds')).toContainText('Fit score is at least 20 and engagement score is at least 30');
  await expect(version.getByRole('group', { name: 'Definition' }).first()).toContainText('Country is FI');
  await expect(version.getByTestId('awaiting')).toHaveText('Awaiting marketing and sales');
  await expect(m.getByRole('table', { name: 'Backtest' })).toContainText('Would have become MQLs');
  await version.getByRole('button', { name: 'Approve for marketing' }).click();
  await expect(version.getByRole('group', { name: 'Marketing approval' })).toContainText(`Approved by ${marketer.name}`);
  await expect(version.getByTestId('awaiting')).toHaveText('Awaiting sales');
  await expect(version.getByText('You approved this version for marketing.')).toBeVisible();
  await shot(m, 'handoff-definition-draft');

  // ── The sales lead signs for sales: the version goes live.
  const s = rep.page;
  await s.goto('/leads/definition');
  await expect(s).toHaveURL(new RegExp(`version=${draftId}$`));
  const salesView = s.getByRole('region', { name: /^Version \d+$/ });
  await expect(salesView.getByRole('group', { name: 'Sales approval' })).toContainText('Awaiting a sales user');
  await expect(salesView.getByText('Your approval makes version')).toBeVisible();
  await salesView.getByRole('button', { name: 'Approve for sales' }).click();
  await expect(salesView.getByTestId('definition-status')).toHaveText('Live');
  await expect(salesView.getByRole('group', { name: 'Sales approval' })).toContainText(`Approved by ${rep.name}`);
  await expect(s.getByRole('table', { name: 'Versions' }).locator('tbody tr').filter({ hasText: 'Live' }).first()).toContainText(marketer.name);
  await shot(s, 'handoff-definition-live');

  // The admin can read it but approves for neither side, and is told so.
  await admin.goto(`/leads/definition?version=${draftId}`);
  await expect(admin.getByRole('region', { name: /^Version \d+$/ }).getByTestId('definition-status')).toHaveText('Live');

  // ── A Finnish head of IT looks at pricing, then asks for a demo: over the threshold.
  const email = `anna.${run}@handoff.test`;
  const contact = await post(admin.request, '/contacts', { firstName: 'Anna', lastName: `Lindqvist ${run}`, email, jobTitle: 'Head of IT', country: 'FI' });
  const userId = `handoff-${run}`;
  await sendEvents(admin.request, [
    { type: 'identify', userId, traits: { email } },
    { type: 'page', userId, name: 'Pricing', properties: { path: `/pricing-${run}` } },
    { type: 'track', userId, event: `Demo Requested ${run}` },
  ]);
  await expect
    .poll(
      async () => {
        const queue = (await (await s.request.get('/api/v1/leads?owner=me')).json()) as { items: { contact: { id: string } }[] };
        return queue.items.some((lead) => lead.contact.id === contact.id);
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);

  // ── The rep's bell has the new lead; My leads shows it with its SLA and routing.
  await s.goto('/leads');
  await expect(s.getByRole('tab', { name: 'My leads' })).toHaveAttribute('aria-selected', 'true');
  const queued = row(s, 'Leads', contactName);
  await expect(queued).toContainText('C2');
  await expect(queued).toContainText('Warm');
  await expect(queued.getByTestId('sla')).toHaveText(/^(24|23) h left$/);
  await expect(queued).toContainText('rule: Finland, round-robin');
  await expect(queued.getByTestId('lead-status')).toHaveText('New');
  await shot(s, 'handoff-my-leads');

  const bell = s.getByRole('button', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const notice = s.getByRole('button', { name: new RegExp(`^Unread: New lead: ${contactName} \\(C2\\)`) });
  await expect(notice).toBeVisible();
  await shot(s, 'handoff-notifications');
  await notice.click();

  // ── The lead page says why: the score, its ledger and the touchpoints.
  await expect(s).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(s.getByRole('heading', { name: contactName, level: 1 })).toBeVisible();
  await expect(s.getByRole('button', { name: 'Notifications', exact: true })).toBeVisible();
  await expect(row(s, 'Score ledger', rules.demo)).toContainText('+30');
  await expect(row(s, 'Score ledger', rules.pricing)).toContainText('+10');
  await expect(row(s, 'Score ledger', rules.fit)).toContainText('+25');
  const trail = s.getByRole('list', { name: 'Touchpoint trail' });
  await expect(trail.locator('[data-kind="lead.qualified"]')).toContainText('Became a marketing qualified lead (grade C2, fit 25, engagement 40)');
  await expect(trail.locator('[data-kind="event.track"]')).toContainText(`Demo Requested ${run}`);
  await expect(s.getByRole('region', { name: 'Hand-off' })).toContainText(rep.name);
  await shot(s, 'handoff-lead');

  // Converting would open a deal; the rep looks, and decides against it.
  await s.getByRole('button', { name: 'Convert', exact: true }).click();
  const convert = s.getByRole('dialog', { name: `Convert ${contactName}` });
  await expect(convert.getByLabel('Deal name', { exact: true })).toHaveAttribute('placeholder', 'Handoff — new business');
  await convert.getByLabel('Amount', { exact: true }).fill('12000');
  await shot(s, 'handoff-convert');
  await convert.getByRole('button', { name: 'Cancel' }).click();
  await expect(convert).toBeHidden();

  // ── The rep rejects it: "Other" needs a note; "No budget" recycles it to nurturing.
  await s.getByRole('button', { name: 'Reject', exact: true }).click();
  const dialog = s.getByRole('dialog', { name: `Reject ${contactName}` });
  await choose(s, 'Reason', 'Other', dialog);
  await dialog.getByRole('button', { name: 'Reject lead' }).click();
  await expect(dialog.getByText('"Other" needs a note')).toBeVisible();
  await choose(s, 'Reason', 'No budget', dialog);
  await dialog.getByLabel('Note (optional)', { exact: true }).fill('Budget opens next fiscal year');
  await expect(dialog.getByRole('radio', { name: /Recycle to nurturing/ })).toBeChecked();
  await shot(s, 'handoff-reject');
  await dialog.getByRole('button', { name: 'Reject lead' }).click();
  await expect(dialog).toBeHidden();
  await expect(s.getByTestId('lead-status').first()).toHaveText('Recycled');
  await expect(s.getByRole('alert').filter({ hasText: 'Recycled to nurturing' })).toContainText('No budget — Budget opens next fiscal year');
  await expect(s.getByRole('button', { name: 'Accept' })).toHaveCount(0);
  await shot(s, 'handoff-lead-recycled');

  // The queue no longer lists it as open; the Recycled filter does.
  await s.goto('/leads');
  await expect(row(s, 'Leads', contactName)).toHaveCount(0);
  await choose(s, 'Status', 'Recycled');
  await expect(row(s, 'Leads', contactName).getByTestId('lead-status')).toHaveText('Recycled');
  await shot(s, 'handoff-queue-recycled');
  // The team's view: every status, with the owner.
  await s.getByRole('tab', { name: 'Team', exact: true }).click();
  await choose(s, 'Status', 'Any status');
  await expect(s.getByRole('combobox', { name: 'Team' })).toHaveValue(teamName);
  await expect(row(s, 'Leads', contactName)).toContainText(rep.name);
  await shot(s, 'handoff-team-queue');

  // ── The contact page tells the stage history: qualified by the rule, recycled by the rep.
  await admin.goto(`/contacts/${contact.id}`);
  const card = admin.getByRole('region', { name: 'Lifecycle' });
  await expect(card.getByTestId('lifecycle-stage')).toHaveText('Lead');
  const transitions = card.getByRole('list', { name: 'Stage transitions' });
  await expect(transitions.getByRole('listitem').first()).toContainText('recycled: No budget — Budget opens next fiscal year');
  await expect(transitions).toContainText('rule: Lead definition v');
  await expect(card.getByRole('group', { name: 'Hand-offs to sales' })).toContainText('Recycled');
  // Moving back needs a reason.
  await card.getByRole('button', { name: 'Change stage' }).click();
  const change = admin.getByRole('dialog', { name: 'Change lifecycle stage' });
  await choose(admin, 'New stage', 'Subscriber', change);
  await change.getByRole('button', { name: 'Change stage' }).click();
  await expect(change.getByText('Say why the contact moves back')).toBeVisible();
  await change.getByLabel('Reason', { exact: true }).fill('Unsubscribed from sales contact');
  await change.getByRole('button', { name: 'Change stage' }).click();
  await expect(change).toBeHidden();
  await expect(card.getByTestId('lifecycle-stage')).toHaveText('Subscriber');
  await expect(transitions.getByRole('listitem').first()).toContainText('Unsubscribed from sales contact');
  await shot(admin, 'handoff-contact-lifecycle');

  // ── Sales teams: the rep's open leads and capacity; away takes them out of the rotation.
  await admin.goto('/leads/teams');
  const team = admin.getByRole('region', { name: teamName });
  await expect(team.getByLabel(`Open leads of ${rep.name}`)).toHaveText('0 of 10');
  // The switch follows the saved team (no optimistic flip): click, then wait for the saved state.
  const away = team.getByRole('switch', { name: `${rep.name} is away` });
  await away.click();
  await expect(away).toBeChecked();
  await expect(team.locator('tbody').getByText('Away', { exact: true })).toBeVisible();
  await expect(admin.getByText(`${rep.name} gets no new leads while away.`)).toBeVisible();
  await admin.reload();
  await expect(team.getByRole('switch', { name: `${rep.name} is away` })).toBeChecked();
  await shot(admin, 'handoff-sales-teams');
  await away.click();
  await expect(away).not.toBeChecked();
  await expect(team.locator('tbody').getByText('Away', { exact: true })).toHaveCount(0);

  // ── Lifecycle settings: stage labels and the rejection reasons the rep chose from.
  await admin.goto('/settings');
  await admin.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Lifecycle' }).click();
  await expect(admin.getByRole('heading', { name: 'Lifecycle', level: 1 })).toBeVisible();
  await expect(admin.getByLabel('Label of mql', { exact: true })).toHaveValue('Marketing qualified lead');
  await expect(admin.getByRole('list', { name: 'Rejection reasons' }).getByRole('textbox').nth(2)).toHaveValue('No budget');
  await shot(admin, 'handoff-lifecycle-settings');

  await marketer.context.close();
  await rep.context.close();
});
