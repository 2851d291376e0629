import type { ForkOptions } from 'electron';
import { CORE_PORT_CHANNEL } from '../common/names.ts';

// Main starts core in a utilityProcess and hands each window its own MessagePort to it, so calls go
// renderer <-> core directly and never relay through main. Main only restarts core and re-hands ports.

/** A MessagePortMain, passed along without being used here. */
export type CorePort = object;

type OutputStream = { on(event: 'data', listener: (chunk: Buffer | string) => void): unknown };

/** The parts of Electron's `UtilityProcess` this module uses. */
export type CoreChild = {
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown, transfer?: CorePort[]): void;
  kill(): boolean;
  stdout: OutputStream | null;
  stderr: OutputStream | null;
};

export type UtilityProcessApi = { fork(modulePath: string, args?: string[], options?: ForkOptions): CoreChild };
export type MessageChannelConstructor = new () => { port1: CorePort; port2: CorePort };

export type CoreWindow = {
  webContents: {
    on(event: 'did-finish-load', listener: () => void): unknown;
    on(event: 'destroyed', listener: () => void): unknown;
    isDestroyed(): boolean;
    postMessage(channel: string, message: unknown, transfer?: CorePort[]): void;
  };
};

export type CoreLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export type StartCoreOptions = {
  utilityProcess: UtilityProcessApi;
  MessageChannelMain: MessageChannelConstructor;
  corePath: string;
  dataDir: string;
  sqliteBinding?: string;
  env?: NodeJS.ProcessEnv;
  /** Unexpected exits tolerated within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
  now?: () => number;
  log?: CoreLog;
  /** Called once when core keeps dying and will not be restarted again. */
  onGiveUp?: (exitCode: number) => void;
};

export type CoreProcess = {
  connectWindow(win: CoreWindow): void;
  stop(): void;
  isRunning(): boolean;
  restartCount(): number;
};

export const CORE_SERVICE_NAME = 'Casebench core';

const childEnv = (base: NodeJS.ProcessEnv, sqliteBinding: string | undefined): Record<string, string> => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  if (sqliteBinding) env.CASEBENCH_SQLITE_BINDING = sqliteBinding;
  return env;
};

export const startCore = (options: StartCoreOptions): CoreProcess => {
  const { utilityProcess, MessageChannelMain, corePath, dataDir, sqliteBinding } = options;
  const maxRestarts = options.maxRestarts ?? 3;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const log: CoreLog = options.log ?? (() => undefined);

  type Connected = { contents: CoreWindow['webContents']; loaded: boolean };
  const windows = new Set<Connected>();
  const recentRestarts: number[] = [];
  let child: CoreChild | null = null;
  let gaveUp = false;
  let restarts = 0;

  const sendPort = (target: Connected): void => {
    if (!child || target.contents.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    try {
      child.postMessage({ type: 'connect' }, [port1]);
      target.contents.postMessage(CORE_PORT_CHANNEL, null, [port2]);
    } catch (error) {
      log('error', 'Could not hand a window its port to core', { error: String(error) });
    }
  };

  const pipeOutput = (stream: OutputStream | null, name: 'stdout' | 'stderr'): void => {
    // A piped stream that nobody reads fills up and stalls the child, so always drain it into the log.
    stream?.on('data', (chunk) => {
      for (const line of String(chunk).split('\n')) if (line.trim()) log(name === 'stderr' ? 'warn' : 'info', line, { source: `core ${name}` });
    });
  };

  const spawn = (): void => {
    const forked = utilityProcess.fork(corePath, ['--data', dataDir], {
      serviceName: CORE_SERVICE_NAME,
      env: childEnv(options.env ?? process.env, sqliteBinding),
      stdio: 'pipe',
    });
    child = forked;
    pipeOutput(forked.stdout, 'stdout');
    pipeOutput(forked.stderr, 'stderr');
    forked.on('exit', (code) => onExit(forked, code));
    log('info', 'Core started', { corePath, dataDir, restarts });
  };

  const onExit = (exited: CoreChild, code: number): void => {
    // Not a crash: a late exit from a core already replaced, or one that stop() killed (it clears `child`).
    if (exited !== child) return;
    child = null;
    const t = now();
    while (recentRestarts.length > 0 && t - recentRestarts[0] >= restartWindowMs) recentRestarts.shift();
    if (recentRestarts.length >= maxRestarts) {
      gaveUp = true;
      log('error', 'Core keeps exiting; not restarting it again', { code, restartsInWindow: recentRestarts.length });
      options.onGiveUp?.(code);
      return;
    }
    log('warn', 'Core exited unexpectedly; restarting it', { code });
    recentRestarts.push(t);
    restarts += 1;
    spawn();
    // Each window's old port died with the old core; its preload is waiting for a new one.
    for (const target of windows) if (target.loaded) sendPort(target);
  };

  spawn();

  return {
    connectWindow(win) {
      const target: Connected = { contents: win.webContents, loaded: false };
      windows.add(target);
      // Every load (first load and each reload) runs a fresh preload that needs a fresh port.
      win.webContents.on('did-finish-load', () => {
        target.loaded = true;
        sendPort(target);
      });
      win.webContents.on('destroyed', () => windows.delete(target));
    },
    stop() {
      const running = child;
      child = null;
      running?.kill();
    },
    isRunning: () => child !== null && !gaveUp,
    restartCount: () => restarts,
  };
};
