import type { APIRequestContext, Page } from '@playwright/test';
import { BASE_URL } from './env';
import { expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

async function post(request: APIRequestContext, path: string, body?: Record<string, unknown>, status = 201): Promise<{ id: string }> {
  const response = await request.post(`/api/v1${path}`, { data: body ?? {} });
  expect(response.status(), await response.text()).toBe(status);
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

/** A member the admin invites, who accepts through the API: the returned request context holds their session. */
async function invite(admin: APIRequestContext, newContext: () => Promise<APIRequestContext>, role: 'marketer' | 'sales', name: string) {
  const invited = await admin.post('/api/v1/invitations', { data: { email: `${role}-${run}@reports.test`, role } });
  expect(invited.status(), await invited.text()).toBe(201);
  const { inviteUrl } = (await invited.json()) as { inviteUrl: string };
  const request = await newContext();
  const accepted = await request.post(`/api/v1/invitations/accept/${inviteUrl.split('/invite/')[1]}`, {
    data: { name, password: `${role}-password-${run}` },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const me = (await accepted.json()) as { user: { id: string } };
  return { id: me.user.id, request };
}

/** Rejections of a reason in a month, as the report counts them now (the database is shared with other specs). */
async function rejected(request: APIRequestContext, reason: string, month: string): Promise<number> {
  const response = await request.get('/api/v1/reports/rejections');
  expect(response.status(), await response.text()).toBe(200);
  const { items } = (await response.json()) as { items: { month: string; reason: string; count: number }[] };
  return items.find((item) => item.reason === reason && item.month === month)?.count ?? 0;
}

/** A picture of the whole page from its top. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, name);
}

test('reports show the funnel, SLA, rejection reasons and lead sources, each figure opening the people behind it', async ({ adminPage: admin, playwright }) => {
  test.setTimeout(180_000);
  const teamName = `Reports team ${run}`;
  const contactName = `Rita Reports ${run}`;
  const month = new Date().toISOString().slice(0, 7);
  const before = await rejected(admin.request, 'no_budget', month);

  // ── Set-up through the API: a marketer and a rep, a team, scoring rules and a live lead definition both sides approved.
  const newContext = () => playwright.request.newContext({ baseURL: BASE_URL });
  const marketer = await invite(admin.request, newContext, 'marketer', `Mark Marketer ${run}`);
  const rep = await invite(admin.request, newContext, 'sales', `Sally Seller ${run}`);
  const team = await post(admin.request, '/sales-teams', { name: teamName, leadUserId: rep.id, members: [{ userId: rep.id, capacity: 10 }] });
  await post(admin.request, '/scoring/rules', {
    kind: 'fit', name: `Growth lead ${run}`, points: 25, condition: { type: 'field', field: 'jobTitle', operator: 'contains', value: `Growth ${run}` },
  });
  await post(admin.request, '/scoring/rules', {
    kind: 'engagement', name: `Pricing ${run}`, points: 10, condition: { type: 'event', event: { kind: 'page', path: `/pricing-${run}` } },
  });
  await post(admin.request, '/scoring/rules', {
    kind: 'engagement', name: `Demo ${run}`, points: 30, condition: { type: 'event', event: { kind: 'track', name: `Demo Requested ${run}` } },
  });
  const definition = await post(marketer.request, '/lead-definitions', {
    criteria: { fitMin: 20, engagementMin: 30, conditions: { type: 'field', field: 'jobTitle', operator: 'contains', value: run } },
    slaHours: 48,
    routing: { fallbackTeamId: team.id },
  });
  await post(marketer.request, `/lead-definitions/${definition.id}/approve`, undefined, 200);
  await post(rep.request, `/lead-definitions/${definition.id}/approve`, undefined, 200);

  // ── A contact looks at pricing and asks for a demo: an MQL, routed to the rep.
  const email = `rita.${run}@reports.test`;
  const contact = await post(admin.request, '/contacts', { firstName: 'Rita', lastName: `Reports ${run}`, email, jobTitle: `Head of Growth ${run}` });
  const userId = `reports-${run}`;
  await sendEvents(admin.request, [
    { type: 'identify', userId, traits: { email } },
    { type: 'page', userId, name: 'Pricing', properties: { path: `/pricing-${run}` } },
    { type: 'track', userId, event: `Demo Requested ${run}` },
  ]);
  let leadId = '';
  await expect
    .poll(
      async () => {
        const queue = (await (await rep.request.get('/api/v1/leads?owner=me')).json()) as { items: { id: string; contact: { id: string } }[] };
        leadId = queue.items.find((lead) => lead.contact.id === contact.id)?.id ?? '';
        return leadId;
      },
      { timeout: 45_000, intervals: [500, 1000, 2000] },
    )
    .not.toBe('');

  // ── Its owner rejects it: no budget.
  await post(rep.request, `/leads/${leadId}/reject`, { reason: 'no_budget', note: 'Budget opens next fiscal year' }, 200);
  expect(await rejected(admin.request, 'no_budget', month)).toBe(before + 1);

  // ── Reports, from the navigation: the funnel comes first.
  await admin.goto('/contacts');
  await mainNav(admin).getByRole('link', { name: 'Reports' }).click();
  await expect(admin).toHaveURL(/\/reports$/);
  await expect(admin.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(admin.getByRole('tab', { name: 'Funnel' })).toHaveAttribute('aria-selected', 'true');
  await expect(admin.getByRole('radio', { name: 'Last 12 months' })).toBeChecked();

  const mql = admin.getByRole('group', { name: 'Funnel' }).getByRole('button', { name: /^Marketing qualified lead: [\d,]+ reached$/ });
  await expect(mql).toBeVisible();
  expect(Number((await mql.innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
  await expect(admin.getByRole('group', { name: 'Funnel' }).getByRole('button', { name: /^Subscriber: [\d,]+ reached$/ })).toBeVisible();
  await shot(admin, 'reports-funnel');

  // Reached MQL: the contact is among them, linking to its page.
  await mql.click();
  const reachedDrawer = admin.getByRole('dialog', { name: 'Reached Marketing qualified lead' });
  await expect(reachedDrawer.getByRole('link', { name: contactName, exact: true })).toHaveAttribute('href', `/contacts/${contact.id}`);
  await shot(admin, 'reports-funnel-drawer');
  await admin.keyboard.press('Escape');
  await expect(reachedDrawer).toBeHidden();

  // It went back to nurturing rather than on to sales: among those who did not go on.
  await admin.getByRole('group', { name: 'Funnel' }).getByRole('button', { name: /^Marketing qualified lead: [\d,]+ did not reach Sales accepted lead$/ }).click();
  const stalled = admin.getByRole('dialog', { name: 'Marketing qualified lead: did not go on to Sales accepted lead' });
  await expect(stalled.getByRole('link', { name: contactName, exact: true })).toBeVisible();
  await admin.keyboard.press('Escape');
  await expect(stalled).toBeHidden();

  // Grouped by cohort month: a row for this month, with the totals underneath.
  await admin.getByRole('radiogroup', { name: 'Group by' }).getByText('Cohort month', { exact: true }).click();
  await expect(admin).toHaveURL(/groupBy=cohort/);
  const byGroup = admin.getByRole('table', { name: 'Funnel by group' });
  const monthLabel = await admin.evaluate(() => new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date()));
  await expect(byGroup.getByRole('rowheader', { name: monthLabel })).toBeVisible();
  await expect(byGroup.getByRole('rowheader', { name: 'All contacts' })).toBeVisible();
  await shot(admin, 'reports-funnel-by-cohort');
  await admin.getByRole('radiogroup', { name: 'Group by' }).getByText('First-touch source', { exact: true }).click();
  await expect(admin).toHaveURL(/groupBy=source/);
  await expect(byGroup.getByRole('rowheader', { name: 'All contacts' })).toBeVisible();
  await shot(admin, 'reports-funnel-by-source');

  // ── Rejections: "No budget" this month, one more than before; the cell opens the lead.
  await admin.getByRole('tab', { name: 'Rejections' }).click();
  await expect(admin).toHaveURL(/tab=rejections/);
  await expect(admin.getByRole('list', { name: 'Reasons' })).toContainText('No budget');
  const table = admin.getByRole('table', { name: 'Rejections by reason and month' });
  const row = table.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'No budget' }) });
  const cell = row.getByRole('button', { name: `No budget, ${monthLabel}: ${before + 1} rejected` });
  await expect(cell).toHaveText(String(before + 1));
  await expect(admin.getByRole('group', { name: 'Rejections per month by reason' }).getByRole('button', { name: `No budget, ${monthLabel}: ${before + 1} rejected` })).toBeVisible();
  await shot(admin, 'reports-rejections');
  await cell.click();
  const rejectedDrawer = admin.getByRole('dialog', { name: `Rejected: No budget · ${monthLabel}` });
  await expect(rejectedDrawer.getByRole('link', { name: contactName, exact: true })).toHaveAttribute('href', `/contacts/${contact.id}`);
  await expect(rejectedDrawer.getByRole('link', { name: `Open the lead of ${contactName}` })).toHaveAttribute('href', `/leads/${leadId}`);
  await shot(admin, 'reports-rejections-drawer');
  await admin.keyboard.press('Escape');
  await expect(rejectedDrawer).toBeHidden();

  // ── SLA: the rep answered at once, in time; the figure opens the lead.
  await admin.getByRole('tab', { name: 'SLA' }).click();
  const teamRow = admin.getByRole('table', { name: 'SLA by team' }).getByRole('row').filter({ has: admin.getByRole('rowheader', { name: teamName }) });
  await expect(teamRow.getByRole('button', { name: `${teamName}: 1 assigned` })).toBeVisible();
  await expect(teamRow).toContainText('100%');
  const repRow = admin.getByRole('table', { name: 'SLA by rep' }).getByRole('row').filter({ has: admin.getByRole('rowheader', { name: `Sally Seller ${run}` }) });
  await expect(repRow).toContainText(teamName);
  await shot(admin, 'reports-sla');
  await repRow.getByRole('button', { name: `Sally Seller ${run}: 1 in time` }).click();
  const slaDrawer = admin.getByRole('dialog', { name: `Sally Seller ${run}: in time` });
  await expect(slaDrawer.getByRole('link', { name: contactName, exact: true })).toBeVisible();
  await admin.keyboard.press('Escape');
  await expect(slaDrawer).toBeHidden();

  // ── Lead sources: every channel, with the totals opening the funnel's contacts.
  await admin.getByRole('tab', { name: 'Lead sources' }).click();
  const sources = admin.getByRole('table', { name: 'Lead sources' });
  await expect(sources.getByRole('rowheader', { name: 'All sources' })).toBeVisible();
  await shot(admin, 'reports-lead-sources');
  await sources.getByRole('button', { name: /^All sources: [\d,]+ MQLs$/ }).click();
  await expect(admin.getByRole('dialog', { name: 'All sources: MQLs' }).getByRole('link', { name: contactName, exact: true })).toBeVisible();
  await admin.keyboard.press('Escape');

  // ── The period is shared by the tabs and kept in the address.
  await admin.getByRole('radiogroup', { name: 'Period' }).getByText('Last 30 days', { exact: true }).click();
  await expect(admin).toHaveURL(/period=30d/);
  await admin.getByRole('tab', { name: 'Rejections' }).click();
  await expect(admin).toHaveURL(/period=30d/);
  await expect(table.getByRole('button', { name: `No budget, ${monthLabel}: ${before + 1} rejected` })).toBeVisible();
  await admin.getByRole('radiogroup', { name: 'Period' }).getByText('Custom', { exact: true }).click();
  await expect(admin.getByLabel('First day')).toBeVisible();
  await expect(admin).toHaveURL(/period=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(table.getByRole('button', { name: `No budget, ${monthLabel}: ${before + 1} rejected` })).toBeVisible();
  await shot(admin, 'reports-custom-period');

  await marketer.request.dispose();
  await rep.request.dispose();
});
