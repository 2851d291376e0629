import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../common/result.ts';

export const DEVICE_KEY_FILE = 'device.key';

export type DeviceKey = { deviceId: string; publicKeyPem: string; privateKey: KeyObject };

/** A device id is derived from its public key, so a swapped key cannot keep the old id. */
export const deviceIdFor = (publicKeyPem: string): string =>
  'dev-' + createHash('sha256').update(publicKeyPem.trim()).digest('hex').slice(0, 24);

const fromPrivatePem = (pem: string): DeviceKey => {
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { deviceId: deviceIdFor(publicKeyPem), publicKeyPem, privateKey };
};

/** Loads the device's Ed25519 key from the data folder, creating it (mode 0600) on first run. */
export const loadOrCreateDeviceKey = (dataDir: string): DeviceKey => {
  const file = join(dataDir, DEVICE_KEY_FILE);
  if (existsSync(file)) {
    if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    try {
      return fromPrivatePem(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new DomainError('STORAGE_ERROR', `The device key ${file} cannot be read (${(e as Error).message}). Restore it from a backup; without it this device cannot sign new events.`);
    }
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  return fromPrivatePem(pem);
};

/** What a device signs: the head of its chain after a committed batch. */
export const chainHeadMessage = (deviceId: string, deviceSeq: number, hash: string): Buffer =>
  Buffer.from(`casebench-chain-head:v1:${deviceId}:${deviceSeq}:${hash}`);

export const signHead = (key: DeviceKey, deviceSeq: number, hash: string): string =>
  sign(null, chainHeadMessage(key.deviceId, deviceSeq, hash), key.privateKey).toString('base64');

export const verifyHead = (publicKeyPem: string, deviceId: string, deviceSeq: number, hash: string, signature: string): boolean => {
  try {
    return verify(null, chainHeadMessage(deviceId, deviceSeq, hash), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};
