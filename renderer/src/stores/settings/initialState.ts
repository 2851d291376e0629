import type { SavedView, SortColumn } from '../../../../common/contract.ts';
import type { AppError } from '../../../../common/result.ts';

/** Columns a person can show or hide; Number is always shown, so the row can be opened. */
export const DEFAULT_COLUMNS: readonly SortColumn[] = ['number', 'kind', 'status', 'claimant', 'plate', 'incidentAt', 'amount', 'assignee', 'updatedAt'];

export type SettingsState = {
  views: SavedView[];
  columns: readonly SortColumn[];
  approvalThresholdCents: number | null;
  loaded: boolean;
  error: AppError | null;
};

export const initialSettingsState: SettingsState = { views: [], columns: DEFAULT_COLUMNS, approvalThresholdCents: null, loaded: false, error: null };
