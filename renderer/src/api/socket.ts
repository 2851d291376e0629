import type { CallMessage, ServerMessage } from '../../../common/protocol.ts';
import { transportError } from '../../../common/protocol.ts';
import type { Result } from '../../../common/result.ts';
import type { ConnectionStatus, Transport } from './transport.ts';

// The browser shell's transport: one WebSocket to the gateway, reconnecting with exponential backoff.
// A call made while there is no connection waits for the next one; a call that was sent on a socket that
// then dropped is answered with an error, because nobody can tell whether core finished it.

/** The part of the DOM WebSocket this transport uses, so tests can hand in a fake. */
export type SocketLike = {
  readonly readyState: number;
  send: (data: string) => void;
  close: () => void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
};

export type SocketTransportOptions = {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First reconnect delay; it doubles after each failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How long a call may wait for a connection before it is answered with an error. */
  queueTimeoutMs?: number;
  random?: () => number;
};

const OPEN_STATE = 1;

export const CONNECTION_LOST_MESSAGE =
  'The connection to Casebench was lost before it answered, so it is not known whether this finished. Casebench reconnects by itself; check the case, then try again.';
export const NOT_REACHABLE_MESSAGE =
  'Casebench is not reachable. Check that it is still running; if it was restarted, open the new address it printed.';

type Pending = { message: CallMessage; resolve: (result: Result<unknown>) => void; sent: boolean; timer: ReturnType<typeof setTimeout> | null };

const isServerMessage = (m: unknown): m is ServerMessage =>
  typeof m === 'object' && m !== null && (((m as ServerMessage).type === 'reply' && typeof (m as { id?: unknown }).id === 'number') || ((m as ServerMessage).type === 'event' && typeof (m as { name?: unknown }).name === 'string'));

export const createSocketTransport = (options: SocketTransportOptions): Transport => {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const queueTimeout = options.queueTimeoutMs ?? 30_000;
  const random = options.random ?? Math.random;

  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(body: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = { state: 'connecting', attempts: 0 };
  let socket: SocketLike | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let nextId = 1;

  const setStatus = (next: ConnectionStatus) => {
    if (next.state === status.state && next.attempts === status.attempts) return;
    status = next;
    for (const l of [...statusListeners]) l(status);
  };

  const finish = (id: number, result: Result<unknown>) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.resolve(result);
  };

  const trySend = (entry: Pending): boolean => {
    if (!socket || socket.readyState !== OPEN_STATE) return false;
    try {
      socket.send(JSON.stringify(entry.message));
    } catch {
      return false;
    }
    entry.sent = true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    return true;
  };

  const receive = (raw: unknown) => {
    let message: unknown;
    try {
      message = JSON.parse(typeof raw === 'string' ? raw : String(raw));
    } catch {
      return; // not ours to answer: the gateway only sends JSON
    }
    if (!isServerMessage(message)) return;
    if (message.type === 'reply') finish(message.id, message.result);
    else for (const l of [...(listeners.get(message.name) ?? [])]) l(message.body);
  };

  const scheduleReconnect = () => {
    if (reconnectTimer) return;
    const exponential = Math.min(maxDelay, minDelay * 2 ** Math.max(0, status.attempts - 1));
    // Jitter keeps several tabs from reconnecting in lockstep after a restart.
    const delay = Math.round(exponential * (0.75 + 0.25 * random()));
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  };

  const connect = () => {
    let s: SocketLike;
    try {
      s = createSocket(options.url);
    } catch {
      setStatus({ state: 'lost', attempts: status.attempts + 1 });
      scheduleReconnect();
      return;
    }
    socket = s;
    s.onopen = () => {
      if (socket !== s) return;
      setStatus({ state: 'open', attempts: 0 });
      for (const entry of pending.values()) if (!entry.sent) trySend(entry);
    };
    s.onmessage = (e) => {
      if (socket === s) receive(e.data);
    };
    s.onerror = () => {
      // A close event always follows; the reconnect is handled there.
    };
    s.onclose = () => {
      if (socket !== s) return;
      socket = null;
      for (const [id, entry] of pending) if (entry.sent) finish(id, { ok: false, error: transportError(CONNECTION_LOST_MESSAGE) });
      setStatus({ state: 'lost', attempts: status.attempts + 1 });
      scheduleReconnect();
    };
  };

  connect();

  return {
    call: (name, input) =>
      new Promise<Result<unknown>>((resolve) => {
        const id = nextId++;
        const entry: Pending = { message: { type: 'call', id, name, input }, resolve, sent: false, timer: null };
        pending.set(id, entry);
        if (!trySend(entry)) {
          entry.timer = setTimeout(() => finish(id, { ok: false, error: transportError(NOT_REACHABLE_MESSAGE) }), queueTimeout);
        }
      }),
    subscribe: (event, listener) => {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    status: () => status,
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
  };
};
