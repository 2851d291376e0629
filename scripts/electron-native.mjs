#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/better-sqlite3, leaving
// node_modules/better-sqlite3 (the Node build that tests and the CLI load) untouched.
// Tries a prebuilt binary first (prebuild-install), then compiles with node-gyp.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronNativePaths, isNativeBuildCurrent, nativeStamp, shouldCopyFromSource } from './electron-native-paths.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const readVersion = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

const run = (command, args, cwd) => spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env }).status === 0;

const nodeGypCommand = () => {
  const candidates = [];
  const prefix = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['prefix', '-g'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (prefix.status === 0 && prefix.stdout.trim()) {
    const globalPrefix = prefix.stdout.trim();
    candidates.push(join(globalPrefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    candidates.push(join(globalPrefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const found = candidates.find((candidate) => existsSync(candidate));
  return found ? { command: process.execPath, prefixArgs: [found] } : { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', prefixArgs: ['--yes', 'node-gyp'] };
};

export const buildElectronNative = () => {
  const electronVersion = readVersion('electron');
  const betterSqlite3Version = readVersion('better-sqlite3');
  const paths = electronNativePaths(root);
  const expected = nativeStamp({ electronVersion, betterSqlite3Version, platform: process.platform, arch: process.arch });
  const stampText = existsSync(paths.stamp) ? readFileSync(paths.stamp, 'utf8') : null;
  if (isNativeBuildCurrent({ bindingExists: existsSync(paths.binding), stampText, expected })) {
    console.log(`better-sqlite3 ${betterSqlite3Version} for Electron ${electronVersion} is already built: ${paths.binding}`);
    return paths.binding;
  }

  console.log(`Building better-sqlite3 ${betterSqlite3Version} for Electron ${electronVersion} in ${paths.dir}`);
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(dirname(paths.dir), { recursive: true });
  cpSync(paths.source, paths.dir, { recursive: true, filter: (path) => shouldCopyFromSource(paths.source, path) });

  const prebuildInstall = join(root, 'node_modules', 'prebuild-install', 'bin.js');
  const target = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform];
  if (!(existsSync(prebuildInstall) && run(process.execPath, [prebuildInstall, ...target], paths.dir) && existsSync(paths.binding))) {
    console.log('No prebuilt binary was available; compiling with node-gyp (needs a C++ toolchain and Electron headers from electronjs.org).');
    const gyp = nodeGypCommand();
    const args = [...gyp.prefixArgs, 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'];
    run(gyp.command, args, paths.dir);
  }

  if (!existsSync(paths.binding)) {
    throw new Error(
      `better-sqlite3 could not be built for Electron ${electronVersion}: no prebuilt binary could be downloaded and node-gyp did not produce ${paths.binding}. See the output above.`,
    );
  }
  writeFileSync(paths.stamp, JSON.stringify(expected, null, 2) + '\n');
  console.log(`Built ${paths.binding}`);
  return paths.binding;
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    buildElectronNative();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
