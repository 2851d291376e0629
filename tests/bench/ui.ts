import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EventDraft } from '../../core/events/store.ts';
import { openWorkspace } from '../../core/workspace.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';
import { percentiles, type Suite } from './harness.ts';

// The queue as a person meets it, in the browser shell over a large store: from opening the page to the
// first rows drawn, and from typing a search to its results drawn. Core, gateway and Chromium run as they
// do for a user; the store is built beforehand straight through core (one creation event per claim).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CASEBENCH_CHROMIUM ?? '/usr/bin/chromium';
const SURNAMES = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Tanaka', 'Patel', 'Haddad', 'Lindqvist', 'Castillo'];
const plateOf = (i: number) => `UI${String(i).padStart(7, '0')}`;
const numberOf = (i: number) => `U-${String(i).padStart(8, '0')}`;

/** Builds the benchmark store straight through core (exported so a profile can reuse the same store). */
export const buildStore = (dir: string, claims: number) => {
  const ws = openWorkspace(dir);
  const started = performance.now();
  const seen = new Set<string>();
  for (let i = 0; i < claims; i += 1000) {
    const batch: EventDraft[] = [];
    for (let c = i; c < Math.min(i + 1000, claims); c++) {
      batch.push(
        ws.cases.claimEvent(
          claimDraft({
            claimNumber: numberOf(c),
            parties: [{ role: 'claimant', name: `Claimant${c} ${SURNAMES[c % SURNAMES.length]}`, phone: `+1 555 ${String(c % 10_000_000).padStart(7, '0')}` }],
            vehicles: [{ plate: plateOf(c), make: 'Honda', model: 'Civic', year: 2018 }],
            amountClaimedCents: (c * 7919) % 5_000_000,
            assignee: `Adjuster ${c % 40}`,
          }),
          seen,
        ),
      );
    }
    seen.clear();
    ws.cases.append(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  ws.close();
  return seconds;
};

const startShell = (dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'casebench.mjs'), 'web', '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Casebench is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))) });
    });
    child.once('exit', (code) => reject(new Error(`casebench web exited (${code}) before printing its address: ${err}`)));
  });

const firstRow = (page: Page) => page.locator('[role=table][aria-label=Cases] [role=rowgroup]').nth(1).getByRole('rowheader').first();

/** Opens the printed address in a fresh context and waits for the first queue row; returns milliseconds. */
const timeFirstRows = async (browser: Browser, url: string): Promise<{ ms: number; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  const started = performance.now();
  await page.goto(url);
  await firstRow(page).waitFor({ timeout: 60_000 });
  return { ms: performance.now() - started, page };
};

export const uiSuite: Suite = {
  name: 'ui',
  description: 'browser shell: page open to first queue rows, and search typed to results shown',
  run: async (opts) => {
    if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build');
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}; set CASEBENCH_CHROMIUM.`);
    // CASEBENCH_UI_STORE=DIR:N reuses a store of N claims built by an earlier run (kept, not deleted).
    const reuse = process.env.CASEBENCH_UI_STORE ? /^(.+):(\d+)$/.exec(process.env.CASEBENCH_UI_STORE) : null;
    const claims = reuse ? Number(reuse[2]) : opts.quick ? 20_000 : 1_000_000;
    const dir = reuse ? reuse[1] : tempDir('casebench-bench-ui-');
    let shell: { url: string; stop: () => Promise<void> } | null = null;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      process.stderr.write(reuse ? `ui: reusing the store of ${claims} claims in ${dir}\n` : `ui: building a store of ${claims} claims…\n`);
      const buildSeconds = reuse ? 0 : buildStore(dir, claims);
      shell = await startShell(dir);

      // The first open is cold (core's page cache, the browser's code cache); later opens are warm.
      const cold = await timeFirstRows(browser, shell.url);
      await cold.page.context().close();
      const warm: number[] = [];
      for (let i = 0; i < 5; i++) {
        const opened = await timeFirstRows(browser, shell.url);
        warm.push(opened.ms);
        if (i < 4) await opened.page.context().close();
        else {
          // Searches: a plate, a claim number or a phone of a claim spread through the store.
          const page = opened.page;
          const search = page.getByRole('searchbox', { name: 'Search cases' });
          const count = page.locator('.queue-count');
          const unfiltered = await count.innerText();
          const times: number[] = [];
          for (let s = 0; s < 20; s++) {
            const c = Math.floor(((s * 7_654_321 + 12_345) % 1_000_003) / 1_000_003 * claims);
            const term = [plateOf(c), numberOf(c), `555 ${String(c % 10_000_000).padStart(7, '0')}`][s % 3];
            // Start from the whole queue, settled, so the time is the search's alone.
            await search.fill('');
            await page.waitForFunction((text) => document.querySelector('.queue-count')?.textContent === text && document.querySelector('[role=table]')?.getAttribute('aria-busy') === 'false', unfiltered);
            const t = performance.now();
            await search.fill(term);
            await page.waitForFunction(
              (expected) => {
                // A phone number's digits can also begin longer numbers, so the claim is among the rows, not always first.
                const numbers = [...document.querySelectorAll('[role=table][aria-label=Cases] [role=rowgroup]:nth-child(2) [role=rowheader]')].map((e) => e.textContent);
                return numbers.includes(expected) && document.querySelector('[role=table]')?.getAttribute('aria-busy') === 'false';
              },
              numberOf(c),
              { timeout: 30_000, polling: 'raf' },
            );
            times.push(performance.now() - t);
          }
          const p = percentiles(times);
          await page.context().close();
          const w = percentiles(warm);
          return {
            rows: [
              { figure: `store of ${claims} claims built through core`, value: `${buildSeconds.toFixed(0)} s`, target: '' },
              { figure: 'page open to first queue rows, cold', value: `${cold.ms.toFixed(0)} ms`, target: '< 1500 ms', pass: cold.ms < 1500 },
              { figure: 'page open to first queue rows, warm p50/max (5 opens)', value: `${w.p50.toFixed(0)} / ${w.max.toFixed(0)} ms`, target: '< 1500 ms', pass: w.max < 1500 },
              { figure: 'search typed to results shown p50/p95 (20 searches)', value: `${p.p50.toFixed(0)} / ${p.p95.toFixed(0)} ms`, target: 'p95 < 150 ms', pass: p.p95 < 150 },
            ],
            figures: { claims, buildSeconds, firstRowsColdMs: cold.ms, firstRowsWarmP50Ms: w.p50, firstRowsWarmMaxMs: w.max, searchP50Ms: p.p50, searchP95Ms: p.p95 },
          };
        }
      }
      throw new Error('unreachable');
    } finally {
      await browser.close();
      await shell?.stop();
      if (!reuse) rmSync(dir, { recursive: true, force: true });
    }
  },
};
