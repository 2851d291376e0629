import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, MessageChannelMain, app, dialog, protocol, screen, shell, utilityProcess } from 'electron';
import { COMMAND_CHANNEL, type MenuCommand } from '../common/names.ts';
import { type CoreLog, type CoreProcess, startCore } from './core-process.ts';
import { buildMenuTemplate } from './menu.ts';
import { handleEvidenceProtocol, registerEvidenceScheme } from './protocol.ts';
import { hardenWebContents, loadWindowState, saveWindowState, showWhenReady, windowOptions } from './windows.ts';

// Composition only: every piece below lives (and is tested) in its own module.

const here = import.meta.dirname;
const preloadPath = join(here, '../preload/index.cjs');
const rendererFile = join(here, '../renderer/index.html');
const corePath = join(here, 'core.js');

const dataDir = resolve(process.env.CASEBENCH_DATA || app.getPath('userData'));
const logFile = join(dataDir, 'logs', 'main.log');

const log: CoreLog = (level, message, fields) => {
  try {
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    appendFileSync(logFile, JSON.stringify({ t: new Date().toISOString(), level, source: 'main', message, ...fields }) + '\n');
  } catch {
    // A log that cannot be written must never take the app down with it.
  }
};

const sqliteBindingPath = (): string | undefined => {
  if (process.env.CASEBENCH_SQLITE_BINDING) return process.env.CASEBENCH_SQLITE_BINDING;
  // Built by scripts/electron-native.mjs for Electron's ABI; node_modules keeps the Node build for tests.
  const built = join(app.getAppPath(), '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(built) ? built : undefined;
};

registerEvidenceScheme(protocol);

let core: CoreProcess | null = null;
let mainWindow: BrowserWindow | null = null;

const createWindow = (): BrowserWindow => {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((display) => display.workArea));
  const win = new BrowserWindow(windowOptions(preloadPath, state));
  const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  hardenWebContents(win.webContents, { appUrl: devUrl ?? pathToFileURL(rendererFile).href, openExternal: (url) => shell.openExternal(url) });
  showWhenReady(win, state);
  win.on('close', () => {
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      log('warn', 'Could not save the window position', { error: String(error) });
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  core?.connectWindow(win);
  const loading = devUrl ? win.loadURL(devUrl) : win.loadFile(rendererFile);
  loading.catch((error: unknown) => log('error', 'The window could not load the app', { error: String(error) }));
  return win;
};

const sendCommand = (command: MenuCommand): void => {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  target?.webContents.send(COMMAND_CHANNEL, command);
};

const onCoreGaveUp = (exitCode: number): void => {
  dialog.showErrorBox(
    'Casebench has to close',
    `The part of Casebench that keeps your cases stopped working several times in a row (exit code ${exitCode}). ` +
      `Work that was already saved is kept. Open Casebench again; if this keeps happening, send the files in ${join(dataDir, 'logs')} to your support contact.`,
  );
  app.quit();
};

const start = async (): Promise<void> => {
  await app.whenReady();
  handleEvidenceProtocol(protocol, dataDir);
  app.setAboutPanelOptions({ applicationName: 'Casebench', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ appName: app.name, platform: process.platform, isPackaged: app.isPackaged, sendCommand, showAbout: () => app.showAboutPanel() }),
    ),
  );
  core = startCore({ utilityProcess, MessageChannelMain, corePath, dataDir, sqliteBinding: sqliteBindingPath(), log, onGiveUp: onCoreGaveUp });
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => core?.stop());
  start().catch((error: unknown) => {
    log('error', 'Casebench could not start', { error: String(error) });
    dialog.showErrorBox('Casebench could not start', `${String(error)}\n\nDetails are in ${logFile}.`);
    app.exit(1);
  });
}
