import { choose, expect, snap, test } from './fixtures';

test('a contacts CSV with two bad rows imports the rest and lists the two with their line numbers and reasons', async ({ adminPage: page }) => {
  const api = page.request;
  const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const key = `seats_${tag}`;
  const field = await api.post('/api/v1/custom-fields', { data: { objectType: 'contact', key, label: `Licence seats ${tag}`, type: 'number' } });
  expect(field.status()).toBe(201);

  const domain = `fjord-${tag}.example`;
  const csv = [
    `Email,First name,Last name,Job title,Company,Licence seats ${tag},Favourite colour`,
    `anna@${domain},Anna,Berg,CTO,Fjord ${tag},12,green`,
    `not-an-email,Bo,Ek,CFO,Fjord ${tag},3,blue`, // line 3: invalid email
    `carl@${domain},Carl,Dahl,Engineer,Fjord ${tag},5,red`,
    `dora@${domain},Dora,Fors,Buyer,Fjord ${tag},many,grey`, // line 5: seats is not a number
    `erik@${domain},Erik,Gran,CEO,Fjord ${tag},1,`,
  ].join('\n');

  await page.goto('/imports/new');
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Contacts' })).toBeChecked();
  await page.locator('input[type="file"]').setInputFiles({ name: `fjord-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Upload and map columns' }).click();

  const mapping = page.getByRole('table', { name: 'Column mapping' });
  await expect(mapping).toBeVisible();
  await expect(page.getByText(`Map the columns of fjord-${tag}.csv`)).toBeVisible();
  // Suggested from the column names, the workspace's own field included.
  await expect(page.getByRole('combobox', { name: 'Import column Email as' })).toHaveValue('Email');
  await expect(page.getByRole('combobox', { name: 'Import column Company as' })).toHaveValue('Company name');
  await expect(page.getByRole('combobox', { name: `Import column Licence seats ${tag} as` })).toHaveValue(`Licence seats ${tag}`);
  await expect(page.getByRole('combobox', { name: 'Import column Favourite colour as' })).toHaveValue('Don’t import');
  await expect(mapping.getByRole('row').filter({ hasText: 'Email' }).first()).toContainText(`anna@${domain}`);
  await expect(page.getByTestId('mapped-count')).toHaveText('6 of 7 columns mapped');

  // Two columns cannot fill one field.
  await choose(page, 'Import column Job title as', 'First name');
  await expect(page.getByText('First name is already filled from “First name”')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await choose(page, 'Import column Job title as', 'Job title');
  await page.getByRole('radio', { name: 'Update it' }).check();
  await snap(page, 'crm-import-mapping');

  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('3 created, 2 rejected (5 rows).', { timeout: 30_000 });
  await expect(page.getByTestId('count-created')).toContainText('3');
  await expect(page.getByTestId('count-rejected')).toContainText('2');

  const rejected = page.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row')).toHaveCount(3);
  const emailRow = rejected.getByRole('row').nth(1);
  await expect(emailRow.getByRole('cell').nth(0)).toHaveText('3');
  await expect(emailRow.getByRole('cell').nth(1)).toHaveText('Email');
  await expect(emailRow.getByRole('cell').nth(2)).toContainText('is not an email address');
  const seatsRow = rejected.getByRole('row').nth(2);
  await expect(seatsRow.getByRole('cell').nth(0)).toHaveText('5');
  await expect(seatsRow.getByRole('cell').nth(1)).toHaveText(`Licence seats ${tag}`);
  await expect(seatsRow.getByRole('cell').nth(2)).toContainText('"many" is not a number');

  const download = page.getByRole('link', { name: 'Download rejected rows (CSV)' });
  const href = await download.getAttribute('href');
  expect(href).toMatch(/\/api\/v1\/imports\/[0-9a-f-]+\/rejections\?format=csv/);
  const file = await api.get(href!);
  expect(file.status()).toBe(200);
  // Each rejected row with its line and reason, then its original columns, ready to fix and re-import.
  const lines = (await file.text()).replace(/^\uFEFF/, '').trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^line,field,reason,/);
  expect(lines[1]).toMatch(/^3,email,.*not-an-email/);
  expect(lines[2]).toMatch(/^5,/);
  await snap(page, 'crm-import-result');

  // The imported people are contacts now, with their custom value; the rejected ones are not.
  const anna = (await (await api.get(`/api/v1/contacts?email=${encodeURIComponent(`anna@${domain}`)}`)).json()) as {
    items: { firstName: string; jobTitle: string; custom: Record<string, unknown> }[];
  };
  expect(anna.items).toHaveLength(1);
  expect(anna.items[0]).toMatchObject({ firstName: 'Anna', jobTitle: 'CTO', custom: { [key]: 12 } });
  const dora = (await (await api.get(`/api/v1/contacts?email=${encodeURIComponent(`dora@${domain}`)}`)).json()) as { items: unknown[] };
  expect(dora.items).toHaveLength(0);

  await page.getByRole('link', { name: 'Import history' }).click();
  const history = page.getByRole('table', { name: 'Imports' });
  const row = history.getByRole('row').filter({ hasText: `fjord-${tag}.csv` });
  await expect(row).toContainText('Done');
  await snap(page, 'crm-imports-history');
  await row.getByRole('link', { name: `fjord-${tag}.csv` }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('3 created, 2 rejected (5 rows).');
});

test('a companies CSV without a name column cannot start, and says why', async ({ adminPage: page }) => {
  await page.goto('/imports/new');
  await page.getByRole('radio', { name: 'Companies' }).check();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'domains.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Website,Industry\nacme.example,Retail\n'),
  });
  await page.getByRole('button', { name: 'Upload and map columns' }).click();
  await expect(page.getByRole('combobox', { name: 'Import column Website as' })).toHaveValue('Domain');
  await expect(page.getByText('Map a column to Name: every company needs one.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start import' })).toBeDisabled();
  await page.getByRole('button', { name: 'Choose another file' }).click();
  await expect(page.getByRole('button', { name: 'Upload and map columns' })).toBeVisible();
});
