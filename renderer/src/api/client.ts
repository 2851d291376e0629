import type { CallInput, CallName, CallOutput, EventBody, EventName } from '../../../common/contract.ts';
import { MENU_COMMANDS, type MenuCommand } from '../../../common/names.ts';
import type { Result } from '../../../common/result.ts';
import { createBridgeTransport, findBridge } from './bridge.ts';
import { createSocketTransport } from './socket.ts';
import type { ConnectionStatus, Transport } from './transport.ts';

// The only door from the renderer to core. Electron's preload bridge when it is there, otherwise the
// browser shell's WebSocket on the page's own origin (the gateway's cookie authorises it).

export type { ConnectionState, ConnectionStatus } from './transport.ts';

let transport: Transport | null = null;

const currentTransport = (): Transport => {
  if (!transport) {
    const bridge = findBridge();
    transport = bridge
      ? createBridgeTransport(bridge)
      : createSocketTransport({ url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws` });
  }
  return transport;
};

/** Replaces the transport; for tests that drive the client without a window. */
export const replaceTransport = (next: Transport | null): void => {
  transport = next;
};

export const call = async <K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>> =>
  // Core validates every output against the contract before it answers, so the reply has this shape.
  (await currentTransport().call(name, input)) as Result<CallOutput<K>>;

export const subscribe = <K extends EventName>(event: K, listener: (body: EventBody<K>) => void): (() => void) =>
  currentTransport().subscribe(event, (body) => listener(body as EventBody<K>));

export const connectionStatus = (): ConnectionStatus => currentTransport().status();

export const onConnectionChange = (listener: (status: ConnectionStatus) => void): (() => void) => currentTransport().onStatus(listener);

/**
 * Application-menu commands. Only the Electron window has a menu; in the browser shell there is no
 * bridge and nothing is ever delivered.
 */
export const onMenuCommand = (listener: (command: MenuCommand) => void): (() => void) => {
  const bridge = findBridge();
  if (!bridge?.onCommand) return () => {};
  return bridge.onCommand((command) => {
    if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command as MenuCommand);
  });
};
