import { transportError } from '../../../common/protocol.ts';
import type { Result } from '../../../common/result.ts';
import type { ConnectionStatus, Transport } from './transport.ts';

// The object Electron's preload exposes on window. Read through globalThis rather than by augmenting
// Window, so this file does not have to agree with the preload's own declaration of it.
export type CasebenchBridge = {
  call: (name: string, input: unknown) => Promise<Result<unknown>>;
  on: (event: string, listener: (body: unknown) => void) => () => void;
  onCommand?: (listener: (command: unknown) => void) => () => void;
  pathForFile?: (file: File) => string;
};

const isBridge = (value: unknown): value is CasebenchBridge =>
  typeof value === 'object' && value !== null && typeof (value as CasebenchBridge).call === 'function' && typeof (value as CasebenchBridge).on === 'function';

export const findBridge = (): CasebenchBridge | null => {
  const candidate = (globalThis as { casebench?: unknown }).casebench;
  return isBridge(candidate) ? candidate : null;
};

const OPEN: ConnectionStatus = { state: 'open', attempts: 0 };

/** In Electron the window's port to core lives as long as the window, so the link is always open. */
export const createBridgeTransport = (bridge: CasebenchBridge): Transport => ({
  call: async (name, input) => {
    try {
      return await bridge.call(name, input);
    } catch (e) {
      return { ok: false, error: transportError(`Casebench could not pass the request on (${(e as Error)?.message ?? String(e)}).`) };
    }
  },
  subscribe: (event, listener) => bridge.on(event, listener),
  status: () => OPEN,
  onStatus: () => () => {},
});

/** Where a picked or dropped file lies on disk, in the desktop window; '' in a browser or when unknown. */
export const pathForFile = (file: File): string => findBridge()?.pathForFile?.(file) ?? '';
