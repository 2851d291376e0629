import type { WorkspaceStore } from './index.ts';

export const workspaceSelectors = {
  profile: (s: WorkspaceStore) => s.info?.profile ?? null,
  profileName: (s: WorkspaceStore) => s.info?.profile.name ?? null,
  profileRole: (s: WorkspaceStore) => s.info?.profile.role ?? null,
  version: (s: WorkspaceStore) => s.info?.version ?? null,
  infoError: (s: WorkspaceStore) => s.infoError,
  connectionState: (s: WorkspaceStore) => s.connection.state,
  reconnectAttempts: (s: WorkspaceStore) => s.connection.attempts,
  demo: (s: WorkspaceStore) => s.demo,
  overlay: (s: WorkspaceStore) => s.overlay,
};
