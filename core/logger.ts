import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

// One line of JSON per entry in the data folder's log file. Nothing in shipped code writes to the console
// except the CLI's own output and the one start-up line that tells a person where the app is.

type Level = 'debug' | 'info' | 'warn' | 'error';
let logFile: string | null = null;

export const setLogFile = (path: string): void => {
  mkdirSync(dirname(path), { recursive: true });
  logFile = path;
};

const write = (level: Level, message: string, fields?: Record<string, unknown>): void => {
  if (!logFile) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, message, ...fields });
  try {
    appendFileSync(logFile, line + '\n');
  } catch {
    // A log that cannot be written must never take the app down with it.
  }
};

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};
