import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { IMPORT_BATCH_SIZE, PREVIEW_REJECTIONS, UPLOAD_CHUNK_BYTES, type ImportPreview, type ImportReport, type importCalls } from '../../common/calls/import.ts';
import { DomainError } from '../../common/result.ts';
import type { HandlersFor } from '../api/dispatch.ts';
import { log } from '../logger.ts';
import type { Workspace } from '../workspace.ts';
import { importFile, previewFile, type FilePreview } from './pipeline.ts';

// The renderer sends a file's bytes in chunks (Electron and the browser shell alike, under the 4 MiB
// message limit); they are written to a private file in the data folder's imports/ folder, previewed,
// imported as a job, and deleted when the import ends or is discarded.

type Tally = { imported: number; batches: number; skipped: number };
type OpenImport = {
  importId: string;
  fileName: string;
  path: string;
  bytes: number;
  received: number;
  preview?: FilePreview;
  jobId?: string;
  tally: Tally;
  batchSize: number;
  seconds: number;
};

const KNOWN_TYPES: Record<string, string> = {
  '.xlsx': 'an Excel workbook',
  '.xls': 'an Excel workbook',
  '.ods': 'a spreadsheet',
  '.numbers': 'a Numbers spreadsheet',
  '.pdf': 'a PDF document',
  '.doc': 'a Word document',
  '.docx': 'a Word document',
  '.zip': 'a zip archive',
  '.png': 'an image',
  '.jpg': 'an image',
  '.jpeg': 'an image',
};
const ACCEPTED = ['.csv', '.json', '.txt'];

/** Refuses a file by its name before any byte is sent, in words that say what to do instead. */
export const fileTypeRefusal = (fileName: string): string | null => {
  const ext = extname(fileName).toLowerCase();
  if (ACCEPTED.includes(ext)) return null;
  const what = KNOWN_TYPES[ext];
  return `"${fileName}" is ${what ?? (ext ? `a ${ext} file` : 'a file without an extension')}, not a CSV or JSON file. Casebench imports claims from .csv or .json files; save a spreadsheet as "CSV UTF-8" first.`;
};

