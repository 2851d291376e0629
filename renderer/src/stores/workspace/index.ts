import { create } from 'zustand';
import { createWorkspaceActions, type WorkspaceActions } from './actions.ts';
import { initialWorkspaceState, type WorkspaceState } from './initialState.ts';

export type WorkspaceStore = WorkspaceState & WorkspaceActions;

export const createWorkspaceStore = () =>
  create<WorkspaceStore>()((...args) => ({
    ...initialWorkspaceState,
    ...createWorkspaceActions(...args),
  }));

export const useWorkspaceStore = createWorkspaceStore();

export { workspaceSelectors } from './selectors.ts';
export type { DemoJob, Overlay } from './initialState.ts';
