import type { Result } from '../../../common/result.ts';

// What the client needs from a way of reaching core. The Electron bridge and the browser shell's
// WebSocket both provide it, so nothing above renderer/src/api knows which one is in use.

/**
 * `connecting` before the first connection, `open` while calls can go out, `lost` after a connection
 * dropped (or never came up) and the transport is trying again.
 */
export type ConnectionState = 'connecting' | 'open' | 'lost';
export type ConnectionStatus = { state: ConnectionState; attempts: number };

export type Transport = {
  call: (name: string, input: unknown) => Promise<Result<unknown>>;
  subscribe: (event: string, listener: (body: unknown) => void) => () => void;
  status: () => ConnectionStatus;
  onStatus: (listener: (status: ConnectionStatus) => void) => () => void;
};
