import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type HashedFields = {
  id: string;
  caseId: string;
  type: string;
  hlc: string;
  actor: string;
  actorRole: string;
  deviceId: string;
  deviceSeq: number;
  batchHead: boolean;
  prevHash: string;
  payloadText: string;
};

/** The hash that links an event into its device's chain; covers every stored column but the signature. */
export const eventHash = (e: HashedFields): string =>
  createHash('sha256')
    // An array of strings, numbers and booleans: JSON.stringify of it is already canonical.
    .update(JSON.stringify(['casebench-event:v1', e.id, e.caseId, e.type, e.hlc, e.actor, e.actorRole, e.deviceId, e.deviceSeq, e.batchHead, e.prevHash]))
    .update('\n')
    .update(e.payloadText)
    .digest('hex');
