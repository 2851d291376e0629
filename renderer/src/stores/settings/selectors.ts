import type { SettingsStore } from './index.ts';

export const settingsSelectors = {
  views: (s: SettingsStore) => s.views,
  columns: (s: SettingsStore) => s.columns,
  approvalThresholdCents: (s: SettingsStore) => s.approvalThresholdCents,
  error: (s: SettingsStore) => s.error,
};
