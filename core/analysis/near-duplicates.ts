import type Database from 'better-sqlite3';
import { hamming } from './pixels.ts';

// The near-duplicate index: every image's (and video keyframe's) 64-bit pHash, split into four 16-bit bands.
// Two hashes within Hamming distance r share at least one band within floor(r/4) bits (pigeonhole), so a
// query probes each band with the values that close to its own band and checks only those candidates.
// SQLite keeps the hashes (with an index per band, used when nothing is loaded); queries run against a
// compact in-memory copy of the band postings, loaded on first use (about 44 bytes per stored hash), because
// SQLite's per-probe overhead would make the index barely faster than scanning typed arrays.

export const MAX_QUERY_DISTANCE = 11;
export type StoredHash = { sha256: string; frame: number; phashHi: number; phashLo: number; dhash: string };
export type HashMatch = StoredHash & { distance: number };

const bands = (hi: number, lo: number): [number, number, number, number] => [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff];

/** Every 16-bit value within `bits` bit flips of `v`. */
const neighbours = (v: number, bits: number): number[] => {
  const out = [v];
  if (bits >= 1) for (let i = 0; i < 16; i++) out.push(v ^ (1 << i));
  if (bits >= 2) for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) out.push(v ^ (1 << i) ^ (1 << j));
  return out;
};

/** Band postings in compressed-row form (offsets per band value), plus a small list of hashes added since. */
type Postings = { rowid: Int32Array; hi: Uint32Array; lo: Uint32Array; offsets: Uint32Array[]; entries: Uint32Array[]; extra: { rowid: number; hi: number; lo: number }[] };

/** Reads every stored hash straight into typed arrays (no per-row objects), then indexes the bands. */
const build = (db: Database.Database): Postings => {
  const count = db.prepare('SELECT COUNT(*) FROM image_hashes').pluck().get() as number;
  const rowid = new Int32Array(count);
  const hi = new Uint32Array(count);
  const lo = new Uint32Array(count);
  let n = 0;
  for (const [r, h, l] of db.prepare('SELECT rowid, phash_hi, phash_lo FROM image_hashes').raw().iterate() as Iterable<[number, number, number]>) {
    if (n === count) break;
    rowid[n] = r;
    hi[n] = h;
    lo[n] = l;
    n += 1;
  }
  const offsets: Uint32Array[] = [];
  const entries: Uint32Array[] = [];
  for (let b = 0; b < 4; b++) {
    const word = b < 2 ? hi : lo;
    const shift = b % 2 === 0 ? 16 : 0;
    const key = (i: number) => (word[i] >>> shift) & 0xffff;
    const counts = new Uint32Array(65537);
    for (let i = 0; i < n; i++) counts[key(i) + 1] += 1;
    for (let v = 1; v <= 65536; v++) counts[v] += counts[v - 1];
    const fill = counts.slice(0, 65536);
    const list = new Uint32Array(n);
    for (let i = 0; i < n; i++) list[fill[key(i)]++] = i;
    offsets.push(counts);
    entries.push(list);
  }
  return { rowid, hi, lo, offsets, entries, extra: [] };
};

export const createHashIndex = (db: Database.Database) => {
  const put = db.prepare(
    'INSERT OR REPLACE INTO image_hashes (sha256, frame, phash_hi, phash_lo, dhash, b0, b1, b2, b3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byRowid = db.prepare('SELECT rowid, sha256, frame, phash_hi AS phashHi, phash_lo AS phashLo, dhash FROM image_hashes WHERE rowid IN (SELECT value FROM json_each(?))');
  const bySha = db.prepare('SELECT sha256, frame, phash_hi AS phashHi, phash_lo AS phashLo, dhash FROM image_hashes WHERE sha256 = ? ORDER BY frame');
  let postings: Postings | null = null;

  const store = (h: StoredHash) => {
    const info = put.run(h.sha256, h.frame, h.phashHi, h.phashLo, h.dhash, ...bands(h.phashHi, h.phashLo));
    // A replaced row gets a new rowid; its old postings then point at nothing and are skipped.
    postings?.extra.push({ rowid: Number(info.lastInsertRowid), hi: h.phashHi, lo: h.phashLo });
    if (postings && postings.extra.length > 50_000) postings = null;
  };
  const load = (): Postings => (postings ??= build(db));

  return {
    add: (h: StoredHash) => store(h),
    addMany: (hs: StoredHash[]) => db.transaction(() => hs.forEach(store))(),
    of: (sha256: string): StoredHash[] => bySha.all(sha256) as StoredHash[],
    /** Loads the in-memory postings now (otherwise the first query does). */
    warm: () => void load(),
    /** Stored hashes within `maxDistance` bits of the query, nearest first. */
    query: (hi: number, lo: number, maxDistance: number): HashMatch[] => {
      const r = Math.min(MAX_QUERY_DISTANCE, Math.max(0, maxDistance));
      const p = load();
      const qb = bands(hi, lo);
      const hits = new Map<number, number>();
      const per = Math.floor(r / 4);
      for (let b = 0; b < 4; b++) {
        const off = p.offsets[b];
        const list = p.entries[b];
        for (const v of neighbours(qb[b], per)) {
          for (let k = off[v]; k < off[v + 1]; k++) {
            const i = list[k];
            const d = hamming(hi, lo, p.hi[i], p.lo[i]);
            if (d <= r) hits.set(p.rowid[i], d);
          }
        }
      }
      for (const e of p.extra) {
        const d = hamming(hi, lo, e.hi, e.lo);
        if (d <= r) hits.set(e.rowid, d);
      }
      if (hits.size === 0) return [];
      const rows = byRowid.all(JSON.stringify([...hits.keys()])) as (StoredHash & { rowid: number })[];
      return rows
        .filter((row) => hits.get(row.rowid) === hamming(hi, lo, row.phashHi, row.phashLo))
        .map(({ rowid, ...row }) => ({ ...row, distance: hits.get(rowid)! }))
        .sort((a, b) => a.distance - b.distance || a.sha256.localeCompare(b.sha256));
    },
  };
};
export type HashIndex = ReturnType<typeof createHashIndex>;
