import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_HEIGHT,
  MIN_WIDTH,
  type HardenableContents,
  hardenWebContents,
  isAppUrl,
  loadWindowState,
  saveWindowState,
  showWhenReady,
  windowOptions,
} from '../../main/windows.ts';

type NavigationListener = (event: { preventDefault(): void; url: string }) => void;

// A stand-in for WebContents that records every handler hardening installs, so the test can fire them.
const fakeContents = () => {
  const listeners = new Map<string, NavigationListener[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  let checkHandler: ((contents: unknown, permission: string) => boolean) | null = null;
  const contents: HardenableContents = {
    on(event: string, listener: NavigationListener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
    session: {
      setPermissionRequestHandler(handler) {
        requestHandler = handler;
      },
      setPermissionCheckHandler(handler) {
        checkHandler = handler;
      },
    },
  };
  const fire = (event: string, url: string): boolean => {
    let prevented = false;
    for (const listener of listeners.get(event) ?? []) listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return {
    contents,
    fire,
    listenerCount: (event: string) => (listeners.get(event) ?? []).length,
    open: (url: string) => {
      if (!openHandler) throw new Error('no window open handler installed');
      return openHandler({ url });
    },
    requestPermission: (permission: string) =>
      new Promise<boolean>((resolve) => {
        if (!requestHandler) throw new Error('no permission request handler installed');
        requestHandler({}, permission, resolve);
      }),
    checkPermission: (permission: string) => {
      if (!checkHandler) throw new Error('no permission check handler installed');
      return checkHandler({}, permission);
    },
  };
};

describe('windowOptions', () => {
  it('isolates the renderer: sandboxed, context-isolated, no Node, web security on', () => {
    const options = windowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('opens hidden at 1280x800 with a 1024x640 minimum', () => {
    const options = windowOptions('/p.cjs');
    expect(options).toMatchObject({ show: false, width: 1280, height: 800, minWidth: 1024, minHeight: 640 });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('uses remembered bounds when given them', () => {
    const options = windowOptions('/p.cjs', { width: 1500, height: 900, x: 40, y: 60, maximized: false });
    expect(options).toMatchObject({ width: 1500, height: 900, x: 40, y: 60 });
  });
});

describe('hardenWebContents', () => {
  const devApp = 'http://localhost:5173/';
  const builtApp = 'file:///opt/casebench/out/renderer/index.html';

  it('blocks navigation to another origin and allows the app itself', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { appUrl: devApp, openExternal: vi.fn() });
    expect(fake.fire('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(fake.fire('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(fake.fire('will-navigate', 'http://localhost:5173/cases/42')).toBe(false);
    expect(fake.fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('in the built app only its own index.html counts as the app', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { appUrl: builtApp, openExternal: vi.fn() });
    expect(fake.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fake.fire('will-navigate', 'file:///opt/casebench/out/renderer/index.html#/cases')).toBe(false);
    expect(isAppUrl('not a url', builtApp)).toBe(false);
  });

  it('denies every new window and sends only https links to the browser', () => {
    const openExternal = vi.fn();
    const fake = fakeContents();
    hardenWebContents(fake.contents, { appUrl: devApp, openExternal });
    expect(fake.open('https://example.org/policy')).toEqual({ action: 'deny' });
    expect(fake.open('http://example.org/plain')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(fake.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://example.org/policy']]);
  });

  it('denies every permission request and check', async () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { appUrl: devApp, openExternal: vi.fn() });
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      await expect(fake.requestPermission(permission)).resolves.toBe(false);
      expect(fake.checkPermission(permission)).toBe(false);
    }
  });

  it('blocks <webview> attachment', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, { appUrl: devApp, openExternal: vi.fn() });
    expect(fake.listenerCount('will-attach-webview')).toBe(1);
    expect(fake.fire('will-attach-webview', 'https://anything.example/')).toBe(true);
  });
});

describe('showWhenReady', () => {
  it('shows the window only on ready-to-show, maximizing first when it was maximized', () => {
    const calls: string[] = [];
    let ready: (() => void) | null = null;
    const win = { once: (_e: 'ready-to-show', l: () => void) => (ready = l), show: () => calls.push('show'), maximize: () => calls.push('maximize') };
    showWhenReady(win, { ...DEFAULT_WINDOW_STATE, maximized: true });
    expect(calls).toEqual([]);
    ready!();
    expect(calls).toEqual(['maximize', 'show']);
  });
});

describe('window state', () => {
  let dir: string | null = null;
  const tempFile = () => {
    dir = mkdtempSync(join(tmpdir(), 'casebench-window-'));
    return join(dir, 'nested', 'window-state.json');
  };
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('round-trips saved bounds', () => {
    const file = tempFile();
    saveWindowState(file, { x: 100, y: 80, width: 1400, height: 900, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
  });

  it('falls back to the defaults when the file is missing, corrupt or the wrong shape', () => {
    const file = tempFile();
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(file, { x: 0, y: 0, width: 1300, height: 700 });
    writeFileSync(file, '{"width": 1300, "hei');
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify({ width: '1300', height: 700 }));
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(file, JSON.stringify([1300, 700]));
    expect(loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('raises a too-small window to the minimum size and ignores a non-boolean maximized', () => {
    const file = tempFile();
    saveWindowState(file, { x: 10, y: 10, width: 300, height: 200 });
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), maximized: 'yes' }));
    expect(loadWindowState(file)).toEqual({ x: 10, y: 10, width: MIN_WIDTH, height: MIN_HEIGHT, maximized: false });
  });

  it('drops a position that is on no current display, keeping the size', () => {
    const file = tempFile();
    saveWindowState(file, { x: 3000, y: 100, width: 1280, height: 800 });
    const laptopOnly = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(loadWindowState(file, laptopOnly)).toEqual({ width: 1280, height: 800, maximized: false });
    const withMonitor = [...laptopOnly, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(loadWindowState(file, withMonitor)).toEqual({ x: 3000, y: 100, width: 1280, height: 800, maximized: false });
  });
});
