import type { StateCreator } from 'zustand';
import type { Profile } from '../../../../common/contract.ts';
import type { AppError } from '../../../../common/result.ts';
import { workspaceService } from '../../services/workspace.ts';
import type { Overlay } from './initialState.ts';
import type { WorkspaceStore } from './index.ts';

export type WorkspaceActions = {
  loadInfo: () => Promise<void>;
  /** Starts the demo workspace as a job in core; progress arrives as job.progress events. */
  startDemo: () => Promise<void>;
  cancelDemo: () => Promise<void>;
  dismissDemo: () => void;
  updateProfile: (profile: Profile) => Promise<{ ok: true } | { ok: false; error: AppError }>;
  setOverlay: (overlay: Overlay) => void;
  /** Follows job progress and the link to core; returns the way to stop. */
  startLive: () => () => void;
};

export const createWorkspaceActions: StateCreator<WorkspaceStore, [], [], WorkspaceActions> = (set, get) => ({
  loadInfo: async () => {
    const result = await workspaceService.info();
    if (result.ok) set({ info: result.value, infoError: null });
    else set({ infoError: result.error });
  },
  startDemo: async () => {
    const { state } = get().demo;
    if (state === 'starting' || state === 'running') return;
    set({ demo: { jobId: null, state: 'starting', label: 'Creating demo workspace', done: 0, total: 0, error: null } });
    const result = await workspaceService.startDemo();
    if (!result.ok) {
      set((s) => ({ demo: { ...s.demo, state: 'failed', error: result.error } }));
      return;
    }
    set((s) => ({ demo: { ...s.demo, jobId: result.value.jobId, state: s.demo.state === 'starting' ? 'running' : s.demo.state } }));
  },
  cancelDemo: async () => {
    const { jobId } = get().demo;
    if (!jobId) return;
    const result = await workspaceService.cancelJob(jobId);
    if (!result.ok) set((s) => ({ demo: { ...s.demo, error: result.error } }));
  },
  dismissDemo: () => set((s) => ({ demo: { ...s.demo, state: 'idle', error: null } })),
  updateProfile: async (profile) => {
    const result = await workspaceService.updateProfile(profile);
    if (!result.ok) return result;
    await get().loadInfo();
    return { ok: true };
  },
  setOverlay: (overlay) => set({ overlay }),
  startLive: () => {
    set({ connection: workspaceService.connection() });
    const stopProgress = workspaceService.onJobProgress((progress) => {
      const { demo } = get();
      // Progress can arrive before the answer that names the job; the kind's label tells it apart.
      const ours = demo.jobId ? progress.jobId === demo.jobId : demo.state === 'starting' && progress.label === demo.label;
      if (!ours) return;
      const state = progress.state === 'done' ? 'done' : progress.state === 'cancelled' ? 'cancelled' : progress.state === 'failed' || progress.state === 'interrupted' ? 'failed' : 'running';
      const error: AppError | null = state === 'failed' ? { code: 'INTERNAL', message: 'Core stopped the job before it finished. The cases created so far are kept.' } : null;
      set({ demo: { jobId: progress.jobId, state, label: progress.label, done: progress.done, total: progress.total, error } });
      if (state !== 'running') void get().loadInfo();
      // The job's own reason is kept with the job; show it instead of the general words.
      if (state === 'failed') {
        void workspaceService.getJob(progress.jobId).then((job) => {
          if (job.ok && job.value.error) set((s) => ({ demo: { ...s.demo, error: { code: 'INTERNAL', message: job.value.error ?? '' } } }));
        });
      }
    });
    const stopConnection = workspaceService.onConnectionChange((connection) => {
      const wasLost = get().connection.state === 'lost';
      set({ connection });
      if (wasLost && connection.state === 'open') void get().loadInfo();
    });
    return () => {
      stopProgress();
      stopConnection();
    };
  },
});
