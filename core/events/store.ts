import type Database from 'better-sqlite3';
import { uuidv7 } from '../ids.ts';
import { sortedCopy } from '../../common/canonical.ts';
import type { EventType } from '../../common/domain/events.ts';
import { formatHlc, parseHlc, tickHlc, type Hlc } from '../../common/hlc.ts';
import { GENESIS_HASH, eventHash } from './hash.ts';
import { signHead, type DeviceKey } from './keys.ts';

export type Actor = { name: string; role: string };
/** `actor` overrides the batch's actor for one event (imports and the demo record who did what). */
export type EventDraft = { caseId: string; type: EventType; payload: object; actor?: Actor };

export type StoredEvent = {
  seq: number;
  id: string;
  caseId: string;
  type: EventType;
  payload: Record<string, unknown>;
  payloadText: string;
  actor: string;
  actorRole: string;
  deviceId: string;
  deviceSeq: number;
  hlc: string;
  batchHead: boolean;
  prevHash: string;
  hash: string;
  signature: string | null;
};

export type EventRow = {
  seq: number;
  id: string;
  case_id: string;
  type: string;
  payload: string;
  actor: string;
  actor_role: string;
  device_id: string;
  device_seq: number;
  hlc: string;
  batch_head: number;
  prev_hash: string;
  hash: string;
  signature: string | null;
};

export const rowToEvent = (r: EventRow): StoredEvent => ({
  seq: r.seq,
  id: r.id,
  caseId: r.case_id,
  type: r.type as EventType,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  payloadText: r.payload,
  actor: r.actor,
  actorRole: r.actor_role,
  deviceId: r.device_id,
  deviceSeq: r.device_seq,
  hlc: r.hlc,
  batchHead: r.batch_head === 1,
  prevHash: r.prev_hash,
  hash: r.hash,
  signature: r.signature,
});

type Head = { deviceSeq: number; hash: string; hlc: Hlc };

/**
 * Appends events to this device's signed hash chain and applies each to the projections in the same
 * transaction. The in-memory chain head and clock move only after the transaction commits, so a failed
 * append leaves no trace (Actual's applyMessages works the same way).
 */
export class EventStore {
  private head: Head;
  private readonly insert: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly key: DeviceKey,
    private readonly projector: { apply: (event: StoredEvent) => void; flush: () => void; discard: () => void },
    private readonly now: () => number = Date.now,
    private readonly afterCommit: (head: StoredEvent) => void = () => {},
  ) {
    db.prepare('INSERT OR IGNORE INTO devices (device_id, public_key, created_at) VALUES (?, ?, ?)').run(key.deviceId, key.publicKeyPem, new Date().toISOString());
    const last = db
      .prepare('SELECT device_seq AS deviceSeq, hash, hlc FROM events WHERE device_id = ? ORDER BY device_seq DESC LIMIT 1')
      .get(key.deviceId) as { deviceSeq: number; hash: string; hlc: string } | undefined;
    this.head = last ? { deviceSeq: last.deviceSeq, hash: last.hash, hlc: parseHlc(last.hlc) } : { deviceSeq: 0, hash: GENESIS_HASH, hlc: { wall: 0, counter: 0 } };
    this.insert = db.prepare(
      `INSERT INTO events (id, case_id, type, payload, actor, actor_role, device_id, device_seq, hlc, batch_head, prev_hash, hash, signature)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  get deviceId(): string {
    return this.key.deviceId;
  }

  /** Appends the drafts as one signed batch. Throws (and stores nothing) if any projection update fails. */
  append(drafts: readonly EventDraft[], actor: Actor): StoredEvent[] {
    if (drafts.length === 0) return [];
    let { deviceSeq, hash: prevHash, hlc } = this.head;
    const stored: StoredEvent[] = [];
    const now = this.now();
    for (let i = 0; i < drafts.length; i++) {
      const draft = drafts[i];
      hlc = tickHlc(hlc, now);
      deviceSeq += 1;
      const payload = sortedCopy(draft.payload) as Record<string, unknown>;
      const payloadText = JSON.stringify(payload);
      const fields = {
        id: uuidv7(),
        caseId: draft.caseId,
        type: draft.type,
        hlc: formatHlc(hlc),
        actor: (draft.actor ?? actor).name,
        actorRole: (draft.actor ?? actor).role,
        deviceId: this.key.deviceId,
        deviceSeq,
        batchHead: i === drafts.length - 1,
        prevHash,
        payloadText,
      };
      const hash = eventHash(fields);
      // Projections read the payload in its stored (canonical) key order, so replay gives identical rows.
      stored.push({ ...fields, seq: 0, payload, hash, signature: null });
      prevHash = hash;
    }
    const head = stored[stored.length - 1];
    head.signature = signHead(this.key, head.deviceSeq, head.hash);

    try {
      this.db.transaction(() => {
        for (const e of stored) {
          // Positional parameters: binding thirteen named ones showed up in the append profile.
          const info = this.insert.run(e.id, e.caseId, e.type, e.payloadText, e.actor, e.actorRole, e.deviceId, e.deviceSeq, e.hlc, e.batchHead ? 1 : 0, e.prevHash, e.hash, e.signature);
          e.seq = Number(info.lastInsertRowid);
          this.projector.apply(e);
        }
        this.projector.flush();
      })();
    } catch (e) {
      this.projector.discard();
      throw e;
    }
    this.head = { deviceSeq, hash: prevHash, hlc };
    this.afterCommit(head);
    return stored;
  }
}

/**
 * Every stored event in the given order, in pages, so a caller may write to the database between pages
 * (better-sqlite3 forbids writes while a read cursor is open on the same connection).
 */
export const readEvents = function* (db: Database.Database, order: 'seq' | 'replay', pageSize = 2000): Generator<StoredEvent> {
  const seqs = (
    order === 'seq'
      ? db.prepare('SELECT seq FROM events ORDER BY seq')
      : // Deterministic merge order across devices (ARCHITECTURE.md, "Merging").
        db.prepare('SELECT seq FROM events ORDER BY hlc, device_id, id')
  )
    .pluck()
    .all() as number[];
  const page = db.prepare('SELECT * FROM events WHERE seq IN (SELECT value FROM json_each(?))');
  for (let i = 0; i < seqs.length; i += pageSize) {
    const slice = seqs.slice(i, i + pageSize);
    const bySeq = new Map((page.all(JSON.stringify(slice)) as EventRow[]).map((r) => [r.seq, r]));
    for (const seq of slice) {
      const row = bySeq.get(seq);
      if (row) yield rowToEvent(row);
    }
  }
};
