import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../common/names.ts';

export type MenuOptions = {
  appName: string;
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** Delivers a command to the focused window's renderer, which decides what it means on screen. */
  sendCommand: (command: MenuCommand) => void;
  showAbout: () => void;
};

const separator: MenuItemConstructorOptions = { type: 'separator' };

export const buildMenuTemplate = ({ appName, platform, isPackaged, sendCommand, showAbout }: MenuOptions): MenuItemConstructorOptions[] => {
  const isMac = platform === 'darwin';

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { label: `About ${appName}`, click: () => showAbout() },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New claim', accelerator: 'CmdOrCtrl+N', click: () => sendCommand('claims.new') },
      separator,
      { label: 'Create demo workspace…', click: () => sendCommand('demo.create') },
      ...(isMac ? [] : [separator, { role: 'quit' } satisfies MenuItemConstructorOptions]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, separator, { role: 'selectAll' }],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      ...(isPackaged ? [] : [{ role: 'toggleDevTools' } satisfies MenuItemConstructorOptions]),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const helpMenu: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', click: () => sendCommand('help.shortcuts') },
      ...(isMac ? [] : [separator, { label: `About ${appName}`, click: () => showAbout() } satisfies MenuItemConstructorOptions]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, ...(isMac ? [{ role: 'windowMenu' } satisfies MenuItemConstructorOptions] : []), helpMenu];
};
