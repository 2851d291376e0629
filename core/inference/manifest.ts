import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// models/manifest.json, typed. Shared by the registry (main thread) and the inference worker, so both
// check a model's bytes the same way before anything loads them.

export type TensorSpec = { name: string; shape: (number | string)[]; dtype: string };
export type ModelAsset = { role: string; file: string; sha256: string };
export type ModelEntry = {
  id: string;
  version: string;
  title: string;
  task: string;
  file: string;
  sha256: string;
  assets?: ModelAsset[];
  build?: { command: string; weights: string; weightsSha256: string; recipe: string };
  install: string;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  preprocessing: string;
  labels: string[];
  licence: string;
  source: string;
  limitations: string;
};
export type Manifest = { about: string; models: ModelEntry[] };

/** The repository root: the nearest folder above this file holding models/manifest.json (works from out/ too). */
export const repoRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'models', 'manifest.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('models/manifest.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
};

export const loadManifest = (root = repoRoot()): Manifest => JSON.parse(readFileSync(join(root, 'models', 'manifest.json'), 'utf8')) as Manifest;

export const resolveModelFile = (root: string, file: string): string => (isAbsolute(file) ? file : resolve(root, file));

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class ModelIntegrityError extends Error {
  constructor(
    readonly modelId: string,
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Model ${modelId} was refused: ${path} has SHA-256 ${actual}, but models/manifest.json expects ${expected}. The file is damaged, altered or a different version; reinstall it.`);
    this.name = 'ModelIntegrityError';
  }
}

/** Reads a model file and returns its bytes only when they hash to what the manifest says. */
export const readVerified = (modelId: string, path: string, expected: string): Buffer => {
  const bytes = readFileSync(path);
  const actual = sha256Hex(bytes);
  if (actual !== expected) throw new ModelIntegrityError(modelId, path, expected, actual);
  return bytes;
};
