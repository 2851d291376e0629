import { create } from 'zustand';
import { createSettingsActions, type SettingsActions } from './actions.ts';
import { initialSettingsState, type SettingsState } from './initialState.ts';

export type SettingsStore = SettingsState & SettingsActions;

export const createSettingsStore = () =>
  create<SettingsStore>()((...args) => ({
    ...initialSettingsState,
    ...createSettingsActions(...args),
  }));

export const useSettingsStore = createSettingsStore();

export { settingsSelectors } from './selectors.ts';
export { DEFAULT_COLUMNS } from './initialState.ts';
