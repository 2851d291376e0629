import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ForkOptions } from 'electron';
import { CORE_PORT_CHANNEL } from '../../common/names.ts';
import { type CoreChild, type CorePort, type CoreWindow, startCore } from '../../main/core-process.ts';

type Posted = { message: unknown; transfer: CorePort[] | undefined };

class FakeChild extends EventEmitter implements CoreChild {
  readonly posted: Posted[] = [];
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  killed = false;
  postMessage(message: unknown, transfer?: CorePort[]) {
    this.posted.push({ message, transfer });
  }
  kill() {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }
}

const channels: FakeChannel[] = [];
class FakeChannel {
  readonly port1 = { end: 1 };
  readonly port2 = { end: 2 };
  constructor() {
    channels.push(this);
  }
}

const fakeUtilityProcess = () => {
  const forks: { path: string; args: string[] | undefined; options: ForkOptions | undefined; child: FakeChild }[] = [];
  return {
    forks,
    api: {
      fork(path: string, args?: string[], options?: ForkOptions) {
        const child = new FakeChild();
        forks.push({ path, args, options, child });
        return child;
      },
    },
  };
};

class FakeContents extends EventEmitter {
  destroyed = false;
  readonly posted: { channel: string; message: unknown; transfer: CorePort[] | undefined }[] = [];
  isDestroyed() {
    return this.destroyed;
  }
  postMessage(channel: string, message: unknown, transfer?: CorePort[]) {
    this.posted.push({ channel, message, transfer });
  }
}

const fakeWindow = (): CoreWindow & { webContents: FakeContents } => ({ webContents: new FakeContents() });

const setup = (extra: { now?: () => number; onGiveUp?: (code: number) => void } = {}) => {
  const up = fakeUtilityProcess();
  const logs: { level: string; message: string }[] = [];
  const core = startCore({
    utilityProcess: up.api,
    MessageChannelMain: FakeChannel,
    corePath: '/app/out/main/core.js',
    dataDir: '/data/casebench',
    sqliteBinding: '/app/.electron-native/better-sqlite3/build/Release/better_sqlite3.node',
    env: { HOME: '/home/adjuster', UNSET: undefined },
    log: (level, message) => logs.push({ level, message }),
    ...extra,
  });
  return { up, core, logs, current: () => up.forks[up.forks.length - 1].child };
};

describe('startCore', () => {
  it('forks core with the data folder, a service name, piped output and the Electron sqlite binding', () => {
    const { up } = setup();
    expect(up.forks).toHaveLength(1);
    const [fork] = up.forks;
    expect(fork.path).toBe('/app/out/main/core.js');
    expect(fork.args).toEqual(['--data', '/data/casebench']);
    expect(fork.options).toMatchObject({ serviceName: 'Casebench core', stdio: 'pipe' });
    expect(fork.options?.env).toEqual({
      HOME: '/home/adjuster',
      CASEBENCH_SQLITE_BINDING: '/app/.electron-native/better-sqlite3/build/Release/better_sqlite3.node',
    });
  });

  it('drains core output into the log line by line', () => {
    const { logs, current } = setup();
    current().stderr.emit('data', Buffer.from('first problem\nsecond problem\n'));
    expect(logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(['first problem', 'second problem']);
  });
});

describe('connectWindow', () => {
  it('after the page loads, gives core one end of a new channel and the window the other', () => {
    const { core, current } = setup();
    const win = fakeWindow();
    core.connectWindow(win);
    expect(current().posted).toEqual([]);
    expect(win.webContents.posted).toEqual([]);

    win.webContents.emit('did-finish-load');

    expect(current().posted).toHaveLength(1);
    const toCore = current().posted[0];
    expect(toCore.message).toEqual({ type: 'connect' });
    expect(toCore.transfer).toHaveLength(1);
    expect(win.webContents.posted).toHaveLength(1);
    const toWindow = win.webContents.posted[0];
    expect(toWindow.channel).toBe(CORE_PORT_CHANNEL);
    expect(toWindow.message).toBeNull();
    expect(toWindow.transfer).toHaveLength(1);
    // The two ends of one new channel: port1 to core, port2 to the window.
    const channel = channels[channels.length - 1];
    expect(toCore.transfer![0]).toBe(channel.port1);
    expect(toWindow.transfer![0]).toBe(channel.port2);
  });

  it('hands a fresh port on every reload', () => {
    const { core, current } = setup();
    const win = fakeWindow();
    core.connectWindow(win);
    win.webContents.emit('did-finish-load');
    win.webContents.emit('did-finish-load');
    expect(current().posted).toHaveLength(2);
    const ports = win.webContents.posted.map((p) => p.transfer![0]);
    expect(ports[0]).not.toBe(ports[1]);
  });

  it('reconnects loaded windows to the new core after a restart, and forgets destroyed ones', () => {
    const { core, up } = setup();
    const loaded = fakeWindow();
    const notLoadedYet = fakeWindow();
    const closed = fakeWindow();
    for (const w of [loaded, notLoadedYet, closed]) core.connectWindow(w);
    loaded.webContents.emit('did-finish-load');
    closed.webContents.emit('did-finish-load');
    closed.webContents.destroyed = true;
    closed.webContents.emit('destroyed');

    up.forks[0].child.emit('exit', 1);

    expect(up.forks).toHaveLength(2);
    const restarted = up.forks[1].child;
    expect(restarted.posted).toHaveLength(1);
    expect(loaded.webContents.posted).toHaveLength(2);
    expect(notLoadedYet.webContents.posted).toHaveLength(0);
    expect(closed.webContents.posted).toHaveLength(1);
    expect(core.restartCount()).toBe(1);
  });
});

describe('restarts', () => {
  it('restarts at most 3 times within a minute, then gives up and says so once', () => {
    let t = 0;
    const gaveUp: number[] = [];
    const { up, core } = setup({ now: () => t, onGiveUp: (code) => gaveUp.push(code) });
    for (let i = 0; i < 3; i++) {
      t += 1000;
      up.forks[up.forks.length - 1].child.emit('exit', 134);
    }
    expect(up.forks).toHaveLength(4);
    expect(core.isRunning()).toBe(true);

    t += 1000;
    up.forks[3].child.emit('exit', 134);
    expect(up.forks).toHaveLength(4);
    expect(core.isRunning()).toBe(false);
    expect(gaveUp).toEqual([134]);
  });

  it('forgets exits older than the window, so an occasional crash is always survived', () => {
    let t = 0;
    const { up } = setup({ now: () => t });
    for (let i = 0; i < 6; i++) {
      t += 61_000;
      up.forks[up.forks.length - 1].child.emit('exit', 1);
    }
    expect(up.forks).toHaveLength(7);
  });

  it('does not restart core that main stopped on purpose', () => {
    const { up, core } = setup();
    core.stop();
    expect(up.forks[0].child.killed).toBe(true);
    expect(up.forks).toHaveLength(1);
    expect(core.isRunning()).toBe(false);
  });

  it('ignores a late exit from a core that was already replaced', () => {
    const { up } = setup();
    const first = up.forks[0].child;
    first.emit('exit', 1);
    first.emit('exit', 1);
    expect(up.forks).toHaveLength(2);
  });
});
