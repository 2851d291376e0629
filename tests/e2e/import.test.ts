import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS_HEADER, claimsCsvRow } from '../helpers/import-fixtures.ts';
import { REPO_ROOT, eventually, expectNoSeriousA11yViolations, launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// Importing claims through the Import dialog of the browser shell: the example file with a bad row, files
// that cannot be imported, and a large import cancelled part-way.

const EXAMPLE = readFileSync(join(REPO_ROOT, 'examples', 'claims.csv'));
const CANCEL_ROWS = 30_000;
const FRAUD_ORACLE = join(REPO_ROOT, '..', 'shared', 'data', 'fraud_oracle.csv');

describe('import dialog', () => {
  let app: Casebench;
  let browser: Browser;
  let page: Page;

  const dialog = () => page.getByRole('dialog', { name: 'Import claims' });
  const fileInput = () => dialog().getByLabel('Choose a CSV or JSON file');
  const countOf = (term: string) => dialog().locator('.import-counts div').filter({ has: page.getByRole('term').filter({ hasText: term }) }).getByRole('definition').innerText();
  const claimCount = async () => (await app.api('cases.list', { kind: 'claim', limit: 1 })).total;

  beforeAll(async () => {
    app = await startCasebench();
    browser = await launchBrowser();
    page = await openApp(browser, app);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('opens from the header with the keyboard and closes with Escape', async () => {
    const button = page.getByRole('banner').getByRole('button', { name: 'Import', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await dialog().waitFor();
    await eventually(() => dialog().getByRole('button', { name: 'Choose file…' }).isVisible()).toBe(true);
    await screenshot(page, 'import-choose');
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press('Escape');
    await eventually(() => dialog().count()).toBe(0);
    await eventually(() => button.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('previews the example file: what will be created and the rejected row with its reason; imports and reports', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await fileInput().setInputFiles({ name: 'claims.csv', mimeType: 'text/csv', buffer: EXAMPLE });

    await dialog().getByText('detected format:').waitFor();
    expect(await dialog().locator('.import-file').innerText()).toContain('Casebench claims CSV');
    await eventually(() => countOf('Claims to create')).toBe('2');
    expect(await countOf('Rows read')).toBe('3');
    expect(await countOf('Rows rejected')).toBe('1');
    const toCreate = dialog().getByRole('table', { name: 'Claims to create' });
    expect(await toCreate.locator('tbody tr').count()).toBe(2);
    expect(await toCreate.locator('tbody tr').first().innerText()).toContain('CLM-2026-900001');
    expect(await toCreate.locator('tbody tr').first().innerText()).toContain('Hannah Weber');
    const rejected = dialog().getByRole('table', { name: 'Rejected rows' });
    expect(await rejected.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^4\s+incident\.occurredAt: must be a date and time like 2026-03-31T14:05$/)]);
    await screenshot(page, 'import-preview');
    await expectNoSeriousA11yViolations(page);

    await dialog().getByRole('button', { name: 'Import 2 claims' }).click();
    const report = dialog().getByRole('status').filter({ hasText: 'Imported 2 claims from claims.csv' });
    await report.waitFor();
    expect(await report.innerText()).toContain('1 row was not imported, as the preview listed.');
    expect(await claimCount()).toBe(2);
    await screenshot(page, 'import-report');
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await eventually(() => dialog().count()).toBe(0);
  });

  it('says in plain words why a file cannot be imported: wrong type, empty, binary, malformed, already imported', async () => {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = () => dialog().getByRole('alert').filter({ hasText: 'This file cannot be imported' });
    const tryFile = async (name: string, buffer: Buffer) => {
      await fileInput().setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await alert().waitFor();
      return alert().innerText();
    };
    expect(await tryFile('claims.xlsx', Buffer.from('PK\x03\x04 not really'))).toContain('"claims.xlsx" is an Excel workbook, not a CSV or JSON file.');
    await screenshot(page, 'import-error');
    expect(await tryFile('empty.csv', Buffer.alloc(0))).toContain('"empty.csv" is empty: it has no header line and no rows.');
    // Dropped on the drop zone, the same checks apply.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['%PDF-1.7'], 'statement.pdf', { type: 'application/pdf' }));
      return dt;
    });
    await dialog().locator('.import-drop').dispatchEvent('drop', { dataTransfer });
    await eventually(() => alert().innerText()).toContain('"statement.pdf" is a PDF document, not a CSV or JSON file.');
    expect(await tryFile('photo.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toContain('This file is a PNG image, not a CSV or JSON file.');

    // A malformed row is a rejected row with its reason, not a failure of the whole file.
    await fileInput().setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(`${CLAIMS_HEADER}\n${claimsCsvRow(1, 'BRK')}\n${claimsCsvRow(2, 'BRK').replace('Rear-ended', 'Rear-"ended')}\n`) });
    await eventually(() => countOf('Rows rejected')).toBe('1');
    expect(await dialog().getByRole('table', { name: 'Rejected rows' }).innerText()).toMatch(/3\s+malformed CSV: a quote appears inside a field that does not start with one \(field 9\)/);

    // The example again: its good rows are already in the workspace.
    await dialog().getByRole('button', { name: 'Choose another file' }).click();
    await fileInput().setInputFiles({ name: 'claims.csv', mimeType: 'text/csv', buffer: EXAMPLE });
    await eventually(() => countOf('Claims to create')).toBe('0');
    expect(await dialog().getByRole('table', { name: 'Rejected rows' }).innerText()).toContain('claim number CLM-2026-900001 is already used by another case');
    expect(await dialog().getByRole('button', { name: /^Import \d/ }).isDisabled()).toBe(true);
    await dialog().getByRole('button', { name: 'Cancel', exact: true }).click();
    await eventually(() => dialog().count()).toBe(0);
  });

  it(`cancels a ${CANCEL_ROWS.toLocaleString('en-US')}-row import between batches and says how many were imported`, async () => {
    const lines = [CLAIMS_HEADER];
    for (let i = 1; i <= CANCEL_ROWS; i++) lines.push(claimsCsvRow(i, 'BIG'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await fileInput().setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await eventually(() => countOf('Claims to create')).toBe('30,000');
    await dialog().getByRole('button', { name: 'Import 30,000 claims' }).click();

    const bar = dialog().getByRole('progressbar', { name: 'Importing big.csv' });
    await bar.waitFor();
    await eventually(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(1000);
    await screenshot(page, 'import-progress');
    await dialog().getByRole('button', { name: 'Cancel import' }).click();

    const report = dialog().getByRole('status').filter({ hasText: 'Import cancelled' });
    await report.waitFor();
    const text = await report.innerText();
    const match = /([\d,]+) of 30,000 claims were imported, in ([\d,]+) whole batch(?:es)? of 1,000\./.exec(text);
    expect(match, text).not.toBeNull();
    const imported = Number(match![1].replace(/,/g, ''));
    expect(imported % 1000).toBe(0);
    expect(imported).toBeGreaterThanOrEqual(1000);
    expect(imported).toBeLessThan(CANCEL_ROWS);
    expect(Number(match![2].replace(/,/g, ''))).toBe(imported / 1000);
    expect(text).toContain('no claim was half-imported');
    expect(await claimCount()).toBe(2 + imported);
    expect((await app.api('audit.verify', {})).ok).toBe(true);
    await screenshot(page, 'import-cancelled');
    expect(problemsOf(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await eventually(() => dialog().count()).toBe(0);
  });

  it.skipIf(!existsSync(FRAUD_ORACLE))('imports the whole vehicle claim fraud data set through the dialog', async () => {
    const before = await claimCount();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await fileInput().setInputFiles(FRAUD_ORACLE);
    await eventually(() => countOf('Claims to create')).toBe('15,420');
    expect(await dialog().locator('.import-file').innerText()).toContain('detected format: Vehicle claim fraud data set (fraud_oracle.csv)');
    expect(await countOf('Rows read')).toBe('15,423');
    expect(await countOf('Rows rejected')).toBe('2');
    expect(await countOf('Duplicates skipped')).toBe('1');
    expect(await dialog().getByRole('list', { name: 'About this file' }).innerText()).toContain('FraudFound_P is an evaluation label');
    const rejected = await dialog().getByRole('table', { name: 'Rejected rows' }).locator('tbody tr').allInnerTexts();
    expect(rejected).toEqual([expect.stringMatching(/^15417\s+Month is empty$/), expect.stringMatching(/^15420\s+Month "null"/), expect.stringMatching(/^15423\s+duplicate of row 15422/)]);
    expect(await dialog().getByRole('table', { name: 'Claims to create' }).locator('tbody tr').first().innerText()).toMatch(/^2\s+FO-00001\s+1 (liability|collision|all perils)\s+Policyholder 1\s+[A-Z][a-z]{2} \d{1,2}, 199[4-6]\s+\$0\.00\s+\S+$/);
    await screenshot(page, 'import-fraud-preview');

    await dialog().getByRole('button', { name: 'Import 15,420 claims' }).click();
    const report = dialog().getByRole('status').filter({ hasText: 'Imported 15,420 claims from fraud_oracle.csv' });
    await report.waitFor({ timeout: 120_000 });
    expect(await report.innerText()).toContain('16 signed batches. 3 rows were not imported, as the preview listed.');
    expect(await claimCount()).toBe(before + 15_420);
    await screenshot(page, 'import-fraud-report');
    expect(problemsOf(page)).toEqual([]);
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await eventually(() => dialog().count()).toBe(0);
  });

  it('goes on when the dialog is closed: the header shows how far it is, and the report waits for the person', async () => {
    const lines = [CLAIMS_HEADER];
    for (let i = 1; i <= 8000; i++) lines.push(claimsCsvRow(i, 'BGD'));
    const header = page.getByRole('banner');
    await header.getByRole('button', { name: 'Import', exact: true }).click();
    await fileInput().setInputFiles({ name: 'background.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await dialog().getByRole('button', { name: 'Import 8,000 claims' }).click();
    await dialog().getByRole('progressbar', { name: 'Importing background.csv' }).waitFor();
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await eventually(() => dialog().count()).toBe(0);
    const button = header.getByRole('button', { name: /^Import/ });
    await eventually(() => button.innerText()).toBe('Import finished');
    await button.click();
    await dialog().getByRole('status').filter({ hasText: 'Imported 8,000 claims from background.csv' }).waitFor();
    await dialog().getByRole('button', { name: 'Close', exact: true }).last().click();
    await eventually(() => button.innerText()).toBe('Import');
  });

  it('reads in the dark colour scheme too', async () => {
    const dark = await openApp(browser, app, { colorScheme: 'dark' });
    await dark.getByRole('button', { name: 'Import', exact: true }).click();
    const darkDialog = dark.getByRole('dialog', { name: 'Import claims' });
    await darkDialog.getByLabel('Choose a CSV or JSON file').setInputFiles({ name: 'claims.csv', mimeType: 'text/csv', buffer: EXAMPLE });
    await darkDialog.getByRole('table', { name: 'Rejected rows' }).waitFor();
    await screenshot(dark, 'import-preview-dark');
    await expectNoSeriousA11yViolations(dark);
    await dark.context().close();
  });
});
