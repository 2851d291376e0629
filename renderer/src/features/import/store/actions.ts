import type { StateCreator } from 'zustand';
import { importService, type JobProgress } from '../importService.ts';
import { initialImportState } from './initialState.ts';
import type { ImportStore } from './index.ts';

export type ImportActions = {
  openDialog: () => void;
  /** Closes the dialog; an import that is running goes on, and the dialog shows it again when reopened. */
  closeDialog: () => void;
  chooseFile: (file: File) => Promise<void>;
  /** Back to choosing a file, throwing away a preview that was not imported. */
  chooseAnother: () => void;
  loadMoreRejections: () => Promise<void>;
  startImport: () => Promise<void>;
  cancelImport: () => Promise<void>;
  /** Follows job.progress for the running import; returns the way to stop. */
  startLive: () => () => void;
};

const TERMINAL = new Set(['done', 'cancelled', 'failed', 'interrupted']);

export const createImportActions: StateCreator<ImportStore, [], [], ImportActions> = (set, get) => {
  // Each chosen file gets a number; work for a file the person has since replaced or closed is dropped.
  let generation = 0;

  const discardCurrent = () => {
    const { importId, phase } = get();
    if (importId && phase !== 'importing' && phase !== 'finished') void importService.discard(importId);
  };

  const finish = async () => {
    const { importId } = get();
    if (!importId) return;
    const report = await importService.report(importId);
    if (report.ok) set({ phase: 'finished', report: report.value, done: report.value.imported, cancelling: false });
    else set({ phase: 'finished', error: report.error, cancelling: false });
  };

  return {
    // An import that ended while the dialog was closed still shows its report when it is opened again.
    openDialog: () => set({ open: true }),
    closeDialog: () => {
      const { phase } = get();
      if (phase === 'importing') {
        set({ open: false });
        return;
      }
      generation++;
      discardCurrent();
      set({ ...initialImportState });
    },
    chooseFile: async (file) => {
      const mine = ++generation;
      discardCurrent();
      set({ ...initialImportState, open: true, phase: 'uploading', fileName: file.name, fileBytes: file.size });
      const uploaded = await importService.upload(file, (sent) => {
        if (mine === generation) set({ uploadedBytes: sent });
      });
      if (mine !== generation) {
        if (uploaded.ok) void importService.discard(uploaded.value);
        return;
      }
      if (!uploaded.ok) {
        set({ phase: 'choose', error: uploaded.error });
        return;
      }
      set({ phase: 'checking', importId: uploaded.value });
      const preview = await importService.preview(uploaded.value);
      if (mine !== generation) return;
      if (!preview.ok) {
        void importService.discard(uploaded.value);
        set({ phase: 'choose', importId: null, error: preview.error });
        return;
      }
      set({ phase: 'preview', preview: preview.value, rejections: preview.value.rejected });
    },
    chooseAnother: () => {
      generation++;
      discardCurrent();
      set({ ...initialImportState, open: true });
    },
    loadMoreRejections: async () => {
      const { importId, rejections, loadingRejections } = get();
      if (!importId || loadingRejections) return;
      set({ loadingRejections: true });
      const more = await importService.rejections(importId, rejections.length);
      if (more.ok) set((s) => ({ rejections: [...s.rejections, ...more.value.rows], loadingRejections: false }));
      else set({ loadingRejections: false, error: more.error });
    },
    startImport: async () => {
      const { importId, preview, phase } = get();
      if (!importId || !preview || phase !== 'preview') return;
      set({ phase: 'importing', done: 0, total: preview.valid, error: null });
      const started = await importService.start(importId);
      if (!started.ok) {
        set({ phase: 'preview', error: started.error });
        return;
      }
      set({ jobId: started.value.jobId });
    },
    cancelImport: async () => {
      const { jobId, phase } = get();
      if (!jobId || phase !== 'importing') return;
      set({ cancelling: true });
      const result = await importService.cancel(jobId);
      // The job may have finished meanwhile; its last progress event brings the report either way.
      if (!result.ok) set({ cancelling: false });
    },
    startLive: () =>
      importService.onJobProgress((progress: JobProgress) => {
        const { jobId, phase } = get();
        if (!jobId || progress.jobId !== jobId || phase !== 'importing') return;
        set({ done: progress.done, total: progress.total || get().total });
        if (progress.state && TERMINAL.has(progress.state)) void finish();
      }),
  };
};
