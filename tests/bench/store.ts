import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { uuidv7 } from '../../core/ids.ts';
import { canonicalJson } from '../../common/canonical.ts';
import type { SortColumn } from '../../common/contract.ts';
import { SORT_COLUMNS } from '../../common/contract.ts';
import type { ClaimStatus } from '../../common/domain/workflow.ts';
import type { EventDraft } from '../../core/events/store.ts';
import { openDatabase } from '../../core/db/open.ts';
import { loadOrCreateDeviceKey } from '../../core/events/keys.ts';
import { EventStore } from '../../core/events/store.ts';
import { openWorkspace, type Workspace } from '../../core/workspace.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';
import { percentiles, type Suite } from './harness.ts';

const SURNAMES = ['Smith', 'Garcia', 'Nguyen', 'Okafor', 'Kowalski', 'Tanaka', 'Patel', 'Haddad', 'Lindqvist', 'Castillo', 'Brennan', 'Moreau'];
const STREETS = ['Oak Street', 'Harbour Road', 'Mill Road', 'Kingsway', 'Riverside', 'Station Lane'];

/** Ten events per claim: created, three edits, three transitions, two notes, a task. */
const claimEvents = (ws: Workspace, i: number, eventsPerClaim: number): EventDraft[] => {
  const surname = SURNAMES[i % SURNAMES.length];
  const created = ws.cases.claimEvent(
    claimDraft({
      claimNumber: `B-${String(i).padStart(8, '0')}`,
      parties: [{ role: 'claimant', name: `Claimant${i} ${surname}`, phone: `+1 555 ${String(i % 10_000_000).padStart(7, '0')}`, address: `${i % 300} ${STREETS[i % STREETS.length]}` }],
      vehicles: [{ plate: `BX${String(i).padStart(7, '0')}`, vin: '1HGCM82633A004352', make: 'Honda', model: 'Civic', year: 2018 }],
      amountClaimedCents: (i * 7919) % 5_000_000,
      incident: { occurredAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T10:00`, place: STREETS[i % 6], description: 'Collision.', policeReportFiled: i % 2 === 0, witnessesPresent: false, fault: 'unknown' },
    }),
    new Set(),
  );
  const id = created.caseId;
  const more: EventDraft[] = [
    { caseId: id, type: 'case.fieldsChanged', payload: { changes: { amountClaimedCents: (i * 104729) % 5_000_000 }, previous: {} } },
    { caseId: id, type: 'case.transitioned', payload: { from: 'intake', to: 'investigation', reason: 'Coverage confirmed.' } },
    { caseId: id, type: 'note.added', payload: { noteId: uuidv7(), text: `Spoke to claimant ${surname} about the damage.` } },
    { caseId: id, type: 'case.fieldsChanged', payload: { changes: { assignee: `Adjuster ${i % 50}` }, previous: {} } },
    { caseId: id, type: 'case.transitioned', payload: { from: 'investigation', to: 'assessment', reason: 'Photos received.' } },
    { caseId: id, type: 'task.added', payload: { taskId: uuidv7(), title: 'Request repair estimate' } },
    { caseId: id, type: 'case.fieldsChanged', payload: { changes: { repairShop: `Shop ${i % 400}` }, previous: {} } },
    { caseId: id, type: 'note.added', payload: { noteId: uuidv7(), text: 'Estimate in line with damage.' } },
    { caseId: id, type: 'case.transitioned', payload: { from: 'assessment', to: i % 3 === 0 ? 'approval' : 'denied', reason: 'Assessed.' } },
  ];
  return [created, ...more.slice(0, eventsPerClaim - 1)];
};

/** The batches appendClaims would append (for profiling). */
export const claimBatches = (ws: Workspace, from: number, to: number, eventsPerClaim: number): EventDraft[][] => {
  const out: EventDraft[][] = [];
  for (let i = from; i < to; i += 100) {
    const perClaim: EventDraft[][] = [];
    for (let c = i; c < Math.min(i + 100, to); c++) perClaim.push(claimEvents(ws, c, eventsPerClaim));
    const batch: EventDraft[] = [];
    for (let k = 0; k < eventsPerClaim; k++) for (const evs of perClaim) if (evs[k]) batch.push(evs[k]);
    out.push(batch);
  }
  return out;
};

export const appendClaimsForProfile = (ws: Workspace, from: number, to: number, eventsPerClaim: number) => appendClaims(ws, from, to, eventsPerClaim);
const appendClaims = (ws: Workspace, from: number, to: number, eventsPerClaim: number) => {
  let events = 0;
  let seconds = 0;
  for (let i = from; i < to; i += 100) {
    const batch: EventDraft[] = [];
    const perClaim: EventDraft[][] = [];
    for (let c = i; c < Math.min(i + 100, to); c++) perClaim.push(claimEvents(ws, c, eventsPerClaim));
    // interleave, as real work does: claims advance side by side
    for (let k = 0; k < eventsPerClaim; k++) for (const evs of perClaim) if (evs[k]) batch.push(evs[k]);
    // Only the append is timed, as only the insert is for the raw ceiling.
    const t = performance.now();
    ws.cases.append(batch);
    seconds += (performance.now() - t) / 1000;
    events += batch.length;
  }
  return { events, seconds };
};

/** The ceiling: the same payloads inserted as plain rows by better-sqlite3, same pragmas, same batches. */
/**
 * The event log alone: the same batches through EventStore (UUIDv7, HLC, canonical JSON, hash chain, a
 * signature per batch, chain-head record) into a fresh workspace database, with the projections switched off.
 */
const logOnly = (dir: string, batches: EventDraft[][]) => {
  mkdirSync(join(dir, 'log-only'), { recursive: true });
  const db = openDatabase(join(dir, 'log-only'));
  const store = new EventStore(db, loadOrCreateDeviceKey(dir), { apply: () => {}, flush: () => {}, discard: () => {} });
  let events = 0;
  let seconds = 0;
  for (const batch of batches) {
    const t = performance.now();
    store.append(batch, { name: 'Bench', role: 'adjuster' });
    seconds += (performance.now() - t) / 1000;
    events += batch.length;
  }
  db.close();
  return { events, seconds };
};

const rawInserts = (dir: string, batches: EventDraft[][], name: string) => {
  const db = new Database(join(dir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, case_id TEXT NOT NULL, type TEXT NOT NULL, payload TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO raw (id, case_id, type, payload) VALUES (?, ?, ?, ?)');
  const tx = db.transaction((rows: EventDraft[]) => {
    for (const r of rows) insert.run(uuidv7(), r.caseId, r.type, canonicalJson(r.payload));
  });
  let events = 0;
  let seconds = 0;
  for (const batch of batches) {
    const t = performance.now();
    tx(batch);
    seconds += (performance.now() - t) / 1000;
    events += batch.length;
  }
  db.close();
  return { events, seconds };
};

/** The same batches through the workspace's store, projections included. */
const appendBatches = (ws: Workspace, batches: EventDraft[][]) => {
  let events = 0;
  let seconds = 0;
  for (const batch of batches) {
    const t = performance.now();
    ws.cases.append(batch);
    seconds += (performance.now() - t) / 1000;
    events += batch.length;
  }
  return { events, seconds };
};

// The statuses the generated history leaves claims in (grown claims stay in intake).
const QUEUE_STATUSES: ClaimStatus[] = ['intake', 'approval', 'denied'];

const measureQueries = (ws: Workspace, claims: number, samples: number) => {
  const queue: number[] = [];
  const search: number[] = [];
  let nonEmpty = 0;
  let rand = 12345;
  const next = () => (rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let s = 0; s < samples; s++) {
    const status = QUEUE_STATUSES[Math.floor(next() * QUEUE_STATUSES.length)];
    const sort = SORT_COLUMNS[Math.floor(next() * SORT_COLUMNS.length)] as SortColumn;
    let t = performance.now();
    const page = ws.queries.list({ status: [status], sort, direction: next() < 0.5 ? 'asc' : 'desc', offset: Math.floor(next() * 4) * 50, limit: 50 });
    queue.push(performance.now() - t);
    if (page.rows.length > 0) nonEmpty += 1;
    const i = Math.floor(next() * claims);
    const term = [`BX${String(i).padStart(7, '0')}`, `Claimant${i}`, `555 ${String(i % 10_000_000).padStart(7, '0')}`, SURNAMES[i % SURNAMES.length], `B-${String(i).padStart(8, '0')}`][s % 5];
    t = performance.now();
    const found = ws.queries.list({ search: term, sort: 'updatedAt', direction: 'desc', offset: 0, limit: 50 });
    search.push(performance.now() - t);
    if (found.total === 0) throw new Error(`search for ${term} found nothing`);
  }
  if (nonEmpty < samples / 4) throw new Error('most queue queries returned nothing: the benchmark would measure empty pages');
  return { queue: percentiles(queue), search: percentiles(search) };
};

export const storeSuite: Suite = {
  name: 'store',
  description: 'event append vs raw inserts; queue and full-text search latency',
  run: (opts) => {
    const small = opts.quick ? 2_000 : 100_000;
    const large = opts.quick ? 20_000 : 1_000_000;
    const perClaim = 10;
    const dir = tempDir('casebench-bench-');
    try {
      const ws = openWorkspace(dir);
      // The ceiling is measured before and after the others (JIT warm-up and a busy machine both skew one
      // run); the faster of the two is used, so the comparison never flatters the store.
      const batches = claimBatches(ws, 0, small, perClaim);
      const rawBefore = rawInserts(dir, batches, 'raw_before');
      const log = logOnly(dir, batches);
      const store = appendBatches(ws, batches);
      const rawAfter = rawInserts(dir, batches, 'raw_after');
      const raw = rawBefore.events / rawBefore.seconds > rawAfter.events / rawAfter.seconds ? rawBefore : rawAfter;
      const at100k = measureQueries(ws, small, opts.quick ? 40 : 200);
      // Grow to the large size with claims that carry only their creation event and one edit.
      const grow = appendClaims(ws, small, large, 2);
      const at1m = measureQueries(ws, large, opts.quick ? 40 : 200);
      const events = ws.queries.counts().events;
      ws.close();
      const rawRate = raw.events / raw.seconds;
      const storeRate = store.events / store.seconds;
      const logRate = log.events / log.seconds;
      return {
        rows: [
          { figure: `raw better-sqlite3 insert (ceiling), ${raw.events} events`, value: `${Math.round(rawRate)} events/s`, target: 'baseline' },
          { figure: `event log append (UUIDv7, HLC, hash chain, batch signature), ${log.events} events`, value: `${Math.round(logRate)} events/s (${((logRate / rawRate) * 100).toFixed(1)}% of raw)`, target: '>= 25% of raw', pass: logRate >= 0.25 * rawRate },
          { figure: `event store append with projections (cases, parties, vehicles, notes, tasks, FTS), ${store.events} events`, value: `${Math.round(storeRate)} events/s (${((storeRate / rawRate) * 100).toFixed(1)}% of raw)`, target: '>= 25% of raw', pass: storeRate >= 0.25 * rawRate },
          { figure: `grow to ${large} claims (${grow.events} events)`, value: `${Math.round(grow.events / grow.seconds)} events/s`, target: '' },
          { figure: `queue query p50/p95 at ${small} claims`, value: `${at100k.queue.p50.toFixed(2)} / ${at100k.queue.p95.toFixed(2)} ms`, target: '' },
          { figure: `search p50/p95 at ${small} claims`, value: `${at100k.search.p50.toFixed(2)} / ${at100k.search.p95.toFixed(2)} ms`, target: '' },
          { figure: `queue query p50/p95 at ${large} claims`, value: `${at1m.queue.p50.toFixed(2)} / ${at1m.queue.p95.toFixed(2)} ms`, target: 'p95 < 50 ms', pass: at1m.queue.p95 < 50 },
          { figure: `search p50/p95 at ${large} claims`, value: `${at1m.search.p50.toFixed(2)} / ${at1m.search.p95.toFixed(2)} ms`, target: 'p95 < 50 ms', pass: at1m.search.p95 < 50 },
        ],
        figures: {
          rawEventsPerSecond: rawRate,
          logEventsPerSecond: logRate,
          logShareOfRaw: logRate / rawRate,
          storeEventsPerSecond: storeRate,
          storeShareOfRaw: storeRate / rawRate,
          totalEvents: events,
          [`queueP50At${small}`]: at100k.queue.p50,
          [`queueP95At${small}`]: at100k.queue.p95,
          [`searchP50At${small}`]: at100k.search.p50,
          [`searchP95At${small}`]: at100k.search.p95,
          [`queueP50At${large}`]: at1m.queue.p50,
          [`queueP95At${large}`]: at1m.queue.p95,
          [`searchP50At${large}`]: at1m.search.p50,
          [`searchP95At${large}`]: at1m.search.p95,
        },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
