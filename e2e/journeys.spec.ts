import type { Locator, Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ADMIN_STATE, BASE_URL } from './env';
import { expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** Also copied to /tmp/journeys-shots/, for a person to look at. */
const extraDir = '/tmp/journeys-shots';

/** A picture of the screen (the builder fills the window; a full page would add nothing). */
async function shot(page: Page, name: string): Promise<void> {
  // Notifications of what was just done would cover the page's header.
  const notifications = page.locator('.mantine-Notification-root');
  for (let tries = 0; tries < 10 && (await notifications.count()) > 0; tries++) {
    await notifications.first().locator('button').click({ timeout: 2_000 }).catch(() => undefined);
  }
  await expect(notifications).toHaveCount(0);
  await snap(page, `journeys-${name}`);
  await mkdir(extraDir, { recursive: true });
  await copyFile(path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots', `journeys-${name}.png`), path.join(extraDir, `journeys-${name}.png`));
}

const mjml = (line: string) => `<mjml><mj-body><mj-section><mj-column><mj-text>${line}</mj-text></mj-column></mj-section></mj-body></mjml>`;

/** A step on the canvas, by the text it shows. */
function step(page: Page, text: string | RegExp): Locator {
  return page.locator('.react-flow__node').filter({ hasText: text });
}

async function stepId(page: Page, text: string | RegExp): Promise<string> {
  const id = await step(page, text).getAttribute('data-id');
  expect(id).toBeTruthy();
  return id!;
}

/** Drags from an exit handle of one step to the entry of another. */
async function connect(page: Page, from: string, exit: string, to: string): Promise<void> {
  await page.locator(`.react-flow__handle.source[data-nodeid="${from}"][data-handleid="${exit}"]`).dragTo(page.locator(`.react-flow__handle.target[data-nodeid="${to}"]`));
}

/** Drags a step from the palette onto the canvas, `dy` pixels below the middle of another step. */
async function dropStepBelow(page: Page, label: string, below: Locator, dy: number, dx = 0): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const anchor = (await below.boundingBox())!;
  const x = anchor.x + anchor.width / 2 + dx - pane.x;
  const y = anchor.y + anchor.height / 2 + dy - pane.y;
  await page.getByRole('button', { name: `Add ${label}`, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
}

/** Every step in view (the canvas's own control). */
async function fitView(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Fit View' }).click();
  // The view moves with a short animation.
  await page.waitForTimeout(400);
}

async function pickOption(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

async function newJourney(page: Page, name: string): Promise<string> {
  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Journeys' }).click();
  await expect(page).toHaveURL(/\/journeys$/);
  await expect(page.getByRole('heading', { name: 'Journeys', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New journey' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New journey' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create and open builder' }).click();
  await expect(page).toHaveURL(/\/journeys\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('textbox', { name: 'Journey name' })).toHaveValue(name);
  await expect(page.getByLabel('Status Draft')).toBeVisible();
  return page.url().split('/').at(-1)!;
}

// The suite's later files expect the server's time to be the real one.
test.afterAll(async ({ browser }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE, baseURL: BASE_URL });
  const reset = await admin.request.post('/api/v1/test/clock', { data: { reset: true } });
  expect(reset.status()).toBe(200);
  await admin.close();
});

test('journeys: form submitted → wait 2 days → branch on engagement → email A or B; launched, a contact enrolled, the clock advanced', async ({ adminPage: page }) => {
  test.setTimeout(180_000);
  const journeyName = `Form follow-up ${run}`;

  // Through the API: two templates and the contact (no engagement: a score of 0).
  const templates: Record<'A' | 'B', string> = { A: '', B: '' };
  for (const letter of ['A', 'B'] as const) {
    const created = await page.request.post('/api/v1/email/templates', {
      data: { name: `Follow-up ${letter} ${run}`, kind: 'transactional', subject: `Follow-up ${letter}`, mjml: mjml(`Hello from ${letter}`) },
    });
    expect(created.status(), await created.text()).toBe(201);
    templates[letter] = ((await created.json()) as { id: string }).id;
  }
  const contact = await page.request.post('/api/v1/contacts', { data: { firstName: 'Nora', lastName: `Journey ${run}`, email: `nora.${run}@journeys.test` } });
  expect(contact.status(), await contact.text()).toBe(201);
  const contactId = ((await contact.json()) as { id: string }).id;
  const clock = await page.request.get('/api/v1/test/clock');
  expect(((await clock.json()) as { enabled: boolean }).enabled).toBe(true);

  const journeyId = await newJourney(page, journeyName);
  const panel = page.getByRole('region', { name: 'Step settings' });

  // A new journey starts with a trigger for contacts added by hand: made a form submission.
  const trigger = await stepId(page, 'Only by hand or through the API');
  await expect(page.getByRole('button', { name: 'Add Trigger', exact: true })).toBeDisabled();
  await step(page, 'Only by hand or through the API').click();
  await pickOption(page, panel, 'Enrols a contact who', /^Performs an event$/);
  await expect(panel.getByRole('combobox', { name: 'Event' })).toHaveValue('Submits a form');
  await expect(step(page, 'Submitted any form')).toBeVisible();

  // A wait of 2 days, dragged from the palette below the trigger and joined to it by dragging its exit.
  await dropStepBelow(page, 'Wait', step(page, 'Submitted any form'), 190);
  const wait = await stepId(page, 'Wait 1 day');
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await connect(page, trigger, 'next', wait);
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  await panel.getByRole('textbox', { name: 'Amount' }).fill('2');
  await expect(step(page, 'Wait 2 days')).toBeVisible();

  // A branch, clicked in below the selected wait (and joined to it): engagement score at least 30.
  await page.getByRole('button', { name: 'Add Branch', exact: true }).click();
  const branch = await stepId(page, /^Branch/);
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await panel.getByRole('button', { name: 'Set condition' }).click();
  const conditionDialog = page.getByRole('dialog', { name: 'Condition' });
  await conditionDialog.getByRole('button', { name: 'Add condition' }).click();
  await pickOption(page, conditionDialog, 'Filter on', /^Engagement score$/);
  await pickOption(page, conditionDialog, 'Operator', /^is at least$/);
  await conditionDialog.getByRole('textbox', { name: 'Value' }).fill('30');
  await shot(page, 'condition');
  await conditionDialog.getByRole('button', { name: 'Apply' }).click();
  await expect(conditionDialog).toBeHidden();
  await expect(step(page, 'Engagement score is at least 30')).toBeVisible();
  await expect(panel.getByLabel('Condition summary')).toHaveText('Engagement score is at least 30');

  // Two emails: with the branch selected, each click hangs the new step on its next free exit (Yes, then No).
  await page.getByRole('button', { name: 'Add Send email', exact: true }).click();
  await expect(step(page, 'Choose a template')).toBeVisible();
  await panel.getByRole('textbox', { name: 'Step name' }).fill('Email A');
  await pickOption(page, panel, 'Template', `Follow-up A ${run}`);
  const emailA = await stepId(page, 'Email A');
  await step(page, 'Engagement score is at least 30').click();
  await expect(panel.getByRole('combobox', { name: 'Yes goes to' })).toHaveValue(/^Email A/);
  await page.getByRole('button', { name: 'Add Send email', exact: true }).click();
  await panel.getByRole('textbox', { name: 'Step name' }).fill('Email B');
  await pickOption(page, panel, 'Template', `Follow-up B ${run}`);
  const emailB = await stepId(page, 'Email B');
  await expect(page.locator('.react-flow__edge')).toHaveCount(4);
  await expect(page.locator(`.react-flow__edge`).filter({ has: page.locator('path') })).toHaveCount(4);

  // Saved: nothing blocks the launch.
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  const saved = (await (await page.request.get(`/api/v1/journeys/${journeyId}`)).json()) as { draft: { graph: { edges: { from: string; handle: string; to: string }[] } } };
  expect(saved.draft.graph.edges.map(({ from, handle, to }) => ({ from, handle, to }))).toEqual(
    expect.arrayContaining([
      { from: trigger, handle: 'next', to: wait },
      { from: wait, handle: 'next', to: branch },
      { from: branch, handle: 'yes', to: emailA },
      { from: branch, handle: 'no', to: emailB },
    ]),
  );
  await fitView(page);
  await step(page, 'Engagement score is at least 30').click();
  await shot(page, 'builder');

  // A simulation for the contact: down No to Email B, with the path lit on the canvas.
  await page.getByRole('tab', { name: 'Test' }).click();
  const testPanel = page.getByRole('region', { name: 'Test the journey' });
  await testPanel.getByRole('combobox', { name: 'Contact' }).fill('Nora');
  await page.getByRole('option', { name: new RegExp(`Nora Journey ${run}`) }).click();
  await testPanel.getByRole('button', { name: 'Simulate', exact: true }).click();
  const simulation = testPanel.getByRole('region', { name: 'Simulation' });
  await expect(simulation.getByRole('group', { name: `Path of Nora Journey ${run}` })).toContainText('Email B');
  await expect(simulation.getByRole('group', { name: `Path of Nora Journey ${run}` })).not.toContainText('Email A');
  await expect(simulation.getByRole('list', { name: 'Emails that would be sent' })).toContainText(`Follow-up B ${run}`);
  await expect(step(page, 'Email B').locator('[data-on-path]')).toHaveCount(1);
  await expect(step(page, 'Email A').locator('[data-on-path]')).toHaveCount(0);
  await fitView(page);
  await shot(page, 'simulation');
  await simulation.getByRole('list', { name: 'Emails that would be sent' }).scrollIntoViewIfNeeded();
  await shot(page, 'simulation-emails');

  // Launch: live, version 1.
  await expect(testPanel.getByRole('button', { name: 'Enrol' })).toBeDisabled();
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  const launchDialog = page.getByRole('dialog', { name: 'Launch journey' });
  await launchDialog.getByRole('button', { name: 'Launch now' }).click();
  await expect(launchDialog).toBeHidden();
  await expect(page.getByLabel('Status Live')).toBeVisible();
  await expect(page.getByText('Version 1', { exact: false }).first()).toBeVisible();

  // Enrolled from the test panel: the contact waits at the 2-day wait.
  await testPanel.getByRole('button', { name: 'Enrol' }).click();
  await expect(page.getByText(`Nora Journey ${run} enrolled`)).toBeVisible();
  await expect(step(page, 'Wait 2 days').getByLabel('Waiting 1')).toBeVisible({ timeout: 15_000 });
  await expect(step(page, 'Email B').getByLabel('Entered 0')).toBeVisible();

  // The test clock moves 2 days and 1 hour: the wait ends, the branch says no, Email B goes.
  await page.getByRole('button', { name: 'Test clock' }).click();
  const advance = page.getByRole('group', { name: 'Advance the test clock' });
  await advance.getByRole('textbox', { name: 'Days' }).fill('2');
  await advance.getByRole('textbox', { name: 'Hours' }).fill('1');
  await advance.getByRole('button', { name: 'Advance clock' }).click();
  await expect(advance).toBeHidden();
  await expect(step(page, 'Email B').getByLabel('Entered 1')).toBeVisible({ timeout: 30_000 });
  await expect(step(page, 'Email A').getByLabel('Entered 0')).toBeVisible();
  await expect(step(page, 'Wait 2 days').getByLabel('Waiting 0')).toBeVisible();
  const totals = page.getByRole('group', { name: 'Journey totals' });
  await expect(totals.getByLabel('Entered 1')).toBeVisible();
  await expect(totals.getByLabel('Completed 1')).toBeVisible();
  await expect(totals.getByLabel('In flight 0')).toBeVisible();
  await simulation.getByRole('button', { name: 'Clear' }).click();
  await fitView(page);
  await shot(page, 'stats');

  // Enrolments: completed; its trace went down No to Email B.
  await page.getByRole('tab', { name: 'Enrolments' }).click();
  const enrolment = page.getByRole('table', { name: 'Enrolments' }).getByRole('row', { name: `Nora Journey ${run}` });
  await expect(enrolment).toContainText('Completed');
  await enrolment.click();
  const trace = page.getByRole('dialog', { name: /^Trace/ });
  await expect(trace.getByRole('list', { name: 'Trace' })).toContainText('Email B');
  await expect(trace.getByRole('list', { name: 'Trace' })).not.toContainText('Email A');
  await expect(trace.getByRole('list', { name: 'Trace' }).getByRole('listitem').filter({ hasText: 'Branch' })).toContainText(/: no/);
  await shot(page, 'trace');
  await page.keyboard.press('Escape');

  // Email B was queued for her, and A was not.
  const messages = (await (await page.request.get(`/api/v1/messages?contactId=${contactId}`)).json()) as { items: { templateId: string | null }[] };
  expect(messages.items.map((message) => message.templateId)).toEqual([templates.B]);

  // The contact page: the journey, completed; the email from B.
  await page.goto(`/contacts/${contactId}`);
  const card = page.getByRole('region', { name: 'Journeys' });
  await expect(card.getByRole('link', { name: journeyName })).toHaveAttribute('href', `/journeys/${journeyId}`);
  await expect(card.getByRole('listitem', { name: journeyName })).toContainText('Completed');
  await expect(page.getByRole('list', { name: 'Emails to the contact' })).toContainText(`Follow-up B ${run}`);
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(extraDir, 'journeys-contact-card.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'contact');

  // The list: live, one entered.
  await mainNav(page).getByRole('link', { name: 'Journeys' }).click();
  const row = page.getByRole('table', { name: 'Journeys' }).getByRole('row').filter({ hasText: journeyName });
  await expect(row).toContainText('Live');
  await expect(row).toContainText('Performs an event');
  await shot(page, 'list');
});

test('journeys: an invalid graph shows its problems on the steps and cannot be launched', async ({ adminPage: page }) => {
  const journeyId = await newJourney(page, `Broken ${run}`);
  const panel = page.getByRole('region', { name: 'Step settings' });

  // The starting trigger, an email with no template hung on it, and a wait that nothing leads to.
  const trigger = step(page, 'Only by hand or through the API');
  await trigger.click();
  await page.getByRole('button', { name: 'Add Send email', exact: true }).click();
  await expect(panel.getByRole('combobox', { name: 'Template' })).toHaveValue('');
  const email = await stepId(page, 'Choose a template');
  await dropStepBelow(page, 'Wait', step(page, 'Choose a template'), 190);
  const wait = await stepId(page, 'Wait 1 day');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();

  // Each problem on its step (a red border and the message), and in the list above the canvas.
  const emailStep = page.getByTestId(`step-${email}`);
  await expect(emailStep).toHaveAttribute('data-invalid', 'true');
  await expect(emailStep.getByRole('alert')).toHaveText('choose a template');
  await expect(emailStep).toHaveCSS('border-color', 'rgb(250, 82, 82)');
  const waitStep = page.getByTestId(`step-${wait}`);
  await expect(waitStep).toHaveAttribute('data-invalid', 'true');
  await expect(waitStep.getByRole('alert')).toContainText('no path from the trigger reaches this node');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('2 problems block launch');
  await expect(problems).toContainText('Send email: choose a template');

  // Launch is not offered, and the server refuses it too.
  await expect(page.getByRole('button', { name: 'Launch', exact: true })).toBeDisabled();
  const refused = await page.request.post(`/api/v1/journeys/${journeyId}/launch`, { data: {} });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { problems: { nodeId: string }[] }).problems.map((problem) => problem.nodeId)).toEqual(expect.arrayContaining([email, wait]));

  // The problem list selects the step it names.
  await problems.getByRole('button', { name: 'Send email' }).click();
  await expect(panel).toContainText('choose a template');
  await fitView(page);
  await shot(page, 'problems');

  // Fixed: the wait deleted (Delete key), a template chosen; saved, the launch is offered.
  const template = await page.request.post('/api/v1/email/templates', { data: { name: `Fix ${run}`, kind: 'transactional', subject: 'Fix', mjml: mjml('Fixed') } });
  expect(template.status(), await template.text()).toBe(201);
  await page.getByTestId(`step-${wait}`).click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId(`step-${wait}`)).toHaveCount(0);
  await page.getByTestId(`step-${email}`).click();
  await pickOption(page, panel, 'Template', `Fix ${run}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Problems' })).toHaveCount(0);
  await expect(page.getByTestId(`step-${email}`)).not.toHaveAttribute('data-invalid');
  await expect(page.getByRole('button', { name: 'Launch', exact: true })).toBeEnabled();
});

test('journeys: entry rules and a goal, a random split with its numbers, a new version published, paused, resumed and archived', async ({ adminPage: page }) => {
  test.setTimeout(120_000);
  const journeyName = `A/B ${run}`;
  const journeyId = await newJourney(page, journeyName);
  const panel = page.getByRole('region', { name: 'Step settings' });

  // The starting trigger (by hand), then a random split whose arms each tag the contact; the hold-out has no step.
  await step(page, 'Only by hand or through the API').click();
  await page.getByRole('button', { name: 'Add Random split', exact: true }).click();
  const random = await stepId(page, /^Random split/);
  await expect(page.locator(`.react-flow__handle.source[data-nodeid="${random}"]`)).toHaveCount(3);
  await expect(step(page, /^Random split/)).toContainText('45% / 45%, 10% held out');
  await expect(page.locator(`.react-flow__handle.source[data-nodeid="${random}"][data-handleid="holdout"]`)).toHaveAttribute('aria-label', 'Hold-out 10% exit');
  await panel.getByRole('textbox', { name: 'Arm 1 percent' }).fill('50');
  await panel.getByRole('textbox', { name: 'Arm 2 percent' }).fill('40');
  await expect(step(page, /^Random split/)).toContainText('50% / 40%, 10% held out');
  for (const tag of ['variant-a', 'variant-b']) {
    await step(page, /^Random split/).click();
    await page.getByRole('button', { name: 'Add Tag', exact: true }).click();
    await panel.getByRole('textbox', { name: 'Tag' }).fill(tag);
    await expect(step(page, `Add "${tag}"`)).toBeVisible();
  }
  await step(page, /^Random split/).click();
  await expect(panel.getByRole('combobox', { name: 'Variant A 50% goes to' })).toHaveValue(/^Tag/);
  await expect(panel.getByRole('combobox', { name: 'Hold-out 10% goes to' })).toHaveValue('');

  // Settings: again after 30 days, at most 500 in flight, converted on becoming a customer.
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settings = page.getByRole('region', { name: 'Journey settings' });
  await settings.getByRole('radio', { name: 'After' }).check();
  await settings.getByRole('textbox', { name: 'Days before re-entry' }).fill('30');
  await settings.getByRole('textbox', { name: 'Max in flight' }).fill('500');
  await settings.getByRole('button', { name: 'Set goal' }).click();
  const goalDialog = page.getByRole('dialog', { name: 'Goal' });
  await goalDialog.getByRole('button', { name: 'Add condition' }).click();
  await pickOption(page, goalDialog, 'Filter on', /^Lifecycle stage$/);
  await pickOption(page, goalDialog, 'Value', /^Customer$/);
  await goalDialog.getByRole('button', { name: 'Apply' }).click();
  await expect(settings.getByLabel('Goal summary')).toHaveText('Lifecycle stage is Customer');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  const saved = (await (await page.request.get(`/api/v1/journeys/${journeyId}`)).json()) as { draft: { rules: { reentry: unknown; maxInFlight: number; goal: unknown } } };
  expect(saved.draft.rules.reentry).toEqual({ mode: 'after', days: 30 });
  expect(saved.draft.rules.maxInFlight).toBe(500);
  expect(saved.draft.rules.goal).toEqual({ type: 'field', field: 'lifecycleStage', operator: 'equals', value: 'customer' });

  // Launched, with contacts enrolled through the API: the split shows its arms and the test's verdict.
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.getByRole('dialog', { name: 'Launch journey' }).getByRole('button', { name: 'Launch now' }).click();
  await expect(page.getByLabel('Status Live')).toBeVisible();
  const contactIds: string[] = [];
  for (let index = 0; index < 6; index++) {
    const created = await page.request.post('/api/v1/contacts', { data: { firstName: 'Abby', lastName: `Split ${index} ${run}`, email: `abby.${index}.${run}@journeys.test` } });
    expect(created.status(), await created.text()).toBe(201);
    contactIds.push(((await created.json()) as { id: string }).id);
  }
  const enrolled = await page.request.post(`/api/v1/journeys/${journeyId}/enrolments`, { data: { contactIds } });
  expect(enrolled.status(), await enrolled.text()).toBe(200);
  expect(((await enrolled.json()) as { enrolled: unknown[] }).enrolled).toHaveLength(6);
  const arms = step(page, /^Random split/).getByRole('group', { name: 'Random split results' });
  await expect(arms).toContainText('Variant A');
  await expect(arms).toContainText(/p = |Not enough data/);
  await expect(page.getByRole('group', { name: 'Journey totals' }).getByLabel('Entered 6')).toBeVisible({ timeout: 15_000 });
  await fitView(page);
  await shot(page, 'random-split');

  // A change to the live journey is a new version; contacts at kept steps move to it.
  await step(page, 'Add "variant-b"').click();
  await panel.getByRole('textbox', { name: 'Tag' }).fill('variant-b2');
  await page.getByRole('button', { name: 'Publish changes' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish version 2' });
  await publish.getByRole('radio', { name: /Move to version 2 at the same step/ }).check();
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(publish).toBeHidden();
  await expect(page.getByText('Version 2 live')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish changes' })).toBeDisabled();

  // Paused and resumed, then archived: the builder is read-only.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByLabel('Status Paused')).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByLabel('Status Live')).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Archive journey' }).click();
  await page.getByRole('dialog', { name: 'Archive journey' }).getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByLabel('Status Archived')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add Wait', exact: true })).toBeDisabled();

  // Enrolments by status: the hold-out, in flight until the archive, ended as exited.
  await page.getByRole('tab', { name: 'Enrolments' }).click();
  const table = page.getByRole('table', { name: 'Enrolments' });
  await expect(table.getByRole('row')).toHaveCount(7);
  // A segmented control's radio is hidden: its label is what is clicked.
  await page.getByRole('radiogroup', { name: 'Status' }).locator('label').filter({ hasText: /^Completed$/ }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('Completed');
  for (const row of await table.getByRole('row').all()) if (!(await row.textContent())?.includes('Contact')) await expect(row).toContainText('Completed');
});
