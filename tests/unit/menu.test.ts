import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../common/names.ts';
import { buildMenuTemplate } from '../../main/menu.ts';

const build = (over: { platform?: NodeJS.Platform; isPackaged?: boolean } = {}) => {
  const sendCommand = vi.fn<(command: MenuCommand) => void>();
  const showAbout = vi.fn<() => void>();
  const template = buildMenuTemplate({ appName: 'Casebench', platform: over.platform ?? 'linux', isPackaged: over.isPackaged ?? true, sendCommand, showAbout });
  return { template, sendCommand, showAbout };
};

const submenu = (template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] => {
  const menu = template.find((m) => m.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no menu ${label}`);
  return menu.submenu;
};
const item = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
};
const click = (entry: MenuItemConstructorOptions): void => (entry.click as unknown as () => void)();
const roles = (items: MenuItemConstructorOptions[]) => items.map((i) => i.role).filter(Boolean);

describe('application menu', () => {
  it('File > New claim sends the claims.new command with Ctrl/Cmd+N', () => {
    const { template, sendCommand } = build();
    const newClaim = item(submenu(template, '&File'), 'New claim');
    expect(newClaim.accelerator).toBe('CmdOrCtrl+N');
    click(newClaim);
    expect(sendCommand.mock.calls).toEqual([['claims.new']]);
  });

  it('File > Create demo workspace sends demo.create; Help items send help.shortcuts and show About', () => {
    const { template, sendCommand, showAbout } = build();
    click(item(submenu(template, '&File'), 'Create demo workspace…'));
    click(item(submenu(template, '&Help'), 'Keyboard shortcuts'));
    click(item(submenu(template, '&Help'), 'About Casebench'));
    expect(sendCommand.mock.calls).toEqual([['demo.create'], ['help.shortcuts']]);
    expect(showAbout).toHaveBeenCalledTimes(1);
  });

  it('has File, Edit, View, Help on Windows and Linux with Quit under File', () => {
    const { template } = build({ platform: 'win32' });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(roles(submenu(template, '&File'))).toEqual(['quit']);
    expect(roles(submenu(template, '&Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('on macOS puts Quit and About in the app menu instead', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0].label).toBe('Casebench');
    expect(roles(submenu(template, 'Casebench'))).toContain('quit');
    expect(roles(submenu(template, '&File'))).not.toContain('quit');
    expect(submenu(template, '&Help').map((i) => i.label)).not.toContain('About Casebench');
  });

  it('offers DevTools only in a development build', () => {
    expect(roles(submenu(build({ isPackaged: true }).template, '&View'))).not.toContain('toggleDevTools');
    const dev = roles(submenu(build({ isPackaged: false }).template, '&View'));
    expect(dev).toContain('toggleDevTools');
    expect(dev).toEqual(expect.arrayContaining(['reload', 'resetZoom', 'zoomIn', 'zoomOut']));
  });
});
