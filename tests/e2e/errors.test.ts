import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, problemsOf, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// A failure from core is shown in words with a way to try again, never as a blank page.

const FAILURE = 'The workspace database refused the change (disk I/O error). Nothing was saved.';

describe('error state', () => {
  let app: Casebench;
  let browser: Browser;

  beforeAll(async () => {
    app = await startCasebench();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows why the cases could not be loaded and loads them on Retry', async () => {
    let failuresLeft = 1;
    const page = await openApp(browser, app, {
      // Between the page and core: the first cases.list is answered with a storage error.
      routeSocket: (ws) => {
        const server = ws.connectToServer();
        ws.onMessage((raw) => {
          const message = JSON.parse(String(raw)) as { id: number; name: string };
          if (message.name === 'cases.list' && failuresLeft > 0) {
            failuresLeft--;
            ws.send(JSON.stringify({ type: 'reply', id: message.id, result: { ok: false, error: { code: 'STORAGE_ERROR', message: FAILURE } } }));
          } else server.send(raw);
        });
      },
    });

    const notice = page.getByRole('alert').filter({ hasText: 'The cases could not be loaded' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(FAILURE);
    // Only cases.list failed: the rest of the app still works.
    expect(await page.locator('.profile-role').innerText()).toBe('Adjuster');
    await screenshot(page, 'error');

    await notice.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'This workspace is empty' }).waitFor();
    expect(await notice.count()).toBe(0);
    expect(problemsOf(page)).toEqual([]);
  });
});
