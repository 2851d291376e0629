// node --expose-gc --import tsx tests/bench/import.ts [--quick]   (importSuite can also join tests/bench/run.ts)
// 100,000 claims from a CSV file: preview, import as a job with progress, a cancel part-way, and the
// vehicle claim fraud data set whole when it is beside the project. Baseline in the same run: the same
// claims appended straight from parsed drafts (no file reading, parsing or checking).
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClaimDraft } from '../../common/domain/case.ts';
import { csvRowToDraft } from '../../core/import/claims.ts';
import { importFile, previewFile, type ImportOutcome } from '../../core/import/pipeline.ts';
import { auditDataFolder } from '../../core/events/verify.ts';
import { openWorkspace, type Workspace } from '../../core/workspace.ts';
import { CLAIMS_HEADER, claimsCsvRow, writeClaimsCsv } from '../helpers/import-fixtures.ts';
import { tempDir } from '../helpers/workspace.ts';
import { printTable, type BenchRow, type Suite } from './harness.ts';

const FRAUD_ORACLE = fileURLToPath(new URL('../../../shared/data/fraud_oracle.csv', import.meta.url));

/** The live JS heap after a full collection when the bench runs with --expose-gc, else what is in use. */
const liveHeap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};
const gcAvailable = () => typeof (globalThis as { gc?: unknown }).gc === 'function';

const asJob = async (ws: Workspace, path: string, cancelAt?: number) => {
  const p = await previewFile(ws.db, path);
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = liveHeap();
  let peakRss = rssBefore;
  let peakHeap = heapBefore;
  let cancelledAt = 0;
  const started = performance.now();
  const jobId = ws.jobs.start('import', 'bench', {}, (ctx) => importFile(ws, path, { format: p.format, fingerprint: p.fingerprint, valid: p.valid, importId: 'bench', fileName: 'bench.csv' }, ctx));
  let events = 0;
  const stop = ws.subscribe((name, body) => {
    const b = body as { jobId: string; done: number; state?: string };
    if (name !== 'job.progress' || b.jobId !== jobId) return;
    events++;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    // Every tenth batch: what the import really holds (a file read whole would show here).
    if (events % 10 === 0) peakHeap = Math.max(peakHeap, liveHeap());
    if (cancelAt !== undefined && !cancelledAt && b.done >= cancelAt && b.state === 'running') {
      cancelledAt = performance.now();
      ws.jobs.cancel(jobId);
    }
  });
  const job = await ws.jobs.wait(jobId, 5);
  stop();
  const ended = performance.now();
  return { preview: p, job, outcome: job.result as ImportOutcome, seconds: (ended - started) / 1000, stopMs: cancelledAt ? ended - cancelledAt : 0, rssGrowth: peakRss - rssBefore, heapGrowth: peakHeap - heapBefore, progressEvents: events };
};

