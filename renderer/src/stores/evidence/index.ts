import { create } from 'zustand';
import { createEvidenceActions, type EvidenceActions } from './actions.ts';
import { initialEvidenceState, type EvidenceState } from './initialState.ts';

export type EvidenceStore = EvidenceState & EvidenceActions;

export const createEvidenceStore = () =>
  create<EvidenceStore>()((...args) => ({
    ...initialEvidenceState,
    ...createEvidenceActions(...args),
  }));

export const useEvidenceStore = createEvidenceStore();

export { evidenceSelectors } from './selectors.ts';
export { EVIDENCE_REFRESH_DELAY_MS, type PickedFile } from './actions.ts';
export type { AnalysisJob, IntegrityCheck, UploadEntry, ViewerState } from './initialState.ts';
