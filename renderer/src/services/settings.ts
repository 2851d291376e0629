import type { CallInput, SavedView, WorkspaceSettings } from '../../../common/contract.ts';
import type { Result } from '../../../common/result.ts';
import { call } from '../api/client.ts';

// Workspace settings and saved queue views; core keeps them in the workspace.

export const settingsService = {
  get: (): Promise<Result<WorkspaceSettings>> => call('settings.get', {}),
  update: (patch: CallInput<'settings.update'>): Promise<Result<WorkspaceSettings>> => call('settings.update', patch),
  views: (): Promise<Result<SavedView[]>> => call('views.list', {}),
  saveView: (view: CallInput<'views.save'>): Promise<Result<SavedView>> => call('views.save', view),
  removeView: (id: string) => call('views.remove', { id }),
};
