import type Database from 'better-sqlite3';
import { hamming } from './pixels.ts';

// The near-duplicate index: every image's (and video keyframe's) 64-bit pHash, split into four 16-bit bands
// in indexed columns. Two hashes within Hamming distance r share at least one band within floor(r/4) bits
// (pigeonhole), so a query probes each band's index with the values that close to its own band and checks
// only those candidates, instead of scanning every stored hash.

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

export const createHashIndex = (db: Database.Database) => {
  const put = db.prepare(
    'INSERT OR REPLACE INTO image_hashes (sha256, frame, phash_hi, phash_lo, dhash, b0, b1, b2, b3) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const band = [0, 1, 2, 3].map((b) =>
    db.prepare(`SELECT sha256, frame, phash_hi AS phashHi, phash_lo AS phashLo, dhash FROM image_hashes WHERE b${b} IN (SELECT value FROM json_each(?))`),
  );
  const bySha = db.prepare('SELECT sha256, frame, phash_hi AS phashHi, phash_lo AS phashLo, dhash FROM image_hashes WHERE sha256 = ? ORDER BY frame');

  return {
    add: (h: StoredHash) => put.run(h.sha256, h.frame, h.phashHi, h.phashLo, h.dhash, ...bands(h.phashHi, h.phashLo)),
    addMany: (hs: StoredHash[]) =>
      db.transaction(() => {
        for (const h of hs) put.run(h.sha256, h.frame, h.phashHi, h.phashLo, h.dhash, ...bands(h.phashHi, h.phashLo));
      })(),
    of: (sha256: string): StoredHash[] => bySha.all(sha256) as StoredHash[],
    /** Stored hashes within `maxDistance` bits of the query, nearest first. */
    query: (hi: number, lo: number, maxDistance: number): HashMatch[] => {
      const r = Math.min(MAX_QUERY_DISTANCE, Math.max(0, maxDistance));
      const per = Math.floor(r / 4);
      const qb = bands(hi, lo);
      const seen = new Set<string>();
      const out: HashMatch[] = [];
      for (let b = 0; b < 4; b++) {
        for (const row of band[b].all(JSON.stringify(neighbours(qb[b], per))) as StoredHash[]) {
          const key = `${row.sha256}:${row.frame}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const distance = hamming(hi, lo, row.phashHi, row.phashLo);
          if (distance <= r) out.push({ ...row, distance });
        }
      }
      return out.sort((a, b) => a.distance - b.distance);
    },
  };
};
export type HashIndex = ReturnType<typeof createHashIndex>;
