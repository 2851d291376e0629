import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Runs main/index.ts against a stand-in for the whole `electron` module, to check the wiring between the
// pieces (each piece has its own tests): what happens before ready, after ready, and on app events.

type Handler = (...args: unknown[]) => void;

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');

  class FakeContents extends EventEmitter {
    readonly posted: { channel: string; message: unknown; transfer: unknown[] | undefined }[] = [];
    readonly sent: { channel: string; args: unknown[] }[] = [];
    readonly session = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
    setWindowOpenHandler() {}
    isDestroyed() {
      return false;
    }
    postMessage(channel: string, message: unknown, transfer?: unknown[]) {
      this.posted.push({ channel, message, transfer });
    }
    send(channel: string, ...args: unknown[]) {
      this.sent.push({ channel, args });
    }
  }

  class FakeWindow extends EventEmitter {
    static all: FakeWindow[] = [];
    static focused: FakeWindow | null = null;
    static getAllWindows = () => FakeWindow.all;
    static getFocusedWindow = () => FakeWindow.focused;
    readonly webContents = new FakeContents();
    readonly loaded: { kind: 'url' | 'file'; target: string }[] = [];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      FakeWindow.all.push(this);
    }
    loadURL(url: string) {
      this.loaded.push({ kind: 'url', target: url });
      return Promise.resolve();
    }
    loadFile(file: string) {
      this.loaded.push({ kind: 'file', target: file });
      return Promise.resolve();
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1300, height: 820 };
    }
    isMaximized() {
      return false;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
    maximize() {}
  }

  class FakeChild extends EventEmitter {
    readonly posted: { message: unknown; transfer: unknown[] | undefined }[] = [];
    readonly stdout = null;
    readonly stderr = null;
    killed = false;
    postMessage(message: unknown, transfer?: unknown[]) {
      this.posted.push({ message, transfer });
    }
    kill() {
      this.killed = true;
      return true;
    }
  }

  const state = {
    userData: '',
    appPath: '',
    gotLock: true,
    ready: null as null | (() => void),
    order: [] as string[],
    appHandlers: new Map<string, Handler[]>(),
    forks: [] as { path: string; args: string[] | undefined; options: Record<string, unknown> | undefined; child: FakeChild }[],
    menu: null as MenuItemConstructorOptions[] | null,
    quit: 0,
  };

  const app = {
    name: 'Casebench',
    isPackaged: false,
    getPath: (name: string) => {
      state.order.push(`getPath:${name}`);
      return state.userData;
    },
    getAppPath: () => state.appPath,
    getVersion: () => '0.1.0',
    requestSingleInstanceLock: () => state.gotLock,
    whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    on: (event: string, handler: Handler) => {
      state.appHandlers.set(event, [...(state.appHandlers.get(event) ?? []), handler]);
      return app;
    },
    quit: () => void state.quit++,
    exit: () => undefined,
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => undefined,
  };

  const module = {
    app,
    BrowserWindow: FakeWindow,
    MessageChannelMain: class {
      readonly port1 = { end: 1 };
      readonly port2 = { end: 2 };
    },
    Menu: {
      buildFromTemplate: (template: MenuItemConstructorOptions[]) => template,
      setApplicationMenu: (menu: MenuItemConstructorOptions[]) => {
        state.menu = menu;
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => state.order.push(`privileged:${schemes.map((s) => s.scheme).join()}`),
      handle: (scheme: string) => state.order.push(`handle:${scheme}`),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    shell: { openExternal: async () => undefined },
    dialog: { showErrorBox: () => undefined },
    utilityProcess: {
      fork: (path: string, args?: string[], options?: Record<string, unknown>) => {
        const child = new FakeChild();
        state.forks.push({ path, args, options, child });
        return child;
      },
    },
  };
  return { state, module, FakeWindow };
});

vi.mock('electron', () => fake.module);

const emitApp = (event: string, ...args: unknown[]) => {
  for (const handler of fake.state.appHandlers.get(event) ?? []) handler(...args);
};
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let dir = '';
const savedEnv = { ...process.env };

