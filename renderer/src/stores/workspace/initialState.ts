import type { AppError } from '../../../../common/result.ts';
import type { ConnectionStatus } from '../../api/client.ts';
import type { AppInfo } from '../../services/workspace.ts';

/** The demo workspace job as the empty state shows it. */
export type DemoJob = { running: boolean; label: string; done: number; total: number; error: AppError | null };

export type WorkspaceState = {
  info: AppInfo | null;
  infoError: AppError | null;
  connection: ConnectionStatus;
  demo: DemoJob;
};

export const initialDemoJob: DemoJob = { running: false, label: '', done: 0, total: 0, error: null };

export const initialWorkspaceState: WorkspaceState = {
  info: null,
  infoError: null,
  connection: { state: 'connecting', attempts: 0 },
  demo: initialDemoJob,
};
