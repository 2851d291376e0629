import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;
const MAX_SIDE = 16_384;
// A restored window must show at least this much of itself (its title bar) on some display.
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

export type WindowState = { width: number; height: number; x?: number; y?: number; maximized: boolean };

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export const windowOptions = (preloadPath: string, state: WindowState = DEFAULT_WINDOW_STATE): BrowserWindowConstructorOptions => ({
  title: 'Casebench',
  width: state.width,
  height: state.height,
  ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
  minWidth: MIN_WIDTH,
  minHeight: MIN_HEIGHT,
  // Shown on ready-to-show (see showWhenReady) so the first frame is the app, not a white flash.
  show: false,
  backgroundColor: '#f5f6f8',
  webPreferences: {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  },
});

/** True when `target` is the app itself: the same origin as the dev server, or the same built index.html. */
export const isAppUrl = (target: string, appUrl: string): boolean => {
  let to: URL;
  let app: URL;
  try {
    to = new URL(target);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  // file: URLs all share the opaque origin "null", so for the built app only its own file counts.
  if (app.protocol === 'file:') return to.protocol === 'file:' && to.pathname === app.pathname;
  return to.origin === app.origin;
};

/** Only https links leave the app, and only into the person's browser. */
export const isExternalLinkAllowed = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

type NavigationEvent = { preventDefault(): void; url: string };
type PreventableEvent = { preventDefault(): void };

/** The parts of `WebContents` that hardening touches; a real `WebContents` satisfies it. */
export type HardenableContents = {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  };
};

export type HardenOptions = { appUrl: string; openExternal: (url: string) => Promise<void> | void };

export const hardenWebContents = (contents: HardenableContents, { appUrl, openExternal }: HardenOptions): void => {
  const stayInApp = (event: NavigationEvent): void => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLinkAllowed(url)) void Promise.resolve(openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  });
  // Casebench needs no camera, microphone, location, notifications or device access.
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
};

type ShowableWindow = { once(event: 'ready-to-show', listener: () => void): unknown; show(): void; maximize(): void };

export const showWhenReady = (win: ShowableWindow, state: WindowState): void => {
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
};

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const clamp = (v: number, min: number, max: number): number => Math.min(max, Math.max(min, v));

const overlaps = (r: Rectangle, area: Rectangle): boolean => {
  const w = Math.min(r.x + r.width, area.x + area.width) - Math.max(r.x, area.x);
  const h = Math.min(r.y + r.height, area.y + area.height) - Math.max(r.y, area.y);
  return w >= MIN_VISIBLE_WIDTH && h >= MIN_VISIBLE_HEIGHT;
};

/**
 * Turns whatever was saved into bounds a window can use. Anything malformed gives the defaults; a position
 * that no longer lands on a display (a monitor was unplugged) is dropped so the window opens centred.
 */
export const normalizeWindowState = (raw: unknown, workAreas: readonly Rectangle[] = []): WindowState => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...DEFAULT_WINDOW_STATE };
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width) || !isInt(r.height)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: clamp(r.width, MIN_WIDTH, MAX_SIDE),
    height: clamp(r.height, MIN_HEIGHT, MAX_SIDE),
    maximized: r.maximized === true,
  };
  if (isInt(r.x) && isInt(r.y) && Math.abs(r.x) <= MAX_SIDE * 4 && Math.abs(r.y) <= MAX_SIDE * 4) {
    const rect = { x: r.x, y: r.y, width: state.width, height: state.height };
    if (workAreas.length === 0 || workAreas.some((area) => overlaps(rect, area))) {
      state.x = r.x;
      state.y = r.y;
    }
  }
  return state;
};

export const loadWindowState = (file: string, workAreas: readonly Rectangle[] = []): WindowState => {
  try {
    return normalizeWindowState(JSON.parse(readFileSync(file, 'utf8')), workAreas);
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
};

export const saveWindowState = (file: string, bounds: Rectangle & { maximized?: boolean }): WindowState => {
  const state = normalizeWindowState({ ...bounds, maximized: bounds.maximized === true });
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename, so a crash mid-write leaves the previous state rather than half a file.
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
  return state;
};
