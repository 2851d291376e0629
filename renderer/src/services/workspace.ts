import type { CallOutput, EventBody } from '../../../common/contract.ts';
import type { Result } from '../../../common/result.ts';
import { call, connectionStatus, onConnectionChange, subscribe, type ConnectionStatus } from '../api/client.ts';

// Workspace-wide calls: who is signed in locally, what the workspace holds, the demo workspace job,
// and the state of the link to core.

export type AppInfo = CallOutput<'app.info'>;
export type DemoResult = CallOutput<'demo.create'>;
export type JobProgress = EventBody<'job.progress'>;

export const workspaceService = {
  info: (): Promise<Result<AppInfo>> => call('app.info', {}),
  createDemo: (): Promise<Result<DemoResult>> => call('demo.create', {}),
  onJobProgress: (listener: (progress: JobProgress) => void): (() => void) => subscribe('job.progress', listener),
  connection: (): ConnectionStatus => connectionStatus(),
  onConnectionChange: (listener: (status: ConnectionStatus) => void): (() => void) => onConnectionChange(listener),
};