const baseline = (ws: Workspace, rows: number) => {
  const header = CLAIMS_HEADER.split(',');
  const drafts: ClaimDraft[] = [];
  for (let i = 1; i <= rows; i++) {
    const cells = claimsCsvRow(i, 'BASE').split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, ''));
    drafts.push(ClaimDraft.parse(csvRowToDraft(Object.fromEntries(header.map((h, j) => [h, cells[j]])))));
  }
  const started = performance.now();
  for (let i = 0; i < drafts.length; i += 1000) ws.cases.createClaims(drafts.slice(i, i + 1000));
  return (performance.now() - started) / 1000;
};

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const importSuite: Suite = {
  name: 'import',
  description: 'claims CSV import at 100,000 rows (preview, job with progress, cancel) and fraud_oracle.csv whole',
  run: async ({ quick }) => {
    const rows = quick ? 10_000 : 100_000;
    const dir = tempDir('casebench-bench-import-');
    const out: BenchRow[] = [];
    const figures: Record<string, number> = {};
    try {
      const path = writeClaimsCsv(dir, 'claims.csv', rows);
      const fileBytes = statSync(path).size;

      // The baseline runs first, so the import is not the one paying for a cold start.
      const wsBase = openWorkspace(join(dir, 'base'));
      const baseSeconds = baseline(wsBase, rows);
      wsBase.close();
      const ws = openWorkspace(join(dir, 'full'));
      const full = await asJob(ws, path);
      const audit = auditDataFolder(ws.db, ws.dataDir);
      ws.close();
      const wsCancel = openWorkspace(join(dir, 'cancel'));
      const cancelled = await asJob(wsCancel, path, Math.floor(rows / 2));
      const cancelCount = wsCancel.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
      const cancelAudit = auditDataFolder(wsCancel.db, wsCancel.dataDir).ok;
      wsCancel.close();

      figures.rows = rows;
      figures.previewSeconds = full.preview.seconds;
      figures.importSeconds = full.seconds;
      figures.rowsPerSecond = rows / full.seconds;
      figures.baselineSeconds = baseSeconds;
      figures.rssGrowthMb = full.rssGrowth / 1024 / 1024;
      figures.heapGrowthMb = full.heapGrowth / 1024 / 1024;
      figures.cancelStopMs = cancelled.stopMs;
      out.push(
        { figure: `file (${rows.toLocaleString('en-US')} rows)`, value: mb(fileBytes), target: '' },
        { figure: 'preview (read, parse, check every row)', value: `${full.preview.seconds.toFixed(1)} s`, target: '' },
        { figure: 'import as a job (second pass + signed batches of 1,000)', value: `${full.seconds.toFixed(1)} s`, target: '≤ 1.5 × baseline', pass: full.seconds <= baseSeconds * 1.5 },
        { figure: 'baseline: createClaims from parsed drafts', value: `${baseSeconds.toFixed(1)} s`, target: 'named baseline' },
        { figure: 'claims per second (import)', value: Math.round(rows / full.seconds).toLocaleString('en-US'), target: '' },
        { figure: 'progress events', value: String(full.progressEvents), target: `≥ ${rows / 1000}`, pass: full.progressEvents >= rows / 1000 },
        // Streaming keeps the file out of the JS heap (a whole file as a string would be twice its size in
        // UTF-16); RSS also counts SQLite's cache and the WAL, which grow with the database, not the file.
        gcAvailable()
          ? { figure: 'live JS heap growth during import (after GC)', value: mb(full.heapGrowth), target: `< ${mb(fileBytes * 2)} (one copy as a string)`, pass: full.heapGrowth < fileBytes * 2 }
          : { figure: 'JS heap growth during import (run with --expose-gc to measure live heap)', value: mb(full.heapGrowth), target: '' },
        { figure: 'RSS growth during import (peak)', value: mb(full.rssGrowth), target: '' },
        { figure: 'audit after import', value: audit.ok ? `ok (${audit.events.toLocaleString('en-US')} events)` : 'FAILED', target: 'ok', pass: audit.ok && full.outcome.imported === rows },
        { figure: 'cancel at 50%: time to stop', value: `${cancelled.stopMs.toFixed(0)} ms`, target: '< 2000 ms', pass: cancelled.stopMs < 2000 },
        { figure: 'cancel at 50%: claims kept', value: `${cancelCount.toLocaleString('en-US')} (${cancelCount % 1000 === 0 ? 'whole batches' : 'PARTIAL BATCH'})`, target: 'multiple of 1,000', pass: cancelCount % 1000 === 0 && cancelCount === cancelled.outcome.imported && cancelAudit },
      );

      if (existsSync(FRAUD_ORACLE)) {
        const wsFo = openWorkspace(join(dir, 'fraud'));
        const fo = await asJob(wsFo, FRAUD_ORACLE);
        wsFo.close();
        figures.fraudOracleSeconds = fo.seconds;
        figures.fraudOracleClaims = fo.outcome.imported;
        out.push(
          { figure: 'fraud_oracle.csv preview', value: `${fo.preview.seconds.toFixed(1)} s`, target: '' },
          { figure: 'fraud_oracle.csv import', value: `${fo.seconds.toFixed(1)} s, ${fo.outcome.imported.toLocaleString('en-US')} claims`, target: '15,420 claims', pass: fo.outcome.imported === 15_420 },
        );
      } else out.push({ figure: 'fraud_oracle.csv', value: 'not found beside the project', target: '' });
      return { rows: out, figures };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await importSuite.run({ quick: process.argv.includes('--quick') });
  printTable(`import: ${importSuite.description}`, result.rows);
}
