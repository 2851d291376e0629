import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../common/domain/workflow.ts';
import { eventually, expectNoSeriousA11yViolations, launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// The case queue in the browser shell, from an empty workspace to an open case. The tests run in order
// on one workspace: the first fills it from the empty state the way a new user would.

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const count = (n: number) => `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? 'case' : 'cases'}`;

describe('case queue', () => {
  let app: Casebench;
  let browser: Browser;
  let page: Page;

  const table = () => page.getByRole('table', { name: 'Cases' });
  const bodyRows = () => table().getByRole('rowgroup').nth(1).getByRole('row');
  const firstRowNumber = () => bodyRows().first().getByRole('rowheader').innerText();
  const cellsOf = (row: number) => bodyRows().nth(row).locator('[role=rowheader], [role=cell]');
  const columnOf = async (label: string) => (await table().getByRole('columnheader').allInnerTexts()).findIndex((t) => t.startsWith(label));
  const cellOfFirstRow = async (label: string) => cellsOf(0).nth(await columnOf(label)).innerText();
  const caseCount = () => page.locator('.queue-count').innerText();
  const searchBox = () => page.getByRole('searchbox', { name: 'Search cases' });

  beforeAll(async () => {
    app = await startCasebench();
    browser = await launchBrowser();
    page = await openApp(browser, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('offers a demo workspace when empty, shows its progress, and fills the queue with it', async () => {
    await page.getByRole('heading', { name: 'This workspace is empty' }).waitFor();
    await page.locator('.profile-role').waitFor();
    expect(await page.locator('.profile-role').innerText()).toBe('Adjuster');
    await screenshot(page, 'empty');

    await page.getByRole('button', { name: 'Create demo workspace' }).click();
    const progress = page.getByRole('progressbar', { name: 'Creating demo workspace' });
    await progress.waitFor();
    // The demo runs as a job in core, so it can be cancelled while it runs.
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    await screenshot(page, 'demo-progress');

    await table().waitFor();
    await eventually(caseCount).toBe('3,040 cases');
    // The first row is the most recently changed case, as the default sort says.
    const newest = await app.api('cases.list', { limit: 1 });
    await eventually(firstRowNumber).toBe(newest.rows[0].number);
    expect(await page.getByRole('columnheader', { name: 'Last change' }).getAttribute('aria-sort')).toBe('descending');
    expect(await table().getAttribute('aria-rowcount')).toBe('3041');

    await screenshot(page, 'list');
    await expectNoSeriousA11yViolations(page);
  });

  it('draws only the rows in view and fetches the rest as the table scrolls', async () => {
    const drawn = await bodyRows().count();
    expect(drawn).toBeGreaterThan(10);
    expect(drawn).toBeLessThan(80);
    const [last] = (await app.api('cases.list', { offset: 3039, limit: 1 })).rows;
    await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const lastRow = table().locator('[aria-rowindex="3041"]');
    await eventually(() => lastRow.getByRole('rowheader').innerText()).toBe(last.number);
    expect(await bodyRows().count()).toBeLessThan(80);
    await screenshot(page, 'list-scrolled-to-end');
    await page.locator('.table-scroll').evaluate((el) => el.scrollTo(0, 0));
    await eventually(firstRowNumber).not.toBe('Loading…');
  });

  it('finds a case by a plate taken from the workspace', async () => {
    const { rows } = await app.api('cases.list', { kind: 'claim', sort: 'number', direction: 'asc', offset: 1234, limit: 1 });
    const target = rows[0];
    expect(target.plate).toBeTruthy();
    expect(await firstRowNumber()).not.toBe(target.number);

    await page.locator('body').press('/');
    await eventually(() => searchBox().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(target.plate!);

    await eventually(firstRowNumber).toBe(target.number);
    expect(await cellOfFirstRow('Plate')).toBe(target.plate);
    const matches = Number((await caseCount()).replace(/\D/g, ''));
    expect(matches).toBeGreaterThanOrEqual(1);
    expect(matches).toBeLessThan(3040);
    await screenshot(page, 'search');

    await searchBox().fill('');
    await eventually(caseCount).toBe('3,040 cases');
  });

  it('sorts by amount with the largest claim first', async () => {
    const before = await firstRowNumber();
    const [largest] = (await app.api('cases.list', { sort: 'amount', direction: 'desc', limit: 1 })).rows;
    expect(largest.amountCents).not.toBeNull();
    expect(before).not.toBe(largest.number);

    await page.getByRole('button', { name: 'Amount', exact: true }).click();

    await eventually(() => page.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('descending');
    await eventually(firstRowNumber).toBe(largest.number);
    expect(await cellOfFirstRow('Amount')).toBe(usd(largest.amountCents!));
    expect(await page.getByRole('columnheader', { name: 'Last change' }).getAttribute('aria-sort')).toBe('none');

    // Clicking again turns the order around.
    await page.getByRole('button', { name: 'Amount', exact: true }).click();
    await eventually(() => page.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('ascending');
    await eventually(firstRowNumber).not.toBe(largest.number);
    await page.getByRole('button', { name: 'Last change', exact: true }).click();
    await eventually(() => page.getByRole('columnheader', { name: 'Last change' }).getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by several statuses and an amount range, as core counts them', async () => {
    const expected = await app.api('cases.list', { status: ['referred_siu', 'denied'], amountMinCents: 2_000_000, limit: 1 });
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(3040);

    await page.getByRole('button', { name: 'Status filter: All' }).click();
    await page.getByRole('checkbox', { name: 'Referred to SIU' }).check();
    await page.getByRole('checkbox', { name: 'Denied' }).check();
    await page.getByRole('textbox', { name: 'Amount from' }).fill('20,000');
    await eventually(caseCount).toBe(count(expected.total));
    await screenshot(page, 'filters');
    await page.keyboard.press('Escape');

    const statusColumn = await columnOf('Status');
    const amountColumn = await columnOf('Amount');
    const shown = Math.min(expected.total, 8);
    for (let i = 0; i < shown; i++) {
      expect([STATUS_LABELS.referred_siu, STATUS_LABELS.denied]).toContain(await cellsOf(i).nth(statusColumn).innerText());
      expect(Number((await cellsOf(i).nth(amountColumn).innerText()).replace(/[$,]/g, ''))).toBeGreaterThanOrEqual(20_000);
    }

    // An amount that is not one says so, and is not applied.
    await page.getByRole('textbox', { name: 'Amount to' }).fill('lots');
    await page.getByRole('alert').filter({ hasText: 'Amounts are dollars' }).waitFor();
    await eventually(caseCount).toBe(count(expected.total));

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await eventually(caseCount).toBe('3,040 cases');
  });

  it('has the built-in views and keeps a saved view and the chosen columns in the workspace', async () => {
    const siu = await app.api('cases.list', { status: ['referred_siu'], limit: 1 });
    const view = page.getByRole('combobox', { name: 'View' });
    await view.selectOption({ label: 'Referred to SIU' });
    await eventually(caseCount).toBe(count(siu.total));

    // Refining a view keeps its filters and adds to them.
    await page.getByRole('combobox', { name: 'Type' }).selectOption('claim');
    await page.getByRole('textbox', { name: 'Amount from' }).fill('20000');
    const big = await app.api('cases.list', { kind: 'claim', status: ['referred_siu'], amountMinCents: 2_000_000, limit: 1 });
    expect(big.total).toBeGreaterThan(0);
    expect(big.total).toBeLessThan(siu.total);
    await eventually(caseCount).toBe(count(big.total));
    await page.getByRole('button', { name: 'Save view…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Big claims');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => view.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text)).toBe('Big claims');

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Plate' }).uncheck();
    await eventually(() => page.getByRole('columnheader', { name: 'Plate' }).count()).toBe(0);
    await page.keyboard.press('Escape');

    // A new window of the same workspace finds both.
    const again = await openApp(browser, app);
    await again.getByRole('table', { name: 'Cases' }).waitFor();
    await eventually(() => again.getByRole('columnheader').count()).toBeGreaterThan(3);
    expect(await again.getByRole('columnheader', { name: 'Plate' }).count()).toBe(0);
    await again.getByRole('combobox', { name: 'View' }).selectOption({ label: 'Big claims' });
    await eventually(() => again.locator('.queue-count').innerText()).toBe(count(big.total));
    await again.context().close();

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Plate' }).check();
    await page.keyboard.press('Escape');
    await view.selectOption({ label: 'All cases' });
    await eventually(caseCount).toBe('3,040 cases');
  });

  it('opens a claim from the keyboard and shows its details and timeline', async () => {
    await page.getByRole('combobox', { name: 'Type' }).selectOption('claim');
    await eventually(caseCount).toBe('3,000 cases');
    const secondNumber = await bodyRows().nth(1).getByRole('rowheader').innerText();
    const secondId = (await bodyRows().nth(1).getAttribute('data-case-id'))!;

    // Focus the first case, move down one with j, open it with Enter.
    await bodyRows().first().getByRole('button').focus();
    await page.keyboard.press('j');
    await eventually(() => bodyRows().nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    const panel = page.getByRole('complementary', { name: secondNumber });
    await panel.waitFor();
    const { case: claim } = await app.api('cases.get', { id: secondId });
    expect(claim.number).toBe(secondNumber);
    await eventually(() => panel.locator('.detail-header .status-badge').innerText()).toBe(STATUS_LABELS[claim.status]);
    expect(await panel.locator('.detail-facts').innerText()).toContain(usd(claim.amountClaimedCents!));
    expect(await panel.locator('.detail-facts').innerText()).toContain(claim.assignee!);

    await panel.getByRole('tab', { name: /Parties/ }).click();
    const claimant = claim.parties.find((p) => p.role === 'claimant')!;
    await panel.getByRole('tabpanel').getByText(claimant.name).waitFor();
    await panel.getByRole('tab', { name: /Vehicles/ }).click();
    await panel.getByRole('tabpanel').getByText(claim.vehicles[0].plate!).first().waitFor();

    await panel.getByRole('tab', { name: /Timeline/ }).click();
    const timeline = panel.getByRole('list', { name: 'Case timeline' });
    await timeline.getByText('Claim created', { exact: true }).waitFor();
    const created = timeline.getByRole('listitem').filter({ hasText: 'Claim created' });
    expect(await created.innerText()).toContain('Claims intake · Adjuster · device');

    await screenshot(page, 'detail-timeline');
    await expectNoSeriousA11yViolations(page);

    // j moves to the next case with the panel open, keeping the tab.
    await page.keyboard.press('j');
    const thirdNumber = await bodyRows().nth(2).getByRole('rowheader').innerText();
    await page.getByRole('complementary', { name: thirdNumber }).waitFor();
    expect(await page.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-selected')).toBe('true');

    await page.keyboard.press('Escape');
    await page.locator('.detail-panel').waitFor({ state: 'detached' });
  });

  it('updates the queue by itself when core reports a change', async () => {
    await eventually(caseCount).toBe('3,000 cases');
    const id = (await bodyRows().first().getAttribute('data-case-id'))!;
    const { case: first, allowedTransitions } = await app.api('cases.get', { id });
    const to = allowedTransitions[0];
    // Another window (here: the API) moves the claim; this one was not asked to reload.
    await app.api('cases.transition', { id, to, reason: 'Moved from another window.' });
    const statusColumn = await columnOf('Status');
    await eventually(() => table().locator(`[data-case-id="${id}"]`).locator('[role=rowheader], [role=cell]').nth(statusColumn).innerText()).toBe(STATUS_LABELS[to]);
    expect(STATUS_LABELS[to]).not.toBe(STATUS_LABELS[first.status]);
  });

  it('lists the keyboard shortcuts on ?', async () => {
    await page.locator('body').press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.innerText()).toContain('Open the selected case');
    await screenshot(page, 'shortcuts');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('lays out on a 4K screen at 200% scale', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 2, locale: 'en-US', timezoneId: 'UTC' });
    const big = await context.newPage();
    await big.goto(app.url);
    await big.getByRole('table', { name: 'Cases' }).getByRole('rowheader').first().waitFor();
    // Every column fits without scrolling sideways.
    expect(await big.locator('.table-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await screenshot(big, 'list-4k');
    await context.close();
  });

  it('reads in the dark colour scheme too', async () => {
    const dark = await openApp(browser, app, { colorScheme: 'dark' });
    await dark.getByRole('table', { name: 'Cases' }).waitFor();
    await eventually(() => dark.locator('.queue-count').innerText()).toBe('3,040 cases');
    await dark.getByRole('table', { name: 'Cases' }).getByRole('rowgroup').nth(1).getByRole('row').nth(2).getByRole('rowheader').waitFor();
    await screenshot(dark, 'list-dark');
    await expectNoSeriousA11yViolations(dark);
    await dark.getByRole('table', { name: 'Cases' }).getByRole('rowgroup').nth(1).getByRole('row').nth(2).click();
    await dark.getByRole('tablist', { name: 'Case sections' }).waitFor();
    await screenshot(dark, 'detail-dark');
    await expectNoSeriousA11yViolations(dark);
    expect(problemsOf(dark)).toEqual([]);
    await dark.context().close();
  });

  it('raised no script errors or policy refusals along the way', () => {
    expect(problemsOf(page)).toEqual([]);
  });
});
