import type { ImportPreview, ImportRejection, ImportReport } from '../../../../../common/calls/import.ts';
import type { AppError } from '../../../../../common/result.ts';

/** Where the import dialog is: choosing a file, sending it, checking it, showing the preview, importing, done. */
export type ImportPhase = 'choose' | 'uploading' | 'checking' | 'preview' | 'importing' | 'finished';

export type ImportState = {
  open: boolean;
  phase: ImportPhase;
  fileName: string | null;
  fileBytes: number;
  uploadedBytes: number;
  importId: string | null;
  preview: ImportPreview | null;
  /** Rejected rows loaded so far (the preview's first page, then more on request). */
  rejections: ImportRejection[];
  loadingRejections: boolean;
  jobId: string | null;
  done: number;
  total: number;
  cancelling: boolean;
  report: ImportReport | null;
  error: AppError | null;
};

export const initialImportState: ImportState = {
  open: false,
  phase: 'choose',
  fileName: null,
  fileBytes: 0,
  uploadedBytes: 0,
  importId: null,
  preview: null,
  rejections: [],
  loadingRejections: false,
  jobId: null,
  done: 0,
  total: 0,
  cancelling: false,
  report: null,
  error: null,
};
