import type { StateCreator } from 'zustand';
import type { SavedView, SavedViewFilters, SortColumn } from '../../../../common/contract.ts';
import type { AppError } from '../../../../common/result.ts';
import { settingsService } from '../../services/settings.ts';
import { DEFAULT_COLUMNS } from './initialState.ts';
import type { SettingsStore } from './index.ts';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Stored column lists keep only columns this version knows, in the order of the defaults, with Number first. */
const knownColumns = (stored: readonly string[] | null): readonly SortColumn[] => {
  if (!stored) return DEFAULT_COLUMNS;
  const wanted = new Set(stored);
  return DEFAULT_COLUMNS.filter((c) => c === 'number' || wanted.has(c));
};

export type SettingsActions = {
  load: () => Promise<void>;
  loadViews: () => Promise<void>;
  saveView: (name: string, filters: SavedViewFilters) => Promise<Outcome<SavedView>>;
  removeView: (id: string) => Promise<Outcome<boolean>>;
  toggleColumn: (column: SortColumn) => Promise<void>;
  setApprovalThreshold: (cents: number) => Promise<Outcome<number>>;
};

export const createSettingsActions: StateCreator<SettingsStore, [], [], SettingsActions> = (set, get) => ({
  load: async () => {
    const [settings, views] = await Promise.all([settingsService.get(), settingsService.views()]);
    if (!settings.ok) return set({ error: settings.error, loaded: true });
    if (!views.ok) return set({ error: views.error, loaded: true });
    set({ views: views.value, columns: knownColumns(settings.value.queueColumns), approvalThresholdCents: settings.value.approvalThresholdCents, loaded: true, error: null });
  },
  loadViews: async () => {
    const views = await settingsService.views();
    if (views.ok) set({ views: views.value });
  },
  saveView: async (name, filters) => {
    const saved = await settingsService.saveView({ name, filters });
    if (saved.ok) await get().loadViews();
    return saved;
  },
  removeView: async (id) => {
    const removed = await settingsService.removeView(id);
    if (!removed.ok) return removed;
    await get().loadViews();
    return { ok: true, value: true };
  },
  toggleColumn: async (column) => {
    if (column === 'number') return;
    const current = get().columns;
    const next = current.includes(column) ? current.filter((c) => c !== column) : knownColumns([...current, column]);
    set({ columns: next });
    const saved = await settingsService.update({ queueColumns: [...next] });
    if (!saved.ok) set({ columns: current, error: saved.error });
  },
  setApprovalThreshold: async (cents) => {
    const saved = await settingsService.update({ approvalThresholdCents: cents });
    if (!saved.ok) return saved;
    set({ approvalThresholdCents: saved.value.approvalThresholdCents });
    return { ok: true, value: saved.value.approvalThresholdCents };
  },
});
