import type Database from 'better-sqlite3';
import type { AuditReport } from '../../common/contract.ts';
import { GENESIS_HASH, eventHash } from './hash.ts';
import { deviceIdFor, verifyHead } from './keys.ts';
import { readChainHead, type ChainHead } from './head.ts';
import type { EventRow } from './store.ts';

type Chain = { deviceSeq: number; hash: string; unsignedSince: EventRow | null };

/**
 * Recomputes every device chain and signature from the stored rows, in storage order, and names the
 * first event that does not hold. Reads only: it can run on a copy of a workspace handed to a court.
 */
export const verifyAudit = (db: Database.Database, recordedHeads: readonly ChainHead[] = []): AuditReport => {
  const keys = new Map<string, string>();
  for (const d of db.prepare('SELECT device_id, public_key FROM devices').all() as { device_id: string; public_key: string }[]) {
    keys.set(d.device_id, d.public_key);
  }
  const chains = new Map<string, Chain>();
  let events = 0;
  let signedBatches = 0;
  let firstBad: AuditReport['firstBad'] = null;
  const bad = (r: EventRow, problem: string) => {
    firstBad = { eventId: r.id, seq: r.seq, deviceId: r.device_id, problem };
  };

  for (const r of db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<EventRow>) {
    events += 1;
    const publicKey = keys.get(r.device_id);
    if (!publicKey) {
      bad(r, `its device ${r.device_id} is not registered`);
      break;
    }
    if (deviceIdFor(publicKey) !== r.device_id) {
      bad(r, `the public key registered for device ${r.device_id} is not that device's key`);
      break;
    }
    const chain = chains.get(r.device_id) ?? { deviceSeq: 0, hash: GENESIS_HASH, unsignedSince: null };
    if (r.device_seq !== chain.deviceSeq + 1) {
      bad(r, `it is number ${r.device_seq} of its device's chain where number ${chain.deviceSeq + 1} was expected (an event was removed or reordered)`);
      break;
    }
    if (r.prev_hash !== chain.hash) {
      bad(r, 'it does not link to the previous event of its device (an event before it was removed, reordered or altered)');
      break;
    }
    const hash = eventHash({
      id: r.id,
      caseId: r.case_id,
      type: r.type,
      hlc: r.hlc,
      actor: r.actor,
      actorRole: r.actor_role,
      deviceId: r.device_id,
      deviceSeq: r.device_seq,
      batchHead: r.batch_head === 1,
      prevHash: r.prev_hash,
      payloadText: r.payload,
    });
    if (hash !== r.hash) {
      bad(r, 'its content does not match its hash (the event was altered)');
      break;
    }
    if (r.batch_head === 1) {
      if (!r.signature) {
        bad(r, 'its signature is missing');
        break;
      }
      if (!verifyHead(publicKey, r.device_id, r.device_seq, r.hash, r.signature)) {
        bad(r, 'its signature does not verify with its device key');
        break;
      }
      signedBatches += 1;
      chain.unsignedSince = null;
    } else {
      if (r.signature) {
        bad(r, 'it carries a signature although it is not the end of a signed batch');
        break;
      }
      chain.unsignedSince ??= r;
    }
    chain.deviceSeq = r.device_seq;
    chain.hash = r.hash;
    chains.set(r.device_id, chain);
  }
  if (!firstBad) {
    for (const chain of chains.values()) {
      if (chain.unsignedSince) {
        bad(chain.unsignedSince, 'no signature covers it (the end of its batch was removed)');
        break;
      }
    }
  }
  if (!firstBad) {
    for (const head of recordedHeads) {
      const chain = chains.get(head.deviceId);
      const reached = chain?.deviceSeq ?? 0;
      if (reached < head.deviceSeq) {
        firstBad = {
          eventId: head.eventId,
          seq: -1,
          deviceId: head.deviceId,
          problem: `it is missing: the device's signed head record says its chain reaches event ${head.deviceSeq}, the database holds only ${reached} (events at the end were removed)`,
        };
        break;
      }
    }
  }
  return { ok: firstBad === null, events, devices: chains.size, signedBatches, headRecordChecked: recordedHeads.length > 0, firstBad };
};

/** Audits a workspace folder: the database and the device's signed head record beside it. */
export const auditDataFolder = (db: Database.Database, dataDir: string): AuditReport => {
  const keys = new Map((db.prepare('SELECT device_id, public_key FROM devices').all() as { device_id: string; public_key: string }[]).map((d) => [d.device_id, d.public_key]));
  let head: ChainHead | null;
  try {
    head = readChainHead(dataDir, (id) => keys.get(id));
  } catch (e) {
    const report = verifyAudit(db);
    return { ...report, ok: false, headRecordChecked: true, firstBad: report.firstBad ?? { eventId: '(head record)', seq: -1, deviceId: '', problem: (e as Error).message } };
  }
  return verifyAudit(db, head ? [head] : []);
};
