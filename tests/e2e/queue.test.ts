import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../common/domain/workflow.ts';
import { eventually, expectNoSeriousA11yViolations, launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// The case queue in the browser shell, from an empty workspace to an open case. The tests run in order
// on one workspace: the first fills it from the empty state the way a new user would.

const usd = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

describe('case queue', () => {
  let app: Casebench;
  let browser: Browser;
  let page: Page;

  const table = () => page.getByRole('table', { name: 'Cases' });
  const bodyRows = () => table().locator('tbody tr');
  const firstRowNumber = () => bodyRows().first().locator('th').innerText();
  const cellOfFirstRow = (column: number) => bodyRows().first().locator('th, td').nth(column).innerText();
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

  it('offers a demo workspace when empty, and fills the queue with it', async () => {
    await page.getByRole('heading', { name: 'This workspace is empty' }).waitFor();
    await page.locator('.profile-role').waitFor();
    expect(await page.locator('.profile-role').innerText()).toBe('Adjuster');
    expect((await page.locator('.profile-name').innerText()).length).toBeGreaterThan(0);
    await screenshot(page, 'empty');

    await page.getByRole('button', { name: 'Create demo workspace' }).click();
    await page.getByRole('progressbar', { name: 'Creating demo workspace' }).waitFor();

    await table().waitFor();
    await eventually(caseCount).toBe('3,040 cases');
    await eventually(() => page.locator('.pager-range').innerText()).toBe('1–50 of 3,040');
    expect(await bodyRows().count()).toBe(50);
    // The first row is the most recently changed case, as the default sort says.
    const newest = await app.api('cases.list', { limit: 1 });
    await eventually(firstRowNumber).toBe(newest.rows[0].number);
    expect(await page.getByRole('columnheader', { name: 'Last change' }).getAttribute('aria-sort')).toBe('descending');

    await screenshot(page, 'list');
    await expectNoSeriousA11yViolations(page);
  });

  it('finds a case by a plate taken from the workspace', async () => {
    const { rows } = await app.api('cases.list', { kind: 'claim', sort: 'number', direction: 'asc', offset: 1234, limit: 1 });
    const target = rows[0];
    expect(target.plate).toBeTruthy();
    expect(await firstRowNumber()).not.toBe(target.number);

    await page.keyboard.press('/');
    await eventually(() => searchBox().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(target.plate!);

    await eventually(firstRowNumber).toBe(target.number);
    expect(await cellOfFirstRow(4)).toBe(target.plate);
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

    await page.getByRole('button', { name: 'Amount' }).click();

    await eventually(() => page.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('descending');
    await eventually(firstRowNumber).toBe(largest.number);
    expect(await cellOfFirstRow(6)).toBe(usd(largest.amountCents!));
    expect(await page.getByRole('columnheader', { name: 'Last change' }).getAttribute('aria-sort')).toBe('none');

    // Clicking again turns the order around.
    await page.getByRole('button', { name: 'Amount' }).click();
    await eventually(() => page.getByRole('columnheader', { name: 'Amount' }).getAttribute('aria-sort')).toBe('ascending');
    await eventually(firstRowNumber).not.toBe(largest.number);
  });

  it('opens a claim from the keyboard and shows its details and timeline', async () => {
    await page.getByRole('combobox', { name: 'Type' }).selectOption('claim');
    await eventually(caseCount).toBe('3,000 cases');
    const secondNumber = await bodyRows().nth(1).locator('th').innerText();
    const secondId = (await bodyRows().nth(1).getAttribute('data-case-id'))!;

    // Focus the first case, move down one with j, open it with Enter.
    await bodyRows().first().getByRole('button').focus();
    await page.keyboard.press('j');
    await eventually(() => bodyRows().nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    const panel = page.getByRole('complementary', { name: secondNumber });
    await panel.waitFor();
    const { case: claim, notes } = await app.api('cases.get', { id: secondId });
    expect(claim.number).toBe(secondNumber);
    await eventually(() => panel.locator('.detail-header .status-badge').innerText()).toBe(STATUS_LABELS[claim.status]);
    expect(await panel.locator('.detail-facts').innerText()).toContain(usd(claim.amountClaimedCents!));
    expect(await panel.locator('.detail-facts').innerText()).toContain(claim.assignee!);

    const timeline = panel.getByRole('list', { name: 'Case timeline' });
    await timeline.getByText('Claim created', { exact: true }).waitFor();
    const firstEntry = timeline.getByRole('listitem').first();
    expect(await firstEntry.innerText()).toContain('Claims intake');
    expect(await firstEntry.innerText()).toContain('Adjuster');

    const claimant = claim.parties.find((p) => p.role === 'claimant')!;
    await panel.getByRole('region', { name: /Parties/ }).getByText(claimant.name).waitFor();
    await panel.getByRole('region', { name: /Vehicles/ }).getByText(claim.vehicles[0].plate!).first().waitFor();
    if (notes.length > 0) await panel.getByRole('region', { name: /Notes/ }).getByText(notes[0].text).waitFor();

    await screenshot(page, 'detail');
    await expectNoSeriousA11yViolations(page);
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(page, 'detail-timeline');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
  });

  it('reads in the dark colour scheme too', async () => {
    const dark = await openApp(browser, app, { colorScheme: 'dark' });
    await dark.getByRole('table', { name: 'Cases' }).waitFor();
    await eventually(() => dark.locator('.queue-count').innerText()).toBe('3,040 cases');
    await screenshot(dark, 'list-dark');
    await expectNoSeriousA11yViolations(dark);
    await dark.getByRole('table', { name: 'Cases' }).locator('tbody tr').nth(2).click();
    await dark.getByRole('list', { name: 'Case timeline' }).waitFor();
    await screenshot(dark, 'detail-dark');
    await expectNoSeriousA11yViolations(dark);
    expect(problemsOf(dark)).toEqual([]);
    await dark.context().close();
  });

  it('raised no script errors or policy refusals along the way', () => {
    expect(problemsOf(page)).toEqual([]);
  });
});
