import type { ImportPreview, ImportRejection, ImportReport } from '../../../../common/calls/import.ts';
import type { EventBody } from '../../../../common/contract.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { call, subscribe } from '../../api/client.ts';

// Import calls: the file goes to core in chunks (each message stays far under the 4 MiB limit, and the
// same path works in Electron and in the browser shell), then preview, start, progress and report.

export type JobProgress = EventBody<'job.progress'>;

const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

const readFailed = (fileName: string): AppError => ({ code: 'INVALID_INPUT', message: `"${fileName}" could not be read. It may have been moved or deleted; choose it again.` });

export const importService = {
  /** Sends the file to core; resolves with the import's id once every byte has arrived. */
  upload: async (file: File, onProgress: (sent: number) => void): Promise<Result<string>> => {
    const begun = await call('imports.begin', { fileName: file.name, bytes: file.size });
    if (!begun.ok) return begun;
    const { importId, chunkBytes } = begun.value;
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await file.slice(offset, offset + chunkBytes).arrayBuffer());
      } catch {
        return { ok: false, error: readFailed(file.name) };
      }
      const sent = await call('imports.upload', { importId, offset, data: toBase64(bytes) });
      if (!sent.ok) return sent;
      onProgress(sent.value.received);
    }
    return { ok: true, value: importId };
  },
  preview: (importId: string): Promise<Result<ImportPreview>> => call('imports.preview', { importId }),
  rejections: (importId: string, offset: number): Promise<Result<{ total: number; rows: ImportRejection[] }>> => call('imports.rejections', { importId, offset, limit: 200 }),
  start: (importId: string): Promise<Result<{ jobId: string }>> => call('imports.start', { importId }),
  report: (importId: string): Promise<Result<ImportReport>> => call('imports.report', { importId }),
  cancel: (jobId: string): Promise<Result<{ cancelled: boolean }>> => call('jobs.cancel', { id: jobId }),
  discard: (importId: string): Promise<Result<{ discarded: boolean }>> => call('imports.discard', { importId }),
  onJobProgress: (listener: (progress: JobProgress) => void): (() => void) => subscribe('job.progress', listener),
};
