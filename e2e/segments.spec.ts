import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { choose, expect, mainNav, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

/** Where the screenshots of the segment screens go, for a person to look at. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/seg-${name}.png`, fullPage: true, animations: 'disabled' });

async function createContact(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const response = await request.post('/api/v1/contacts', { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Sends events through the collection API with the workspace's write key, as a website or server would. */
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

/** A person the website knows by a user id: identified with their email, then viewing `path` `views` times. */
function visits(userId: string, email: string, path: string, views: number): Record<string, unknown>[] {
  return [
    { type: 'identify', userId, traits: { email } },
    ...Array.from({ length: views }, () => ({ type: 'page', userId, name: 'Pricing', properties: { path } })),
  ];
}

function row(scope: Page | Locator, table: string, text: string) {
  return scope.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
}

test('a segment built by clicking counts live, computes its members and explains why a contact is in it', async ({ adminPage: page }) => {
  const people = {
    anna: { firstName: 'Anna', lastName: `Aalto ${run}`, email: `anna.${run}@segments.test`, country: 'FI', views: 4 },
    bruno: { firstName: 'Bruno', lastName: `Berg ${run}`, email: `bruno.${run}@segments.test`, country: 'SE', views: 4 },
    carla: { firstName: 'Carla', lastName: `Cedercreutz ${run}`, email: `carla.${run}@segments.test`, country: 'FI', views: 1 },
  };
  const ids: Record<string, string> = {};
  for (const [key, person] of Object.entries(people)) {
    ids[key] = await createContact(page.request, { firstName: person.firstName, lastName: person.lastName, email: person.email, country: person.country });
  }
  await sendEvents(
    page.request,
    Object.entries(people).flatMap(([key, person]) => visits(`seg-${run}-${key}`, person.email, '/pricing', person.views)),
  );
  const anna = `Anna Aalto ${run}`;
  const name = `Pricing visitors in Finland ${run}`;

  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Segments' }).click();
  await expect(page.getByRole('heading', { name: 'Segments', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New segment' }).first().click();
  await expect(page).toHaveURL(/\/segments\/new$/);
  await page.getByRole('textbox', { name: 'Name' }).fill(name);

  // Viewed page /pricing at least 3 times in the last 30 days …
  const first = page.getByRole('group', { name: 'Condition 1' });
  await choose(page, 'Filter on', 'Viewed page', first);
  // No path yet: the server's 400 lands on the row it is about.
  await expect(first).toContainText('must be a page path such as /pricing');
  await expect(first).toHaveAttribute('aria-invalid', 'true');
  await first.getByLabel('Page path', { exact: true }).fill('/pricing');
  await first.getByLabel('Page path', { exact: true }).press('Escape');
  await first.getByLabel('Times', { exact: true }).fill('3');
  await expect(first.getByRole('combobox', { name: 'When' })).toHaveValue('in the last');
  await expect(first.getByLabel('Amount', { exact: true })).toHaveValue('30');
  await expect(first).not.toHaveAttribute('aria-invalid', 'true');

  // … AND country is FI.
  await page.getByRole('button', { name: 'Add condition' }).click();
  const second = page.getByRole('group', { name: 'Condition 2' });
  await choose(page, 'Filter on', 'Country', second);
  await expect(second.getByRole('combobox', { name: 'Operator' })).toHaveValue('is');
  await second.getByLabel('Value', { exact: true }).fill('FI');

  // Bruno views the page as often but is in Sweden; Carla is in Finland but looked once.
  await expect(page.getByRole('status', { name: 'Live count' })).toHaveText('1 contact matches');
  const sample = page.getByRole('list', { name: 'Sample of matching contacts' });
  await expect(sample).toContainText(anna);
  await expect(sample).not.toContainText('Bruno');
  await shot(page, 'builder');
  await snap(page, 'segment-builder');

  await page.getByRole('button', { name: 'Create segment' }).click();
  await expect(page).toHaveURL(/\/segments\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const definition = page.getByRole('group', { name: 'Definition' });
  await expect(definition).toContainText('Viewed page /pricing at least 3 times in the last 30 days');
  await expect(definition).toContainText('Country is FI');

  // Membership is computed in the background right after the save.
  const member = row(page, 'Members', anna);
  await expect(member).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel('Member count')).toHaveText('1');
  await expect(page.getByRole('table', { name: 'Members' }).locator('tbody tr')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /\/members\.csv$/);
  await expect(page.getByRole('img', { name: /^Members from/ })).toBeVisible();
  await shot(page, 'segment-page');
  await snap(page, 'segment-page');

  await member.getByRole('button', { name: `Why is ${anna} in this segment?` }).click();
  const drawer = page.getByRole('dialog', { name: `${anna} in ${name}` });
  await expect(drawer).toContainText('Member');
  const tree = drawer.getByRole('tree', { name: 'Conditions' });
  await expect(tree.getByRole('treeitem', { name: /^Passed: All of these/ })).toBeVisible();
  const viewed = tree.getByRole('treeitem', { name: /^Passed: Viewed page \/pricing/ });
  await expect(viewed).toContainText('4 times');
  const country = tree.getByRole('treeitem', { name: /^Passed: Country/ });
  await expect(country).toContainText('FI');
  await expect(tree.getByRole('treeitem', { name: /^Failed/ })).toHaveCount(0);
  await shot(page, 'explanation');
  await snap(page, 'segment-explanation');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The contact page says which segments Anna is in, and why.
  await page.goto(`/contacts/${ids.anna}`);
  const card = page.getByRole('region', { name: 'Segments and lists' });
  await expect(card.getByRole('link', { name })).toBeVisible();
  await card.getByRole('button', { name: `Why is ${anna} in ${name}?` }).click();
  await expect(page.getByRole('dialog', { name: `${anna} in ${name}` }).getByRole('treeitem', { name: /^Passed: All of these/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.goto(`/contacts/${ids.bruno}`);
  await expect(page.getByRole('region', { name: 'Segments and lists' })).toContainText('In no segment or list yet.');

  // The segments list shows it with its one member.
  await page.goto('/segments');
  await expect(row(page, 'Segments', name)).toContainText('1');
  await expect(row(page, 'Segments', name)).toContainText('Active');
});

test('a list gets contacts by hand and from a CSV file, loses the ticked ones, and shows on the contact page', async ({ adminPage: page }) => {
  const dora = await createContact(page.request, { firstName: 'Dora', lastName: `Dahl ${run}`, email: `dora.${run}@segments.test` });
  await createContact(page.request, { firstName: 'Emil', lastName: `Ek ${run}`, email: `emil.${run}@segments.test` });
  const name = `Webinar guests ${run}`;

  await page.goto('/contacts');
  await mainNav(page).getByRole('link', { name: 'Lists' }).click();
  await expect(page.getByRole('heading', { name: 'Lists', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New list' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New list' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create list' }).click();
  await expect(page).toHaveURL(/\/lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Nobody on this list yet')).toBeVisible();

  // By hand: the picker searches contacts as the person types.
  await page.getByRole('combobox', { name: 'Add a contact' }).fill(`dora.${run}`);
  await page.getByRole('option', { name: `Dora Dahl ${run}` }).click();
  await expect(row(page, 'List members', `Dora Dahl ${run}`)).toBeVisible();

  // From a CSV file: one known address, one nobody has.
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const importDialog = page.getByRole('dialog', { name: `Import contacts to ${name}` });
  await importDialog.locator('input[type="file"]').setInputFiles({
    name: 'guests.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email,name\nemil.${run}@segments.test,Emil\nnobody.${run}@segments.test,Nobody\n`),
  });
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog).toContainText('Added 1 contact to the list.');
  // The header is line 1: the unknown address is on line 3.
  const rejected = importDialog.getByRole('table', { name: 'Rejected lines' }).locator('tbody tr');
  await expect(rejected).toHaveCount(1);
  await expect(rejected.getByRole('cell').first()).toHaveText('3');
  await shot(page, 'list-import');
  await importDialog.getByRole('button', { name: 'Done' }).click();
  await expect(row(page, 'List members', `Emil Ek ${run}`)).toBeVisible();

  // Ticked and removed.
  await row(page, 'List members', `Emil Ek ${run}`).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Remove 1 contact' }).click();
  await expect(row(page, 'List members', `Emil Ek ${run}`)).toHaveCount(0);
  await expect(row(page, 'List members', `Dora Dahl ${run}`)).toBeVisible();
  await shot(page, 'list-page');
  await snap(page, 'list-page');

  // Dora's page shows the list, which links back to it.
  await page.goto(`/contacts/${dora}`);
  const card = page.getByRole('region', { name: 'Segments and lists' });
  await expect(card.getByRole('group', { name: 'Lists' })).toContainText(name);
  await card.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();

  await page.goto('/lists');
  await expect(row(page, 'Lists', name)).toContainText('1');
});
