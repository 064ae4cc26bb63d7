import type { APIRequestContext, Page } from '@playwright/test';
import { choose, expect, mainNav, snap, test } from './fixtures';

interface Deal {
  id: string;
  name: string;
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  stageHistory: { stageName: string; leftAt: string | null }[];
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** A column of the deals board, by stage name. */
function column(page: Page, stage: string) {
  return page.getByRole('region', { name: stage, exact: true });
}

async function getDeal(api: APIRequestContext, id: string): Promise<Deal> {
  const response = await api.get(`/api/v1/deals/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Deal;
}

async function findDeal(api: APIRequestContext, name: string): Promise<Deal> {
  const response = await api.get(`/api/v1/deals?q=${encodeURIComponent(name)}`);
  const page = (await response.json()) as { items: Deal[] };
  const deal = page.items.find((item) => item.name === name);
  expect(deal, `deal ${name} exists`).toBeDefined();
  return getDeal(api, deal!.id);
}

test('a deal created on the board is dragged stage by stage to Closed won, and its page shows it won with its stage history', async ({
  adminPage: page,
}) => {
  const api = page.request;
  const tag = unique();
  const companyName = `Nordlys Analytics ${tag}`;
  const company = await api.post('/api/v1/companies', { data: { name: companyName, domain: `nordlys-${tag}.example` } });
  expect(company.status()).toBe(201);
  const contact = await api.post('/api/v1/contacts', {
    data: { email: `ida.${tag}@nordlys-${tag}.example`, firstName: 'Ida', lastName: `Lund${tag}` },
  });
  expect(contact.status()).toBe(201);
  const personName = `Ida Lund${tag}`;
  const dealName = `Nordlys ${tag} – annual licence`;

  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'Deals' }).click();
  await expect(page.getByRole('heading', { name: 'Deals', level: 1 })).toBeVisible();
  for (const stage of ['Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']) {
    await expect(column(page, stage)).toBeVisible();
  }

  await page.getByRole('button', { name: 'New deal', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New deal' });
  await dialog.getByLabel('Deal name').fill(dealName);
  await dialog.getByLabel('Amount').fill('48000');
  await dialog.getByLabel('Expected close date').fill('2027-03-31');
  await dialog.getByRole('combobox', { name: 'Company' }).fill(`Nordlys Analytics ${tag}`);
  await page.getByRole('option', { name: companyName }).click();
  await dialog.getByRole('combobox', { name: 'Add a contact' }).fill(`Lund${tag}`);
  await page.getByRole('option', { name: personName }).click();
  await expect(dialog.getByRole('listitem').filter({ hasText: personName })).toBeVisible();
  await choose(page, `Buying role of ${personName}`, 'Decision maker', dialog);
  await snap(page, 'crm-deal-new');
  await dialog.getByRole('button', { name: 'Create deal' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('article', { name: dealName });
  await expect(column(page, 'Qualification').getByRole('article', { name: dealName })).toBeVisible();
  await expect(card).toContainText(companyName);
  await expect(card).toContainText('€48,000');

  const created = await findDeal(api, dealName);
  for (const stage of ['Needs analysis', 'Proposal', 'Negotiation', 'Closed won']) {
    await card.dragTo(column(page, stage));
    await expect(column(page, stage).getByRole('article', { name: dealName })).toBeVisible();
    // Each move is on the server before the next drag, so the history has every stage in order.
    await expect.poll(async () => (await getDeal(api, created.id)).stageHistory.at(-1)?.stageName).toBe(stage);
  }
  await expect(column(page, 'Closed won').getByTestId('stage-count')).toHaveText('1');
  await snap(page, 'crm-deals-board');

  const won = await getDeal(api, created.id);
  expect(won.status).toBe('won');
  expect(won.stageHistory.map((entry) => entry.stageName)).toEqual(['Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Closed won']);

  await column(page, 'Closed won').getByRole('link', { name: dealName }).click();
  await expect(page).toHaveURL(new RegExp(`/deals/${created.id}$`));
  await expect(page.getByRole('heading', { name: dealName, level: 1 })).toBeVisible();
  await expect(page.getByTestId('deal-status')).toHaveText('Won');
  await expect(page.getByTestId('deal-amount')).toHaveText('€48,000');
  const history = page.getByRole('table', { name: 'Stage history' });
  await expect(history.getByRole('row')).toHaveCount(6);
  for (const [index, stage] of ['Qualification', 'Needs analysis', 'Proposal', 'Negotiation', 'Closed won'].entries()) {
    await expect(history.getByRole('row').nth(index + 1)).toContainText(stage);
  }
  await expect(history.getByRole('row').last()).toContainText('so far');
  const people = page.getByRole('list', { name: 'People on this deal' });
  await expect(people.getByRole('listitem', { name: personName })).toBeVisible();
  await expect(people.getByRole('combobox', { name: `Buying role of ${personName}` })).toHaveValue('Decision maker');
  await expect(page.getByRole('link', { name: companyName }).first()).toBeVisible();
  // The timeline tells the same story.
  await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('won');
  await snap(page, 'crm-deal-page');
});

test('dropping a deal on Closed lost asks why, and does not close it without a reason', async ({ adminPage: page }) => {
  const api = page.request;
  const dealName = `Tunturi ${unique()} – pilot`;
  const response = await api.post('/api/v1/deals', { data: { name: dealName, amount: 12000, currency: 'EUR' } });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as Deal;

  await page.goto('/deals');
  const card = page.getByRole('article', { name: dealName });
  await expect(column(page, 'Qualification').getByRole('article', { name: dealName })).toBeVisible();

  await card.dragTo(column(page, 'Closed lost'));
  const dialog = page.getByRole('dialog', { name: 'Why was this deal lost?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog.getByText('Say why the deal was lost before you close it.')).toBeVisible();
  await expect(dialog).toBeVisible();
  await snap(page, 'crm-deal-lost-reason');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, 'Qualification').getByRole('article', { name: dealName })).toBeVisible();
  expect((await getDeal(api, id)).status).toBe('open');

  // The server refuses a lost stage without a reason too.
  const lostStage = await api.get('/api/v1/pipelines').then(async (r) => {
    const { items } = (await r.json()) as { items: { stages: { id: string; kind: string }[] }[] };
    return items[0]!.stages.find((stage) => stage.kind === 'lost')!.id;
  });
  const refused = await api.patch(`/api/v1/deals/${id}`, { data: { stageId: lostStage } });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { field: string }).field).toBe('lostReason');

  await card.dragTo(column(page, 'Closed lost'));
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason lost').fill('Chose a cheaper competitor');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog).toBeHidden();
  await expect(column(page, 'Closed lost').getByRole('article', { name: dealName })).toBeVisible();
  await expect.poll(async () => (await getDeal(api, id)).status).toBe('lost');
  expect((await getDeal(api, id)).lostReason).toBe('Chose a cheaper competitor');

  await column(page, 'Closed lost').getByRole('link', { name: dealName }).click();
  await expect(page.getByTestId('deal-status')).toHaveText('Lost');
  await expect(page.getByTestId('lost-reason')).toContainText('Chose a cheaper competitor');
});

test('My tasks shows the signed-in user’s open tasks by due date, and completing one takes it off the open list', async ({
  adminPage: page,
}) => {
  const api = page.request;
  const tag = unique();
  const day = 86_400_000;
  const overdue = `Send the proposal ${tag}`;
  const later = `Prepare the QBR ${tag}`;
  for (const [title, dueAt] of [
    [overdue, new Date(Date.now() - day).toISOString()],
    [later, new Date(Date.now() + 3 * day).toISOString()],
  ] as const) {
    const created = await api.post('/api/v1/tasks', { data: { title, dueAt, priority: title === overdue ? 'high' : 'normal' } });
    expect(created.status()).toBe(201);
  }
  const dealName = `Kuura ${tag} – renewal`;
  expect((await api.post('/api/v1/deals', { data: { name: dealName } })).status()).toBe(201);

  await page.goto('/');
  await mainNav(page).getByRole('link', { name: 'My tasks' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole('heading', { name: 'My tasks', level: 1 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Overdue' }).getByRole('listitem', { name: overdue })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming' }).getByRole('listitem', { name: later })).toBeVisible();

  // A task made here, linked to a deal, is the signed-in user's.
  const call = `Call about the renewal ${tag}`;
  await page.getByRole('button', { name: 'New task' }).click();
  const dialog = page.getByRole('dialog', { name: 'New task' });
  await dialog.getByLabel('Title').fill(call);
  await choose(page, 'Priority', 'High', dialog);
  await dialog.getByText('Deal', { exact: true }).click();
  await dialog.getByRole('combobox', { name: 'Deal' }).fill(`Kuura ${tag}`);
  await page.getByRole('option', { name: dealName }).click();
  await dialog.getByRole('button', { name: 'Create task' }).click();
  await expect(dialog).toBeHidden();
  const callRow = page.getByRole('listitem', { name: call });
  await expect(callRow).toBeVisible();
  await expect(callRow.getByRole('link', { name: dealName })).toBeVisible();
  await snap(page, 'crm-tasks');

  await page.getByRole('checkbox', { name: `Complete “${overdue}”` }).click();
  await expect(page.getByRole('listitem', { name: overdue })).toHaveCount(0);
  await expect(page.getByRole('listitem', { name: later })).toBeVisible();
  await expect
    .poll(async () => {
      const open = (await (await api.get('/api/v1/tasks?assigneeId=me&status=open')).json()) as { items: { title: string }[] };
      return open.items.map((task) => task.title);
    })
    .not.toContain(overdue);

  await page.getByLabel('Show tasks').getByText('Done', { exact: true }).click();
  await expect(page.getByRole('listitem', { name: overdue })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Reopen “${overdue}”` })).toBeChecked();
  await snap(page, 'crm-tasks-done');
});