export const createImportHandlers = (ws: Workspace): HandlersFor<keyof typeof importCalls> => {
  const folder = join(ws.dataDir, 'imports');
  // Uploads from an earlier run cannot be resumed (their previews lived in memory): remove them.
  rmSync(folder, { recursive: true, force: true });
  const open = new Map<string, OpenImport>();

  const get = (importId: string): OpenImport => {
    const entry = open.get(importId);
    if (!entry) throw new DomainError('NOT_FOUND', 'That import is no longer open (Casebench may have restarted). Choose the file again.');
    return entry;
  };
  const running = (entry: OpenImport) => entry.jobId !== undefined && ['running', 'queued'].includes(ws.jobs.get(entry.jobId).state);
  const removeFile = (entry: OpenImport) => rmSync(entry.path, { force: true });

  return {
    'imports.begin': ({ fileName, bytes }) => {
      const refusal = fileTypeRefusal(fileName);
      if (refusal) throw new DomainError('INVALID_INPUT', refusal);
      if (bytes === 0) throw new DomainError('INVALID_INPUT', `"${fileName}" is empty: it has no header line and no rows.`);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const importId = uuidv7();
      const path = join(folder, `${importId}.upload`);
      writeFileSync(path, '', { mode: 0o600 });
      open.set(importId, { importId, fileName, path, bytes, received: 0, tally: { imported: 0, batches: 0, skipped: 0 }, batchSize: 0, seconds: 0 });
      return { importId, chunkBytes: UPLOAD_CHUNK_BYTES };
    },
    'imports.upload': ({ importId, offset, data }) => {
      const entry = get(importId);
      if (entry.preview) throw new DomainError('CONFLICT', 'That file has already been uploaded and previewed.');
      if (offset !== entry.received) throw new DomainError('CONFLICT', `The upload expected the part at byte ${entry.received}, not ${offset}. Choose the file again.`);
      const chunk = Buffer.from(data, 'base64');
      if (chunk.length > UPLOAD_CHUNK_BYTES) throw new DomainError('TOO_LARGE', `An upload part may be at most ${UPLOAD_CHUNK_BYTES} bytes.`);
      if (entry.received + chunk.length > entry.bytes) throw new DomainError('INVALID_INPUT', 'The upload is longer than the file size it announced. Choose the file again.');
      appendFileSync(entry.path, chunk);
      entry.received += chunk.length;
      return { received: entry.received };
    },
    'imports.preview': async ({ importId }): Promise<ImportPreview> => {
      const entry = get(importId);
      if (entry.received !== entry.bytes) throw new DomainError('INVALID_INPUT', `Only ${entry.received} of ${entry.bytes} bytes of "${entry.fileName}" arrived. Choose the file again.`);
      if (entry.jobId) throw new DomainError('CONFLICT', 'That file is already being imported.');
      const preview = await previewFile(ws.db, entry.path);
      entry.preview = preview;
      return {
        importId,
        fileName: entry.fileName,
        bytes: entry.bytes,
        format: preview.format,
        rows: preview.rows,
        valid: preview.valid,
        duplicates: preview.duplicates,
        rejectedCount: preview.rejected.length,
        rejected: preview.rejected.slice(0, PREVIEW_REJECTIONS),
        sample: preview.sample,
        ignoredColumns: preview.ignoredColumns,
        notes: preview.notes,
        batchSize: IMPORT_BATCH_SIZE,
        seconds: preview.seconds,
      };
    },
    'imports.rejections': ({ importId, offset, limit }) => {
      const { preview } = get(importId);
      if (!preview) throw new DomainError('INVALID_INPUT', 'Preview the file first.');
      return { total: preview.rejected.length, rows: preview.rejected.slice(offset, offset + limit) };
    },
    'imports.start': ({ importId }) => {
      const entry = get(importId);
      const preview = entry.preview;
      if (!preview) throw new DomainError('INVALID_INPUT', 'Preview the file first.');
      if (entry.jobId) throw new DomainError('CONFLICT', 'That file has already been imported.');
      if (preview.valid === 0) throw new DomainError('INVALID_INPUT', 'Nothing to import: no row of the file is valid.');
      entry.jobId = ws.jobs.start('import', `Importing ${entry.fileName}`, { importId, fileName: entry.fileName, format: preview.format, rows: preview.valid }, async (ctx) => {
        try {
          const outcome = await importFile(ws, entry.path, { format: preview.format, fingerprint: preview.fingerprint, valid: preview.valid, importId, fileName: entry.fileName }, ctx, undefined, entry.tally);
          entry.batchSize = outcome.batchSize;
          entry.seconds = outcome.seconds;
          log.info('import finished', { importId, format: preview.format, imported: outcome.imported, cancelled: outcome.cancelled, seconds: outcome.seconds });
          return outcome;
        } finally {
          removeFile(entry);
        }
      });
      return { jobId: entry.jobId };
    },
    'imports.report': ({ importId }): ImportReport => {
      const entry = get(importId);
      if (!entry.jobId) throw new DomainError('INVALID_INPUT', 'That file has not been imported yet.');
      const job = ws.jobs.get(entry.jobId);
      return {
        importId,
        jobId: entry.jobId,
        state: job.state === 'queued' ? 'running' : job.state,
        imported: entry.tally.imported,
        batches: entry.tally.batches,
        batchSize: entry.batchSize || IMPORT_BATCH_SIZE,
        total: entry.preview?.valid ?? 0,
        skipped: entry.tally.skipped,
        error: job.error,
        seconds: entry.seconds,
      };
    },
    'imports.discard': ({ importId }) => {
      const entry = open.get(importId);
      if (!entry) return { discarded: false };
      if (running(entry)) throw new DomainError('CONFLICT', 'That import is still running: cancel it first.');
      removeFile(entry);
      open.delete(importId);
      return { discarded: true };
    },
  };
};
