import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronBinaryPath, electronNativePaths, isNativeBuildCurrent, nativeStamp, shouldCopyFromSource } from '../../scripts/electron-native-paths.mjs';

let dir: string | null = null;
const temp = () => (dir = mkdtempSync(join(tmpdir(), 'casebench-start-')));
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const expected = nativeStamp({ electronVersion: '45.5.0', betterSqlite3Version: '12.11.1', platform: 'linux', arch: 'x64' });

describe('electronNativePaths', () => {
  it('puts the Electron build under .electron-native, never inside node_modules/better-sqlite3', () => {
    const paths = electronNativePaths('/repo');
    expect(paths.source).toBe(join('/repo', 'node_modules', 'better-sqlite3'));
    expect(paths.binding).toBe(join('/repo', '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    expect(paths.stamp.startsWith(join('/repo', '.electron-native', 'better-sqlite3'))).toBe(true);
    expect(paths.binding.startsWith(paths.source)).toBe(false);
  });
});

describe('isNativeBuildCurrent', () => {
  it('is current only with the binding present and a stamp for the same versions, platform and arch', () => {
    const stampText = JSON.stringify(expected);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText, expected })).toBe(true);
    expect(isNativeBuildCurrent({ bindingExists: false, stampText, expected })).toBe(false);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText: null, expected })).toBe(false);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText: '{broken', expected })).toBe(false);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText: JSON.stringify({ ...expected, electron: '44.0.0' }), expected })).toBe(false);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText: JSON.stringify({ ...expected, betterSqlite3: '12.10.0' }), expected })).toBe(false);
    expect(isNativeBuildCurrent({ bindingExists: true, stampText: JSON.stringify({ ...expected, arch: 'arm64' }), expected })).toBe(false);
  });
});

describe('shouldCopyFromSource', () => {
  it('skips only the Node-ABI build folder (and nested node_modules)', () => {
    const source = join('/repo', 'node_modules', 'better-sqlite3');
    expect(shouldCopyFromSource(source, source)).toBe(true);
    expect(shouldCopyFromSource(source, join(source, 'build'))).toBe(false);
    expect(shouldCopyFromSource(source, join(source, 'build', 'Release', 'better_sqlite3.node'))).toBe(false);
    expect(shouldCopyFromSource(source, join(source, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(shouldCopyFromSource(source, join(source, 'deps', 'sqlite3', 'sqlite3.c'))).toBe(true);
    expect(shouldCopyFromSource(source, join(source, 'binding.gyp'))).toBe(true);
    expect(shouldCopyFromSource(source, join(source, 'node_modules', 'x'))).toBe(false);
  });
});

describe('electronBinaryPath', () => {
  it('is null when the binary was never downloaded (no path.txt), as on this machine', () => {
    const electronDir = temp();
    expect(electronBinaryPath(electronDir, {})).toBeNull();
  });

  it('is null when path.txt names a binary that is not there', () => {
    const electronDir = temp();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    expect(electronBinaryPath(electronDir, {})).toBeNull();
  });

  it('is the dist binary when it exists, or the override folder when ELECTRON_OVERRIDE_DIST_PATH is set', () => {
    const electronDir = temp();
    writeFileSync(join(electronDir, 'path.txt'), 'electron');
    mkdirSync(join(electronDir, 'dist'));
    writeFileSync(join(electronDir, 'dist', 'electron'), '');
    expect(electronBinaryPath(electronDir, {})).toBe(join(electronDir, 'dist', 'electron'));

    const override = join(electronDir, 'custom');
    mkdirSync(override);
    expect(electronBinaryPath(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull();
    writeFileSync(join(override, 'electron'), '');
    expect(electronBinaryPath(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
  });

  it('reports this checkout as it is: the real node_modules/electron has no binary here', () => {
    const real = electronBinaryPath(join(process.cwd(), 'node_modules', 'electron'), {});
    // Wherever a binary was downloaded, the helper must point at an existing file; here there is none.
    if (real !== null) expect(real).toContain(join('node_modules', 'electron', 'dist'));
    else expect(real).toBeNull();
  });
});
