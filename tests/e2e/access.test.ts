import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchBrowser, newPage, openApp, screenshot, startCasebench, type Casebench } from './fixtures.ts';

// The browser shell listens on loopback only, and nothing answers without the per-launch token.

/** Opens a WebSocket from Node; resolves with the HTTP status of a refusal, or 101 when it opened. */
const upgradeStatus = (url: string, headers: Record<string, string> = {}): Promise<number> =>
  new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', reject);
  });

describe('access without the token', () => {
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

  it('answers 401 to the page and the API without the token, or with a wrong one', async () => {
    const page = await fetch(`${app.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('access token');

    const api = await fetch(`${app.origin}/api/cases.list`, { method: 'POST', body: '{}' });
    expect(api.status).toBe(401);

    const wrong = await fetch(`${app.origin}/api/cases.list`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${app.token.slice(0, -2)}xx` } });
    expect(wrong.status).toBe(401);

    // The same request with the token is answered, so the refusals above are about the token.
    const right = await fetch(`${app.origin}/api/cases.list`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${app.token}` } });
    expect(right.status).toBe(200);
  });

  it('refuses the WebSocket without the token and accepts it with the token', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${app.port}/ws`)).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${app.port}/ws`, { Cookie: 'casebench_token=not-the-token' })).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${app.port}/ws`, { Authorization: `Bearer ${app.token}` })).toBe(101);
  });

  it('shows a browser without the token a 401 page whose WebSocket is refused', async () => {
    const page = await newPage(browser);
    const response = await page.goto(app.origin);
    expect(response?.status()).toBe(401);
    expect(await page.locator('body').innerText()).toContain('needs its access token');

    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const socket = new window.WebSocket(url);
          socket.onopen = () => resolve('opened');
          socket.onclose = () => resolve('refused');
        }),
      `ws://127.0.0.1:${app.port}/ws`,
    );
    expect(outcome).toBe('refused');
    await page.context().close();
  });

  it('lets a browser with the printed address in, over a working WebSocket', async () => {
    const page = await openApp(browser, app);
    // The empty-state heading appears only after cases.list answered over the WebSocket.
    await page.getByRole('heading', { name: 'This workspace is empty' }).waitFor();
    await page.context().close();
  });

  // Last: it stops this file's Casebench.
  it('shows a banner when the connection to Casebench is lost', async () => {
    const page = await openApp(browser, app);
    await page.getByRole('heading', { name: 'This workspace is empty' }).waitFor();
    expect(await page.locator('.connection-banner').count()).toBe(0);

    await app.stop();
    const banner = page.getByRole('alert').filter({ hasText: 'The connection to Casebench was lost.' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Reconnecting');
    await screenshot(page, 'connection-lost');
    await page.context().close();
  });
});
