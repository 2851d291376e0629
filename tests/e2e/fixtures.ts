import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page, type WebSocketRoute } from 'playwright-core';
import { expect } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../common/contract.ts';
import type { Result } from '../../common/result.ts';

// Actual's e2e/fixtures idea: every test file gets its own Casebench with a fresh data folder, started
// the way a person starts it (`casebench web`), and is ready when it prints its address, never after a sleep.

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'tests', 'e2e', 'screenshots');
const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
const CHROMIUM = process.env.CASEBENCH_CHROMIUM ?? '/usr/bin/chromium';
const READY_LINE = /Casebench is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/;
/** How long a named condition may take to hold before a test fails. */
export const WAIT_MS = 20_000;

export type Casebench = {
  /** The printed address, with its token. */
  url: string;
  /** http://127.0.0.1:PORT, without a token. */
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  /** Calls core over the gateway's HTTP API; throws on an error result so a test reads only values. */
  api: <K extends CallName>(name: K, input: CallInput<K>) => Promise<CallOutput<K>>;
  stop: () => Promise<void>;
};

const requireBuilt = () => {
  if (!existsSync(RENDERER_INDEX)) {
    throw new Error(`The renderer is not built (${RENDERER_INDEX} is missing). Run \`npx electron-vite build\` before the e2e tests; they serve out/renderer/ and build nothing themselves.`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with \`apt-get update && apt-get install -y chromium\`, or set CASEBENCH_CHROMIUM to its path.`);
  }
};

const waitForAddress = (child: ChildProcess, stderr: () => string): Promise<RegExpExecArray> =>
  new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`casebench web stopped (${signal ?? `exit code ${code}`}) before printing its address.\n${stderr()}`));
    child.once('exit', onExit);
    child.once('error', reject);
    lines.on('line', (line) => {
      const match = READY_LINE.exec(line);
      if (!match) return;
      child.off('exit', onExit);
      resolve(match);
    });
  });

/** Starts `node bin/casebench.mjs web --data <fresh temp folder> --port 0` and waits for its address. */
export const startCasebench = async (): Promise<Casebench> => {
  requireBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'casebench-e2e-'));
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'casebench.mjs'), 'web', '--data', dataDir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CASEBENCH_DATA: dataDir },
  });
  let errors = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errors = (errors + chunk).slice(-8000);
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      // A core that ignores SIGTERM must not outlive the test run.
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let match: RegExpExecArray;
  try {
    match = await waitForAddress(child, () => errors);
  } catch (e) {
    await stop();
    throw e;
  }
  const [, url, port, token] = match;
  const origin = `http://127.0.0.1:${port}`;

  const api = async <K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> => {
    const response = await fetch(`${origin}/api/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as Result<CallOutput<K>>;
    if (!result.ok) throw new Error(`${name} failed (${response.status}): ${result.error.message}`);
    return result.value;
  };

  return { url, origin, port: Number(port), token, dataDir, api, stop };
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

export type PageOptions = {
  colorScheme?: 'light' | 'dark';
  /** Stands between the page and the gateway's WebSocket, to make core answer differently. */
  routeSocket?: (ws: WebSocketRoute) => void;
};

/** A fresh browser context at the size the app is designed for, with the locale the assertions use. */
export const newPage = async (browser: Browser, options: PageOptions = {}): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', colorScheme: options.colorScheme ?? 'light' });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  return page;
};

/** Opens the printed address: the gateway trades the token for a cookie and redirects to the app. */
export const openApp = async (browser: Browser, app: Casebench, options: PageOptions = {}): Promise<Page> => {
  const page = await newPage(browser, options);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A CSP refusal or an uncaught failure shows up here first.
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  pageProblems.set(page, problems);
  if (options.routeSocket) await page.routeWebSocket(/\/ws$/, options.routeSocket);
  const response = await page.goto(app.url);
  expect(response?.status(), 'the app page loads after the token is traded for a cookie').toBe(200);
  expect(new URL(page.url()).search, 'the token does not stay in the address bar').toBe('');
  return page;
};

const pageProblems = new WeakMap<Page, string[]>();

/** Errors the page reported (script errors, CSP refusals); a clean run has none. */
export const problemsOf = (page: Page): string[] => pageProblems.get(page) ?? [];

export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
};

/** Runs axe on the page as it is now; fails listing every serious or critical violation. */
export const expectNoSeriousA11yViolations = async (page: Page): Promise<void> => {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(serious).toEqual([]);
};

/** Waits for a value the page shows to become what a person would check. */
export const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: WAIT_MS, interval: 50 });
