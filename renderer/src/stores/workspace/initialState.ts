import type { AppError } from '../../../../common/result.ts';
import type { ConnectionStatus } from '../../api/client.ts';
import type { AppInfo } from '../../services/workspace.ts';

/** The demo workspace job as the screen shows it. */
export type DemoJob = {
  jobId: string | null;
  state: 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  label: string;
  done: number;
  total: number;
  error: AppError | null;
};

/** The one dialog open over the app, if any (menu commands and shortcuts open them). */
export type Overlay = 'shortcuts' | 'profile' | 'newClaim' | null;

export type WorkspaceState = {
  info: AppInfo | null;
  infoError: AppError | null;
  connection: ConnectionStatus;
  demo: DemoJob;
  overlay: Overlay;
};

export const initialDemoJob: DemoJob = { jobId: null, state: 'idle', label: '', done: 0, total: 0, error: null };

export const initialWorkspaceState: WorkspaceState = {
  info: null,
  infoError: null,
  connection: { state: 'connecting', attempts: 0 },
  demo: initialDemoJob,
  overlay: null,
};
