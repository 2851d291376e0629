import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Pure helpers shared by scripts/start.mjs and scripts/electron-native.mjs, kept apart so they can be
// unit-tested without building or launching anything.

/** Where the Electron-ABI copy of better-sqlite3 lives. node_modules/better-sqlite3 stays the Node build. */
export const electronNativePaths = (root) => {
  const dir = join(root, '.electron-native', 'better-sqlite3');
  return {
    source: join(root, 'node_modules', 'better-sqlite3'),
    dir,
    binding: join(dir, 'build', 'Release', 'better_sqlite3.node'),
    stamp: join(dir, 'casebench-build.json'),
  };
};

/** What a finished build was made for; any difference means it has to be built again. */
export const nativeStamp = ({ electronVersion, betterSqlite3Version, platform, arch }) => ({
  electron: electronVersion,
  betterSqlite3: betterSqlite3Version,
  platform,
  arch,
});

export const isNativeBuildCurrent = ({ bindingExists, stampText, expected }) => {
  if (!bindingExists || typeof stampText !== 'string') return false;
  let saved;
  try {
    saved = JSON.parse(stampText);
  } catch {
    return false;
  }
  if (typeof saved !== 'object' || saved === null) return false;
  return Object.entries(expected).every(([key, value]) => saved[key] === value);
};

/** Copy everything of better-sqlite3 except its build/ folder, which holds the Node-ABI binary. */
export const shouldCopyFromSource = (source, path) => {
  const rel = relative(source, path);
  if (rel === '') return true;
  const top = rel.split(sep)[0];
  return top !== 'build' && top !== 'node_modules';
};

/**
 * The Electron executable, or null when it was never downloaded. This reads node_modules/electron/path.txt
 * the way electron's own index.js does, but without index.js's side effect of starting a download.
 */
export const electronBinaryPath = (electronDir, env = process.env) => {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  if (!executable) return null;
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, executable) : join(electronDir, 'dist', executable);
  return existsSync(full) ? full : null;
};
