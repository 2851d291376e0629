#!/usr/bin/env node
// `npm start`: the Electron app when Electron's binary is installed, otherwise the browser shell.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryPath, electronNativePaths } from './electron-native-paths.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

// Runs to completion, forwarding Ctrl+C to the child, and exits with the child's code.
const handOver = (command, args, env = process.env) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, shell: process.platform === 'win32' && !command.endsWith('.exe') });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

const runStep = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const electron = electronBinaryPath(join(root, 'node_modules', 'electron'));

if (!electron) {
  console.log('Electron is not installed on this machine (its binary could not be downloaded); starting the browser shell instead.');
  // npm_execpath is set when run through npm and works on every platform; plain `npm` is the fallback.
  const npmCli = process.env.npm_execpath;
  if (npmCli) handOver(process.execPath, [npmCli, 'run', 'web']);
  else handOver(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'web']);
} else {
  runStep([join(root, 'scripts', 'electron-native.mjs')]);
  runStep([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  const { binding } = electronNativePaths(root);
  handOver(electron, [resolve(root)], { ...process.env, CASEBENCH_SQLITE_BINDING: process.env.CASEBENCH_SQLITE_BINDING || binding });
}
