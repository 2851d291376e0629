import { basename } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { IMPORT_FORMAT_LABELS } from '../../common/calls/import.ts';
import { openDatabase } from '../db/open.ts';
import { openWorkspace } from '../workspace.ts';
import { importFile, previewFile, type ImportOutcome } from './pipeline.ts';

// `casebench import FILE [--dry-run]`: the preview (detected format, counts, rejected rows), then the
// import as a job with a progress line; Ctrl+C cancels it between batches.

const out = (s: string) => process.stdout.write(s + '\n');
const n = (v: number) => v.toLocaleString('en-US');
const LISTED_REJECTIONS = 100;

/** The workspace's database for read-only checks during a dry run, or null when there is none yet. */
const existingDatabase = (dataDir: string) => {
  try {
    return openDatabase(dataDir, { readonly: true });
  } catch {
    return null;
  }
};

export const importCommand = async (file: string, dataDir: string, dryRun: boolean): Promise<number> => {
  const readOnly = dryRun ? existingDatabase(dataDir) : null;
  const ws = dryRun ? null : openWorkspace(dataDir);
  try {
    const preview = await previewFile(ws?.db ?? readOnly, file);
    const rejected = preview.rejected.length;
    out(`Detected format: ${IMPORT_FORMAT_LABELS[preview.format]}.`);
    out(`${n(preview.rows)} rows read: ${n(preview.valid)} valid, ${n(rejected)} rejected${preview.duplicates ? ` (${n(preview.duplicates)} of them ${preview.duplicates === 1 ? "a duplicate" : "duplicates"})` : ''}.`);
    for (const r of preview.rejected.slice(0, LISTED_REJECTIONS)) out(`  row ${r.row}: ${r.reason}`);
    if (rejected > LISTED_REJECTIONS) out(`  ... and ${n(rejected - LISTED_REJECTIONS)} more`);
    for (const note of preview.notes) out(`Note: ${note}`);
    if (dryRun) {
      out(`Dry run: nothing was imported (checked in ${preview.seconds.toFixed(1)} s).`);
      return 0;
    }
    if (!ws) return 0;
    if (preview.valid === 0) {
      out('Nothing to import.');
      return rejected > 0 ? 1 : 0;
    }

    const importId = uuidv7();
    const label = `Importing ${basename(file)}`;
    const showProgress = (done: number, total: number) => {
      const line = `${label}: ${n(done)} of ${n(total)} claims (${total ? Math.floor((done / total) * 100) : 100}%)`;
      if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
      else process.stderr.write(`${line}\n`);
    };
    const jobId = ws.jobs.start('import', label, { file, format: preview.format, rows: preview.valid }, (ctx) =>
      importFile(ws, file, { format: preview.format, fingerprint: preview.fingerprint, valid: preview.valid, importId, fileName: basename(file) }, ctx),
    );
    let lastShown = -1;
    const stopListening = ws.subscribe((name, body) => {
      if (name !== 'job.progress') return;
      const p = body as { jobId: string; done: number; total: number; state?: string };
      if (p.jobId !== jobId || p.state !== 'running') return;
      // On a terminal, every batch; in a log, every tenth of the way.
      const step = process.stderr.isTTY ? 0 : Math.max(1, Math.floor(p.total / 10));
      if (p.done === p.total || lastShown < 0 || p.done - lastShown >= step) {
        lastShown = p.done;
        showProgress(p.done, p.total);
      }
    });
    const cancel = () => {
      process.stderr.write('\nCancelling after the current batch…\n');
      try {
        ws.jobs.cancel(jobId);
      } catch {
        // already finished
      }
    };
    process.once('SIGINT', cancel);
    const job = await ws.jobs.wait(jobId);
    process.off('SIGINT', cancel);
    stopListening();
    if (process.stderr.isTTY) process.stderr.write('\n');
    const result = job.result as ImportOutcome | null;
    if (job.state === 'done' && result) {
      out(`Imported ${n(result.imported)} claims into ${dataDir} in ${result.seconds.toFixed(1)} s (${n(result.batches)} signed batch${result.batches === 1 ? "" : "es"} of up to ${n(result.batchSize)}).`);
      return rejected > 0 ? 1 : 0;
    }
    if (job.state === 'cancelled' && result) {
      out(`Import cancelled: ${n(result.imported)} of ${n(result.total)} claims were imported (${n(result.batches)} whole batches of ${n(result.batchSize)}); nothing of the interrupted batch was written.`);
      return 1;
    }
    out(`Import failed: ${job.error ?? 'unknown error'}. ${n(job.done)} claims had been imported in whole batches; nothing of the failed batch was written.`);
    return 1;
  } finally {
    ws?.close();
    readOnly?.close();
  }
};
