import type { StateCreator } from 'zustand';
import { workspaceService } from '../../services/workspace.ts';
import type { WorkspaceStore } from './index.ts';

/** Core reports the demo workspace job under this id. */
const DEMO_JOB_ID = 'demo';

export type WorkspaceActions = {
  loadInfo: () => Promise<void>;
  /** Fills an empty workspace with demo cases; resolves true when core has finished. */
  createDemo: () => Promise<boolean>;
  /** Follows job progress and the link to core; returns the way to stop. */
  startLive: () => () => void;
};

export const createWorkspaceActions: StateCreator<WorkspaceStore, [], [], WorkspaceActions> = (set, get) => ({
  loadInfo: async () => {
    const result = await workspaceService.info();
    if (result.ok) set({ info: result.value, infoError: null });
    else set({ infoError: result.error });
  },
  createDemo: async () => {
    if (get().demo.running) return false;
    set({ demo: { running: true, label: 'Creating demo workspace', done: 0, total: 0, error: null } });
    const result = await workspaceService.createDemo();
    if (!result.ok) {
      set((s) => ({ demo: { ...s.demo, running: false, error: result.error } }));
      return false;
    }
    const created = result.value.claims + result.value.policeCases;
    set((s) => ({ demo: { ...s.demo, running: false, done: created, total: created } }));
    void get().loadInfo();
    return true;
  },
  startLive: () => {
    set({ connection: workspaceService.connection() });
    const stopProgress = workspaceService.onJobProgress((progress) => {
      if (progress.jobId !== DEMO_JOB_ID || !get().demo.running) return;
      set((s) => ({ demo: { ...s.demo, label: progress.label, done: progress.done, total: progress.total } }));
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
