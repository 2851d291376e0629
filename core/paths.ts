import { homedir } from 'node:os';
import { join } from 'node:path';

/** The same folder Electron's app.getPath('userData') gives for the product name "Casebench". */
export const defaultDataDir = (): string => {
  if (process.env.CASEBENCH_DATA) return process.env.CASEBENCH_DATA;
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Casebench');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Casebench');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Casebench');
};