const boot = async () => {
  vi.resetModules();
  await import('../../main/index.ts');
};
const becomeReady = async () => {
  fake.state.ready?.();
  await flush();
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'casebench-main-'));
  Object.assign(fake.state, { userData: join(dir, 'user'), appPath: join(dir, 'app'), gotLock: true, ready: null, order: [], forks: [], menu: null, quit: 0 });
  fake.state.appHandlers.clear();
  fake.FakeWindow.all = [];
  fake.FakeWindow.focused = null;
  process.env.CASEBENCH_DATA = join(dir, 'data');
  delete process.env.CASEBENCH_SQLITE_BINDING;
  delete process.env.ELECTRON_RENDERER_URL;
});

afterEach(() => {
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

describe('main/index.ts', () => {
  it('registers the evidence scheme before ready, and opens nothing until ready', async () => {
    await boot();
    expect(fake.state.order).toContain('privileged:evidence');
    expect(fake.state.forks).toHaveLength(0);
    expect(fake.FakeWindow.all).toHaveLength(0);
  });

  it('on ready: handles evidence://, sets the menu, starts core on the data folder and opens one hardened window', async () => {
    process.env.CASEBENCH_SQLITE_BINDING = '/opt/electron-abi/better_sqlite3.node';
    await boot();
    await becomeReady();

    expect(fake.state.order.indexOf('privileged:evidence')).toBeLessThan(fake.state.order.indexOf('handle:evidence'));
    expect(fake.state.menu?.map((m) => m.label)).toContain('&File');
    expect(fake.state.forks).toHaveLength(1);
    const [fork] = fake.state.forks;
    expect(fork.path.endsWith(`${sep}main${sep}core.js`)).toBe(true);
    expect(fork.args).toEqual(['--data', join(dir, 'data')]);
    expect((fork.options?.env as Record<string, string>).CASEBENCH_SQLITE_BINDING).toBe('/opt/electron-abi/better_sqlite3.node');

    expect(fake.FakeWindow.all).toHaveLength(1);
    const [win] = fake.FakeWindow.all;
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.options.webPreferences?.preload?.endsWith(join('preload', 'index.cjs'))).toBe(true);
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0].kind).toBe('file');
    expect(win.loaded[0].target.endsWith(join('renderer', 'index.html'))).toBe(true);
    expect(win.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('without the env variable, uses the .electron-native build of better-sqlite3 only when it exists', async () => {
    await boot();
    await becomeReady();
    expect(fake.state.forks[0].options?.env).not.toHaveProperty('CASEBENCH_SQLITE_BINDING');

    const built = join(dir, 'app', '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    mkdirSync(dirname(built), { recursive: true });
    writeFileSync(built, '');
    fake.state.forks = [];
    await boot();
    await becomeReady();
    expect((fake.state.forks[0].options?.env as Record<string, string>).CASEBENCH_SQLITE_BINDING).toBe(built);
  });

  it('loads the dev server when electron-vite provides one', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173';
    await boot();
    await becomeReady();
    expect(fake.FakeWindow.all[0].loaded).toEqual([{ kind: 'url', target: 'http://localhost:5173' }]);
  });

  it('hands the window its port to core once the page has loaded', async () => {
    await boot();
    await becomeReady();
    const [win] = fake.FakeWindow.all;
    const [{ child }] = fake.state.forks;
    expect(win.webContents.posted).toHaveLength(0);
    win.webContents.emit('did-finish-load');
    expect(child.posted.map((p) => p.message)).toEqual([{ type: 'connect' }]);
    expect(win.webContents.posted.map((p) => p.channel)).toEqual(['casebench:core-port']);
  });

  it('sends menu commands to the focused window', async () => {
    await boot();
    await becomeReady();
    const [win] = fake.FakeWindow.all;
    fake.FakeWindow.focused = win;
    const file = fake.state.menu?.find((m) => m.label === '&File');
    const newClaim = (file?.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'New claim');
    (newClaim?.click as unknown as () => void)();
    expect(win.webContents.sent).toEqual([{ channel: 'casebench:command', args: ['claims.new'] }]);
  });

  it('quits when the last window closes (outside macOS) and stops core on quit', async () => {
    await boot();
    await becomeReady();
    emitApp('window-all-closed');
    expect(fake.state.quit).toBe(process.platform === 'darwin' ? 0 : 1);
    emitApp('will-quit');
    expect(fake.state.forks[0].child.killed).toBe(true);
  });

  it('a second instance quits at once and starts nothing', async () => {
    fake.state.gotLock = false;
    await boot();
    await becomeReady();
    expect(fake.state.quit).toBe(1);
    expect(fake.state.forks).toHaveLength(0);
    expect(fake.FakeWindow.all).toHaveLength(0);
  });
});
