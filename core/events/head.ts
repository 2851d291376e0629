import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signHead, verifyHead, type DeviceKey } from './keys.ts';

// The device's chain head, kept beside the database and rewritten after each commit. A chain whose last
// batch was deleted from the database is still a valid chain; this record is what shows it is short.

export const HEAD_FILE = 'chain-head.json';

export type ChainHead = { deviceId: string; deviceSeq: number; eventId: string; hash: string; signature: string };

export const writeChainHead = (dataDir: string, key: DeviceKey, head: Omit<ChainHead, 'deviceId' | 'signature'>): void => {
  const record: ChainHead = { deviceId: key.deviceId, ...head, signature: signHead(key, head.deviceSeq, head.hash) };
  const file = join(dataDir, HEAD_FILE);
  writeFileSync(file + '.tmp', JSON.stringify(record) + '\n', { mode: 0o600 });
  renameSync(file + '.tmp', file);
};

/** The recorded head, or null when there is none (a copied database); throws when it was tampered with. */
export const readChainHead = (dataDir: string, publicKeyPem: (deviceId: string) => string | undefined): ChainHead | null => {
  const file = join(dataDir, HEAD_FILE);
  if (!existsSync(file)) return null;
  const head = JSON.parse(readFileSync(file, 'utf8')) as ChainHead;
  const key = publicKeyPem(head.deviceId);
  if (!key || !verifyHead(key, head.deviceId, head.deviceSeq, head.hash, head.signature)) {
    throw new Error(`${file} is not signed by a device of this workspace`);
  }
  return head;
};
