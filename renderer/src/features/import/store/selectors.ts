import type { ImportStore } from './index.ts';

export const importSelectors = {
  open: (s: ImportStore) => s.open,
  phase: (s: ImportStore) => s.phase,
  fileName: (s: ImportStore) => s.fileName,
  fileBytes: (s: ImportStore) => s.fileBytes,
  uploadedBytes: (s: ImportStore) => s.uploadedBytes,
  preview: (s: ImportStore) => s.preview,
  rejections: (s: ImportStore) => s.rejections,
  moreRejections: (s: ImportStore) => (s.preview ? s.preview.rejectedCount - s.rejections.length : 0),
  loadingRejections: (s: ImportStore) => s.loadingRejections,
  done: (s: ImportStore) => s.done,
  total: (s: ImportStore) => s.total,
  cancelling: (s: ImportStore) => s.cancelling,
  report: (s: ImportStore) => s.report,
  error: (s: ImportStore) => s.error,
  /** True while work runs in core that the dialog must not lose track of. */
  busy: (s: ImportStore) => s.phase === 'uploading' || s.phase === 'checking' || s.phase === 'importing',
};
