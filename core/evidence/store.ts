import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// The content-addressed evidence store: every file once, named by its SHA-256, read-only. Files are written
// to a temp file in the same folder tree and renamed into place, so a crash never leaves a partial file
// under a hash name. Derived artifacts (heatmaps, frames) live beside it in their own tree.

export const SHA256_RE = /^[0-9a-f]{64}$/;
export const evidencePath = (dataDir: string, sha256: string): string => join(dataDir, 'evidence', sha256.slice(0, 2), sha256);
export const artifactPath = (dataDir: string, sha256: string): string => join(dataDir, 'artifacts', sha256.slice(0, 2), sha256);
export const tempFolder = (dataDir: string): string => join(dataDir, 'evidence', 'tmp');
export const tempFile = (dataDir: string, prefix: string): string => {
  mkdirSync(tempFolder(dataDir), { recursive: true });
  return join(tempFolder(dataDir), `${prefix}-${randomBytes(8).toString('hex')}`);
};

export type StoredFile = { sha256: string; size: number; head: Buffer; alreadyStored: boolean };

const HEAD_BYTES = 4096;

/** Streams a file into the store while hashing it; never holds the whole file in memory. */
export const storeFile = async (dataDir: string, source: string, signal?: AbortSignal): Promise<StoredFile> => {
  const temp = tempFile(dataDir, 'in');
  const hash = createHash('sha256');
  let size = 0;
  const headParts: Buffer[] = [];
  let headSize = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (headSize < HEAD_BYTES) {
        headParts.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(source), tap, createWriteStream(temp, { flags: 'wx', mode: 0o600 }), { signal });
    const sha256 = hash.digest('hex');
    const target = evidencePath(dataDir, sha256);
    const alreadyStored = existsSync(target);
    if (alreadyStored) rmSync(temp, { force: true });
    else {
      mkdirSync(dirname(target), { recursive: true });
      chmodSync(temp, 0o444);
      renameSync(temp, target);
    }
    return { sha256, size, head: Buffer.concat(headParts), alreadyStored };
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
};

export const sha256File = async (path: string, signal?: AbortSignal): Promise<string> => {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash, { signal });
  return hash.digest('hex');
};

export const sha256Buffer = (bytes: Buffer | Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Writes a derived file into the artifact cache under its own hash; idempotent. */
export const storeArtifact = (dataDir: string, bytes: Buffer): string => {
  const sha256 = sha256Buffer(bytes);
  const target = artifactPath(dataDir, sha256);
  if (!existsSync(target)) {
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, bytes, { mode: 0o444 });
    renameSync(temp, target);
  }
  return sha256;
};
