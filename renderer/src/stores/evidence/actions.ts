import type { StateCreator } from 'zustand';
import type { AppError, Result } from '../../../../common/result.ts';
import { evidenceService, intakeUnavailable, type EvidenceSource, type EvidenceRecord, type FindingView, type IntegrityReport, type JobProgress } from '../../services/evidence.ts';
import { workspaceService } from '../../services/workspace.ts';
import { initialEvidenceState, initialIntegrity, initialViewer, type AnalysisJob, type UploadEntry } from './initialState.ts';
import type { EvidenceStore } from './index.ts';

/** A burst of stored files or findings becomes one reload of the gallery. */
export const EVIDENCE_REFRESH_DELAY_MS = 150;

/** A file picked or dropped, with where it sat inside a chosen folder and how it was chosen. */
export type PickedFile = { file: File; path: string; source: EvidenceSource };

export type EvidenceActions = {
  /** Shows this case's evidence: loads the gallery and findings (a different case starts afresh). */
  openCase: (caseId: string) => Promise<void>;
  refresh: () => Promise<void>;
  loadAnalyzers: () => Promise<void>;
  /** Sends files to core one at a time; one refused file never stops the rest. */
  addFiles: (files: PickedFile[]) => Promise<void>;
  stopUploads: () => void;
  clearUploads: () => void;
  /** Starts analysis of the whole case, or of one item. */
  analyse: (evidenceId?: string) => Promise<void>;
  cancelAnalysis: () => Promise<void>;
  dismissAnalysis: () => void;
  verifyCase: () => Promise<void>;
  /** Opens an item in full; core records the viewing in its custody log. */
  openItem: (evidenceId: string) => Promise<void>;
  closeItem: () => void;
  reloadItem: () => Promise<void>;
  verifyItem: () => Promise<void>;
  /** Puts a second item (of this case or another) beside the open one. */
  compareWith: (evidenceId: string | null) => Promise<void>;
  /** Follows job progress and case changes; returns the way to stop. */
  startLive: () => () => void;
};

const byEvidence = (findings: FindingView[]): Record<string, FindingView[]> => {
  const out: Record<string, FindingView[]> = {};
  for (const f of findings) (out[f.evidenceId] ??= []).push(f);
  return out;
};

const tamperedOf = (report: IntegrityReport): Record<string, string> => Object.fromEntries(report.tampered.map((t) => [t.evidenceId, t.problem]));

const jobState = (progress: JobProgress): AnalysisJob['state'] =>
  progress.state === 'done' ? 'done' : progress.state === 'cancelled' ? 'cancelled' : progress.state === 'failed' || progress.state === 'interrupted' ? 'failed' : 'running';

let uploadKey = 0;
/** Files waiting to be sent, by upload key; a batch added while one is sending joins the same loop. */
const pendingFiles = new Map<string, PickedFile>();

