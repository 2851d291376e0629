import type { CallOutput, EventBody, Profile } from '../../../common/contract.ts';
import type { MenuCommand } from '../../../common/names.ts';
import type { Result } from '../../../common/result.ts';
import { call, connectionStatus, onConnectionChange, onMenuCommand, subscribe, type ConnectionStatus } from '../api/client.ts';

// Workspace-wide calls: who is signed in locally, what the workspace holds, the demo workspace job,
// the application menu, and the state of the link to core.

export type AppInfo = CallOutput<'app.info'>;
export type JobProgress = EventBody<'job.progress'>;

export const workspaceService = {
  info: (): Promise<Result<AppInfo>> => call('app.info', {}),
  updateProfile: (profile: Profile): Promise<Result<Profile>> => call('profile.update', profile),
  startDemo: (): Promise<Result<{ jobId: string }>> => call('demo.start', {}),
  cancelJob: (id: string) => call('jobs.cancel', { id }),
  getJob: (id: string) => call('jobs.get', { id }),
  onJobProgress: (listener: (progress: JobProgress) => void): (() => void) => subscribe('job.progress', listener),
  onMenuCommand: (listener: (command: MenuCommand) => void): (() => void) => onMenuCommand(listener),
  connection: (): ConnectionStatus => connectionStatus(),
  onConnectionChange: (listener: (status: ConnectionStatus) => void): (() => void) => onConnectionChange(listener),
};
