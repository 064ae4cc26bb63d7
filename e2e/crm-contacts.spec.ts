import type { APIRequestContext, Page } from '@playwright/test';
import { choose, expect, snap, test } from './fixtures';

/** A unique word per run, so tests never see each other's records. */
const run = Date.now().toString(36);

interface Created {
  id: string;
}

async function createContact(request: APIRequestContext, body: Record<string, unknown>): Promise<Created> {
  const response = await request.post('/api/v1/contacts', { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

async function createCompany(request: APIRequestContext, body: Record<string, unknown>): Promise<Created> {
  const response = await request.post('/api/v1/companies', { data: body });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as Created;
}

function timeline(page: Page) {
  return page.getByRole('list', { name: 'Timeline' });
}

test('a company and a contact created in the UI show in the lists and on the company page', async ({ adminPage: page }) => {
  const company = `Nordlys Analytics ${run}`;
  await page.goto('/companies');
  await expect(page.getByRole('heading', { name: 'Companies', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New company' }).first().click();
  const companyDialog = page.getByRole('dialog', { name: 'New company' });
  await companyDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(company);
  await companyDialog.getByLabel('Domain', { exact: true }).fill(`nordlys-${run}.test`);
  await companyDialog.getByLabel('Industry', { exact: true }).fill('Analytics');
  await companyDialog.getByLabel('Employees', { exact: true }).fill('120');
  await companyDialog.getByRole('button', { name: 'Create company' }).click();
  await expect(companyDialog).toBeHidden();
  const companyRow = page.getByRole('table', { name: 'Companies' }).getByRole('row').filter({ hasText: company });
  await expect(companyRow).toContainText(`nordlys-${run}.test`);
  await expect(companyRow).toContainText('120');
  await snap(page, 'crm-companies-list');

  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New contact' });
  await dialog.getByLabel('Email', { exact: true }).fill(`liv.${run}@example.org`);
  await dialog.getByLabel('First name', { exact: true }).fill('Liv');
  await dialog.getByLabel('Last name', { exact: true }).fill(`Strand ${run}`);
  await dialog.getByLabel('Job title', { exact: true }).fill('Head of Analytics');
  // The company picker searches the server as the person types.
  await dialog.getByRole('combobox', { name: 'Company', exact: true }).fill('Nordlys');
  await page.getByRole('option', { name: company }).click();
  await snap(page, 'crm-new-contact');
  await dialog.getByRole('button', { name: 'Create contact' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('table', { name: 'Contacts' }).getByRole('row').filter({ hasText: `Liv Strand ${run}` });
  await expect(row).toContainText(`liv.${run}@example.org`);
  await expect(row).toContainText('Head of Analytics');
  await expect(row.getByRole('link', { name: company })).toBeVisible();
  await snap(page, 'crm-contacts-list');

  // The header search finds both records from anywhere.
  await page.getByRole('textbox', { name: 'Search contacts and companies' }).fill(`Strand ${run}`);
  await page.getByRole('option', { name: `Liv Strand ${run}` }).click();
  await expect(page.getByRole('heading', { name: `Liv Strand ${run}`, level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Search contacts and companies' }).fill(company);
  await expect(page.getByRole('option', { name: company })).toBeVisible();
  await snap(page, 'crm-global-search');
  await page.getByRole('option', { name: company }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  const people = page.getByRole('table', { name: 'Contacts at this company' });
  await expect(people.getByRole('link', { name: `Liv Strand ${run}` })).toBeVisible();
  await expect(people).toContainText('Head of Analytics');
  await snap(page, 'crm-company');
});

test('a call logged on a contact appears at the top of its timeline', async ({ adminPage: page }) => {
  const contact = await createContact(page.request, { email: `call.${run}@example.org`, firstName: 'Cora', lastName: `Caller ${run}` });
  await page.goto(`/contacts/${contact.id}`);
  await expect(page.getByRole('heading', { name: `Cora Caller ${run}`, level: 1 })).toBeVisible();
  await expect(timeline(page).getByRole('listitem').first()).toContainText('Contact created');

  await page.getByRole('button', { name: 'Log call' }).click();
  const form = page.getByRole('form', { name: 'Log call' });
  await form.getByLabel('Subject', { exact: true }).fill('Discovery call');
  await form.getByLabel('Call notes', { exact: true }).fill('Needs a CRM that marketing and sales share.');
  await form.getByLabel('Duration (minutes)', { exact: true }).fill('25');
  await choose(page, 'Outcome', 'Connected', form);
  await form.getByRole('button', { name: 'Save call' }).click();
  await expect(form).toBeHidden();

  const first = timeline(page).getByRole('listitem').first();
  await expect(first).toContainText('Call: Discovery call');
  await expect(first).toContainText('25 min');
  await expect(first).toContainText('outcome: Connected');
  await expect(first).toContainText('Needs a CRM that marketing and sales share.');
  await expect(timeline(page).getByRole('listitem').nth(1)).toContainText('Contact created');
  await snap(page, 'crm-contact');
});

test('editing a contact shows the change, old to new, on the timeline', async ({ adminPage: page }) => {
  const contact = await createContact(page.request, {
    email: `edit.${run}@example.org`, firstName: 'Eero', lastName: `Editor ${run}`, jobTitle: 'Analyst', lifecycleStage: 'lead',
  });
  await page.goto(`/contacts/${contact.id}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  const drawer = page.getByRole('dialog', { name: 'Edit contact' });
  await drawer.getByLabel('Job title', { exact: true }).fill('Head of Data');
  await choose(page, 'Lifecycle stage', 'MQL', drawer);
  await snap(page, 'crm-contact-edit');
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer).toBeHidden();

  await expect(page.getByRole('region', { name: 'About' })).toContainText('Head of Data');
  const first = timeline(page).getByRole('listitem').first();
  await expect(first).toContainText('2 fields changed');
  await expect(first).toContainText('Job title: Analyst → Head of Data');
  await expect(first).toContainText('Lifecycle stage: Lead → MQL');
});

test('two contacts are tagged at once from the list', async ({ adminPage: page }) => {
  const family = `Bulkson${run}`;
  await createContact(page.request, { email: `ann.${run}@example.org`, firstName: 'Ann', lastName: family });
  await createContact(page.request, { email: `ben.${run}@example.org`, firstName: 'Ben', lastName: family });
  await createContact(page.request, { email: `cid.${run}@example.org`, firstName: 'Cid', lastName: family });

  await page.goto('/contacts');
  await page.getByLabel('Search', { exact: true }).fill(family);
  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await table.getByRole('checkbox', { name: `Select Ann ${family}` }).check();
  await table.getByRole('checkbox', { name: `Select Ben ${family}` }).check();
  const bulk = page.getByRole('region', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 contacts selected');
  await bulk.getByRole('button', { name: 'Add tag' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add tags to 2 contacts' });
  await dialog.getByLabel('Tags', { exact: true }).fill(`vip-${run}`);
  await dialog.getByLabel('Tags', { exact: true }).press('Enter');
  await dialog.getByRole('button', { name: 'Add tags' }).click();
  await expect(page.getByText('Tagged 2 contacts.')).toBeVisible();
  await expect(bulk).toBeHidden();

  // The tag column is one of the optional columns; the choice is remembered.
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Visible columns' }).getByLabel('Tags', { exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(table.getByRole('row').filter({ hasText: `Ann ${family}` })).toContainText(`vip-${run}`);
  await expect(table.getByRole('row').filter({ hasText: `Ben ${family}` })).toContainText(`vip-${run}`);
  await expect(table.getByRole('row').filter({ hasText: `Cid ${family}` })).not.toContainText(`vip-${run}`);

  await page.getByLabel('Tag', { exact: true }).fill(`vip-${run}`);
  await expect(table.getByRole('row')).toHaveCount(3);
  await snap(page, 'crm-contacts-bulk-tagged');
  await page.reload();
  await expect(table.getByRole('columnheader', { name: 'Tags' })).toBeVisible();
});

test('a custom field defined in Settings is filled in on a contact', async ({ adminPage: page }) => {
  const label = `Customer tier ${run}`;
  await page.goto('/settings/custom-fields');
  await page.getByRole('button', { name: 'New field' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New custom field' });
  await dialog.getByLabel('Label', { exact: true }).fill(label);
  await expect(dialog.getByLabel('Key', { exact: true })).toHaveValue(`customer_tier_${run}`);
  await choose(page, 'Type', 'Dropdown (one choice)', dialog);
  const options = dialog.getByLabel('Options', { exact: true });
  for (const option of ['Gold', 'Silver', 'Bronze']) {
    await options.fill(option);
    await options.press('Enter');
  }
  await snap(page, 'crm-custom-field-new');
  await dialog.getByRole('button', { name: 'Create field' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Custom fields' }).getByRole('row').filter({ hasText: label });
  await expect(row).toContainText(`custom.customer_tier_${run}`);
  await expect(row).toContainText('Gold, Silver, Bronze');
  await snap(page, 'crm-settings-custom-fields');

  const contact = await createContact(page.request, { email: `tier.${run}@example.org`, firstName: 'Tiia', lastName: `Tier ${run}` });
  await page.goto(`/contacts/${contact.id}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  const drawer = page.getByRole('dialog', { name: 'Edit contact' });
  await choose(page, label, 'Gold', drawer);
  await drawer.getByRole('button', { name: 'Save changes' }).click();
  await expect(drawer).toBeHidden();

  await expect(page.getByRole('region', { name: 'Custom fields' })).toContainText(`${label}Gold`);
  await expect(timeline(page).getByRole('listitem').first()).toContainText(`${label} changed`);
  await expect(timeline(page).getByRole('listitem').first()).toContainText('empty → Gold');

  // The field is a list column and filter too.
  await page.goto(`/contacts?custom.customer_tier_${run}=gold`);
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Contacts' })).toContainText(`Tiia Tier ${run}`);
});

test('duplicates are merged, and the merged-away link opens the survivor', async ({ adminPage: page }) => {
  const company = await createCompany(page.request, { name: `Twin Oy ${run}`, domain: `twin-${run}.test` });
  const older = await createContact(page.request, { email: `max.${run}@twin-${run}.test`, firstName: 'Max', lastName: `Twin ${run}`, companyId: company.id, jobTitle: 'CTO' });
  const newer = await createContact(page.request, { email: `m.twin.${run}@twin-${run}.test`, firstName: 'Max', lastName: `Twin ${run}`, companyId: company.id, phone: '+358 40 123 4567' });

  await page.goto('/contacts?view=duplicates');
  const group = page.getByRole('group', { name: `Duplicate group: Max Twin ${run}` });
  await group.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge contacts' });
  await expect(dialog.getByRole('table', { name: 'Values to keep' })).toContainText('+358 40 123 4567');
  await dialog.getByRole('radio', { name: "Keep the merged record's email" }).check();
  await snap(page, 'crm-contacts-merge');
  await dialog.getByRole('button', { name: 'Merge records' }).click();
  await expect(dialog).toBeHidden();
  await expect(group).toBeHidden();

  await page.goto(`/contacts/${newer.id}`);
  await expect(page).toHaveURL(new RegExp(`/contacts/${older.id}$`));
  await expect(page.getByText('was merged into this one')).toBeVisible();
  const about = page.getByRole('region', { name: 'About' });
  await expect(about).toContainText(`m.twin.${run}@twin-${run}.test`);
  await expect(about).toContainText('+358 40 123 4567');
  await expect(about).toContainText('CTO');
  await expect(timeline(page).getByRole('listitem').first()).toContainText('Merged with a duplicate');
});

test('tasks are added and completed on a company, and data quality reports completeness by owner', async ({ adminPage: page }) => {
  const company = await createCompany(page.request, { name: `Taskforce ${run}` });
  await page.goto(`/companies/${company.id}`);
  const tasks = page.getByRole('region', { name: 'Tasks' });
  await tasks.getByRole('button', { name: 'Add task' }).click();
  await tasks.getByLabel('Task', { exact: true }).fill('Send the proposal');
  await tasks.getByRole('button', { name: 'Create task' }).click();
  await expect(tasks.getByRole('list', { name: 'Tasks' })).toContainText('Send the proposal');
  await expect(timeline(page).getByRole('listitem').first()).toContainText('Task created: Send the proposal');
  await tasks.getByRole('checkbox', { name: 'Complete task Send the proposal' }).check();
  await expect(timeline(page).getByRole('listitem').first()).toContainText('Task completed: Send the proposal');
  await expect(tasks).toContainText('No open tasks');
  await snap(page, 'crm-company-tasks');

  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { id: string } };
  await createContact(page.request, { email: `owned.${run}@example.org`, firstName: 'Olga', lastName: `Owned ${run}`, ownerId: me.user.id });
  await page.goto('/settings/data-quality');
  await expect(page.getByRole('heading', { name: 'Data quality', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Completeness by owner' })).toContainText('No owner');
  await expect(page.getByRole('table', { name: 'Completeness by owner' })).toContainText('Ada Admin');
  await snap(page, 'crm-settings-data-quality');
});
