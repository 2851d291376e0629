import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { CALL_NAMES, COMMAND_CHANNEL, CORE_PORT_CHANNEL, EVENT_NAMES, MENU_COMMANDS, type CasebenchApi, type MenuCommand } from '../common/names.ts';
import type { CallMessage } from '../common/protocol.ts';
import type { AppError, Result } from '../common/result.ts';

// The sandboxed bridge between the renderer and core. Main hands us a MessagePort to core; calls and
// events travel on it directly. The page sees one object of named functions, never ipcRenderer or Node.

type Reply = Result<unknown>;
type Listener = (body: unknown) => void;

const failure = (error: AppError): Reply => ({ ok: false, error });
const CORE_RESTARTED: AppError = { code: 'INTERNAL', message: 'Core restarted; try again' };

const callNames = new Set<string>(CALL_NAMES);
const eventNames = new Set<string>(EVENT_NAMES);
const menuCommands = new Set<string>(MENU_COMMANDS);

let port: MessagePort | null = null;
let nextId = 1;
const waiting: CallMessage[] = [];
const pending = new Map<number, (reply: Reply) => void>();
const eventListeners = new Map<string, Set<Listener>>();
const commandListeners = new Set<(command: MenuCommand) => void>();

const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

const settle = (id: number, reply: Reply): void => {
  const resolve = pending.get(id);
  if (!resolve) return;
  pending.delete(id);
  resolve(reply);
};

const failPending = (): void => {
  for (const id of [...pending.keys()]) settle(id, failure(CORE_RESTARTED));
};

const deliverEvent = (name: string, body: unknown): void => {
  if (!eventNames.has(name)) return;
  for (const listener of eventListeners.get(name) ?? []) {
    try {
      listener(body);
    } catch {
      // One failing subscriber must not stop the others from hearing the event.
    }
  }
};

const receive = (data: unknown): void => {
  if (typeof data !== 'object' || data === null) return;
  const message = data as { type?: unknown; id?: unknown; result?: unknown; name?: unknown; body?: unknown };
  if (message.type === 'reply' && typeof message.id === 'number') {
    settle(message.id, isReply(message.result) ? message.result : failure({ code: 'INTERNAL', message: 'Core sent a reply this app cannot read.' }));
  } else if (message.type === 'event' && typeof message.name === 'string') {
    deliverEvent(message.name, message.body);
  }
};

const post = (target: MessagePort, message: CallMessage): void => {
  try {
    target.postMessage(message);
  } catch {
    settle(message.id, failure({ code: 'INVALID_INPUT', message: `The input for "${message.name}" cannot be sent to core.` }));
  }
};

const adoptPort = (next: MessagePort): void => {
  if (port) {
    // A new port means core restarted or main reconnected us: replies to the old one will never come.
    port.close();
    failPending();
  }
  const current = next;
  port = current;
  current.addEventListener('message', (event: MessageEvent) => {
    if (port === current) receive(event.data);
  });
  // Electron adds 'close' to MessagePort: the other end (core) went away.
  current.addEventListener('close', () => {
    if (port !== current) return;
    port = null;
    failPending();
  });
  current.start();
  for (const message of waiting.splice(0)) post(current, message);
};

ipcRenderer.on(CORE_PORT_CHANNEL, (event: IpcRendererEvent) => {
  const received = event.ports[0];
  if (received) adoptPort(received);
});

ipcRenderer.on(COMMAND_CHANNEL, (_event: IpcRendererEvent, command: unknown) => {
  if (typeof command !== 'string' || !menuCommands.has(command)) return;
  for (const listener of commandListeners) listener(command as MenuCommand);
});

const call = (name: unknown, input: unknown): Promise<Reply> => {
  if (typeof name !== 'string' || !callNames.has(name)) {
    return Promise.resolve(failure({ code: 'UNKNOWN_CALL', message: `There is no call named "${String(name)}".` }));
  }
  const id = nextId++;
  const message: CallMessage = { type: 'call', id, name, input };
  return new Promise<Reply>((resolve) => {
    pending.set(id, resolve);
    if (port) post(port, message);
    else waiting.push(message);
  });
};

const on = (name: unknown, listener: unknown): (() => void) => {
  if (typeof name !== 'string' || !eventNames.has(name)) throw new Error(`There is no event named "${String(name)}".`);
  if (typeof listener !== 'function') throw new Error('An event listener must be a function.');
  const subscriber = listener as Listener;
  const set = eventListeners.get(name) ?? new Set<Listener>();
  eventListeners.set(name, set);
  set.add(subscriber);
  return () => {
    set.delete(subscriber);
  };
};

const onCommand = (listener: unknown): (() => void) => {
  if (typeof listener !== 'function') throw new Error('A command listener must be a function.');
  const subscriber = listener as (command: MenuCommand) => void;
  commandListeners.add(subscriber);
  return () => {
    commandListeners.delete(subscriber);
  };
};

/**
 * The path of a file the person picked or dropped, so core can ingest it where it lies. A sandboxed page
 * cannot learn it; Electron's webUtils can. Anything that is not a File gives ''.
 */
const pathForFile = (file: unknown): string => {
  if (typeof File === 'undefined' || !(file instanceof File)) return '';
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
};

// The runtime checks above are what guard the boundary; this cast only restores the contract's types.
const api = Object.freeze({ call, on, onCommand, pathForFile }) as unknown as CasebenchApi;

contextBridge.exposeInMainWorld('casebench', api);