export const createEvidenceActions: StateCreator<EvidenceStore, [], [], EvidenceActions> = (set, get) => {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  // Only the newest answer may be written: an older one (another case, an earlier item) can arrive later.
  let listRequest = 0;
  let itemRequest = 0;
  let uploadAbort: AbortController | null = null;
  // Progress can arrive before analysis.run answers with the job's id.
  const seenProgress = new Map<string, JobProgress>();

  const scheduleRefresh = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void get().refresh();
    }, EVIDENCE_REFRESH_DELAY_MS);
  };

  const updateUpload = (key: string, patch: Partial<UploadEntry>) => set((s) => ({ uploads: s.uploads.map((u) => (u.key === key ? { ...u, ...patch } : u)) }));

  const applyProgress = (progress: JobProgress) => {
    const job = get().job;
    if (!job || job.jobId !== progress.jobId) return;
    const state = jobState(progress);
    const error: AppError | null = state === 'failed' ? { code: 'INTERNAL', message: 'Analysis stopped before it finished. Findings recorded so far are kept; start it again to finish the rest.' } : null;
    set({ job: { ...job, state, label: progress.label, done: progress.done, total: progress.total, error } });
    if (state !== 'running') {
      void get().refresh();
      if (get().viewer.evidenceId) void get().reloadItem();
    } else if (progress.done > job.done) scheduleRefresh();
  };

  /** Asks core where a running job stands, for when its events may have been missed. */
  const syncJob = async (jobId: string) => {
    const job = await evidenceService.job(jobId);
    if (job.ok && get().job?.jobId === jobId && get().job?.state === 'running') {
      applyProgress({ jobId, label: job.value.label, done: job.value.done, total: job.value.total, state: job.value.state });
    }
  };

  const refresh = async () => {
    const caseId = get().caseId;
    if (!caseId) return;
    const request = ++listRequest;
    set({ loading: true });
    const [items, findings] = await Promise.all([evidenceService.list(caseId), evidenceService.findings(caseId)]);
    if (request !== listRequest) return;
    if (!items.ok) return set({ loading: false, error: items.error });
    // The gallery still helps without findings: badges then say the findings could not be read.
    set({ loading: false, loaded: true, error: findings.ok ? null : findings.error, items: items.value, findings: findings.ok ? byEvidence(findings.value) : get().findings });
  };

  const loadRecord = (id: string): Promise<Result<EvidenceRecord>> => evidenceService.get(id);

  return {
    refresh,
    openCase: async (caseId) => {
      if (get().caseId !== caseId) {
        // Files still waiting belonged to the other case: stop, so none lands in the wrong one.
        uploadAbort?.abort();
        uploadAbort = null;
        pendingFiles.clear();
        listRequest++;
        itemRequest++;
        set({ ...initialEvidenceState, analyzers: get().analyzers, caseId });
      }
      await refresh();
      // Back on the same case after the panel was closed: its job may have moved on unheard.
      const jobId = get().job?.jobId;
      if (jobId) await syncJob(jobId);
    },
    loadAnalyzers: async () => {
      const result = await evidenceService.analyzers();
      if (result.ok) set({ analyzers: result.value });
    },
    addFiles: async (files) => {
      const caseId = get().caseId;
      if (!caseId || files.length === 0) return;
      const unavailable = intakeUnavailable();
      const entries: UploadEntry[] = files.map(({ file, path }) => ({
        key: `u${++uploadKey}`,
        name: file.name,
        path: path || file.name,
        size: file.size,
        sent: 0,
        state: unavailable ? 'failed' : 'waiting',
        error: unavailable,
        evidenceId: null,
      }));
      // A batch added while another is sending joins its list; otherwise the list starts afresh.
      set((s) => ({ uploads: uploadAbort ? [...s.uploads, ...entries] : entries }));
      if (unavailable) return;
      entries.forEach((e, i) => pendingFiles.set(e.key, files[i]));
      // A second batch joins the queue the running batch is working through.
      if (uploadAbort) return;
      const controller = new AbortController();
      uploadAbort = controller;
      const signal = controller.signal;
      try {
        for (;;) {
          const next = get().uploads.find((u) => u.state === 'waiting');
          if (!next || signal.aborted || get().caseId !== caseId) break;
          const picked = pendingFiles.get(next.key);
          if (!picked) {
            updateUpload(next.key, { state: 'failed', error: 'The file is no longer available to this page. Add it again.' });
            continue;
          }
          updateUpload(next.key, { state: 'sending' });
          const result = await evidenceService.upload(caseId, picked.file, picked.source, picked.path, (p) => updateUpload(next.key, { sent: p.sent }), signal);
          pendingFiles.delete(next.key);
          if (result.ok) {
            updateUpload(next.key, { state: result.value.duplicate ? 'duplicate' : 'stored', sent: next.size, evidenceId: result.value.evidenceId ?? null });
            scheduleRefresh();
          } else updateUpload(next.key, { state: signal.aborted ? 'stopped' : 'failed', error: result.error.message });
        }
      } finally {
        if (uploadAbort === controller) {
          uploadAbort = null;
          pendingFiles.clear();
          set((s) => ({ uploads: s.uploads.map((u) => (u.state === 'waiting' ? { ...u, state: 'stopped', error: 'Not sent: adding was stopped.' } : u)) }));
          scheduleRefresh();
        }
      }
    },
    stopUploads: () => uploadAbort?.abort(),
    clearUploads: () => set((s) => ({ uploads: s.uploads.filter((u) => u.state === 'waiting' || u.state === 'sending') })),
    analyse: async (evidenceId) => {
      const caseId = get().caseId;
      const running = get().job;
      if (!caseId || (running && (running.state === 'starting' || running.state === 'running'))) return;
      set({ job: { jobId: null, evidenceId: evidenceId ?? null, state: 'starting', label: 'Analysing evidence', done: 0, total: 0, error: null } });
      const result = evidenceId ? await evidenceService.analyseItem(evidenceId) : await evidenceService.analyseCase(caseId);
      if (!result.ok) return set((s) => ({ job: s.job && { ...s.job, state: 'failed', error: result.error } }));
      const { jobId } = result.value;
      set((s) => ({ job: s.job && { ...s.job, jobId, state: 'running' } }));
      const early = seenProgress.get(jobId);
      if (early) applyProgress(early);
      // A short job can finish before its first event reaches this window: ask once where it stands.
      await syncJob(jobId);
    },
    cancelAnalysis: async () => {
      const jobId = get().job?.jobId;
      if (!jobId) return;
      const result = await evidenceService.cancelJob(jobId);
      if (!result.ok) set((s) => ({ job: s.job && { ...s.job, error: result.error } }));
    },
    dismissAnalysis: () => set({ job: null }),
    verifyCase: async () => {
      const caseId = get().caseId;
      if (!caseId) return;
      set({ caseIntegrity: { ...initialIntegrity, state: 'checking' } });
      const result = await evidenceService.verifyCase(caseId);
      if (get().caseId !== caseId) return;
      if (!result.ok) return set({ caseIntegrity: { ...initialIntegrity, state: 'failed', error: result.error } });
      set({ caseIntegrity: { state: 'done', report: result.value, error: null, checkedAt: new Date().toISOString() }, tampered: tamperedOf(result.value) });
    },
    openItem: async (evidenceId) => {
      const request = ++itemRequest;
      set((s) => ({ viewer: s.viewer.evidenceId === evidenceId ? { ...s.viewer, loading: true } : { ...initialViewer, evidenceId, loading: true } }));
      // Opening in full is an access the custody log must show, recorded before the bytes are shown.
      const accessed = await evidenceService.accessed(evidenceId, 'evidence viewer');
      const [record, similar] = await Promise.all([loadRecord(evidenceId), evidenceService.similar(evidenceId)]);
      if (request !== itemRequest) return;
      if (!record.ok) return set((s) => ({ viewer: { ...s.viewer, loading: false, error: record.error } }));
      set((s) => ({
        viewer: { ...s.viewer, loading: false, error: accessed.ok ? null : accessed.error, record: record.value, similar: similar.ok ? similar.value : [] },
      }));
    },
    closeItem: () => {
      itemRequest++;
      set({ viewer: initialViewer });
    },
    reloadItem: async () => {
      const { evidenceId } = get().viewer;
      if (!evidenceId) return;
      const request = itemRequest;
      const record = await loadRecord(evidenceId);
      if (request !== itemRequest || !record.ok) return;
      set((s) => ({ viewer: { ...s.viewer, record: record.value } }));
    },
    verifyItem: async () => {
      const { evidenceId } = get().viewer;
      if (!evidenceId) return;
      set((s) => ({ viewer: { ...s.viewer, integrity: { ...initialIntegrity, state: 'checking' } } }));
      const result = await evidenceService.verify(evidenceId);
      if (get().viewer.evidenceId !== evidenceId) return;
      if (!result.ok) return set((s) => ({ viewer: { ...s.viewer, integrity: { ...initialIntegrity, state: 'failed', error: result.error } } }));
      const problem = result.value.tampered.find((t) => t.evidenceId === evidenceId)?.problem;
      set((s) => {
        const tampered = { ...s.tampered };
        if (problem) tampered[evidenceId] = problem;
        else delete tampered[evidenceId];
        return { tampered, viewer: { ...s.viewer, integrity: { state: 'done', report: result.value, error: null, checkedAt: new Date().toISOString() } } };
      });
      // Verifying adds a custody entry.
      void get().reloadItem();
    },
    compareWith: async (evidenceId) => {
      if (!evidenceId) return set((s) => ({ viewer: { ...s.viewer, compareId: null, compareRecord: null, compareError: null } }));
      set((s) => ({ viewer: { ...s.viewer, compareId: evidenceId, compareRecord: null, compareError: null } }));
      const accessed = await evidenceService.accessed(evidenceId, 'side-by-side compare');
      const record = await loadRecord(evidenceId);
      if (get().viewer.compareId !== evidenceId) return;
      if (!record.ok) return set((s) => ({ viewer: { ...s.viewer, compareError: record.error } }));
      set((s) => ({ viewer: { ...s.viewer, compareRecord: record.value, compareError: accessed.ok ? null : accessed.error } }));
    },
    startLive: () => {
      const stopProgress = evidenceService.onJobProgress((progress) => {
        const job = get().job;
        if (job && job.jobId === null && job.state === 'starting') {
          seenProgress.set(progress.jobId, progress);
          if (seenProgress.size > 20) seenProgress.delete(seenProgress.keys().next().value as string);
        }
        applyProgress(progress);
      });
      const stopChanges = evidenceService.onCaseChanged((change) => {
        const caseId = get().caseId;
        if (caseId && (change.caseIds.length === 0 || change.caseIds.includes(caseId))) scheduleRefresh();
      });
      // Events sent while the link was down are lost: catch up on the gallery and on a job that may have ended.
      let lastState = workspaceService.connection().state;
      const stopConnection = workspaceService.onConnectionChange((status) => {
        if (status.state === 'open' && lastState === 'lost') {
          void get().refresh();
          const jobId = get().job?.jobId;
          if (jobId) void syncJob(jobId);
        }
        lastState = status.state;
      });
      return () => {
        stopProgress();
        stopChanges();
        stopConnection();
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = null;
      };
    },
  };
};

