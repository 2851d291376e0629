import { create } from 'zustand';
import { createImportActions, type ImportActions } from './actions.ts';
import { initialImportState, type ImportState } from './initialState.ts';

export type ImportStore = ImportState & ImportActions;

export const createImportStore = () =>
  create<ImportStore>()((...args) => ({
    ...initialImportState,
    ...createImportActions(...args),
  }));

export const useImportStore = createImportStore();

export { importSelectors } from './selectors.ts';
export type { ImportPhase } from './initialState.ts';