test('the deal page edits the deal and the people on it, and moves it along its stage path', async ({ adminPage: page }) => {
  const api = page.request;
  const tag = unique();
  const person = async (firstName: string, lastName: string) => {
    const response = await api.post('/api/v1/contacts', { data: { email: `${firstName}.${tag}@vesi-${tag}.example`.toLowerCase(), firstName, lastName } });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const mia = await person('Mia', `Koski${tag}`);
  await person('Olli', `Rinne${tag}`);
  const dealName = `Vesi ${tag} – platform licence`;
  const created = await api.post('/api/v1/deals', {
    data: { name: dealName, amount: 10000, currency: 'EUR', contacts: [{ contactId: mia, role: 'influencer' }] },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as Deal;

  await page.goto(`/deals/${id}`);
  await expect(page.getByRole('heading', { name: dealName, level: 1 })).toBeVisible();
  await expect(page.getByTestId('deal-status')).toHaveText('Open');
  const people = page.getByRole('list', { name: 'People on this deal' });
  await expect(people.getByRole('combobox', { name: `Buying role of Mia Koski${tag}` })).toHaveValue('Influencer');

  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Amount').fill('25000');
  await page.getByLabel('Expected close date').fill('2027-06-30');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('deal-amount')).toHaveText('€25,000');
  await expect.poll(async () => (await getDeal(api, id)) as unknown).toMatchObject({ amount: 25000, expectedCloseDate: '2027-06-30' });

  await page.getByRole('combobox', { name: 'Add a person' }).fill(`Rinne${tag}`);
  await page.getByRole('option', { name: `Olli Rinne${tag}` }).click();
  await expect(people.getByRole('listitem', { name: `Olli Rinne${tag}` })).toBeVisible();
  await choose(page, `Buying role of Olli Rinne${tag}`, 'Technical buyer', people);
  await people.getByRole('button', { name: `Remove Mia Koski${tag} from the deal` }).click();
  await expect(people.getByRole('listitem', { name: `Mia Koski${tag}` })).toHaveCount(0);
  await expect
    .poll(async () => ((await getDeal(api, id)) as unknown as { contacts: { role: string | null }[] }).contacts.map((link) => link.role))
    .toEqual(['technical']);

  const path = page.getByRole('group', { name: 'Move to stage' });
  await path.getByRole('button', { name: 'Move to Proposal' }).click();
  await expect(path.getByRole('button', { name: 'Move to Proposal' })).toHaveAttribute('aria-current', 'step');
  await expect(page.getByRole('table', { name: 'Stage history' }).getByRole('row')).toHaveCount(3);
  await path.getByRole('button', { name: 'Move to Closed lost' }).click();
  const dialog = page.getByRole('dialog', { name: 'Why was this deal lost?' });
  await dialog.getByText('No budget', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('deal-status')).toHaveText('Lost');
  await expect(page.getByTestId('lost-reason')).toContainText('No budget');
  expect(await getDeal(api, id)).toMatchObject({ status: 'lost', lostReason: 'No budget' });
});
