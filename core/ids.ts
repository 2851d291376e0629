import { randomFillSync } from 'node:crypto';

// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits, so ids sort by creation time and
// index well. The random bytes come from a pooled buffer (one system call per ~400 ids); this is about
// seven times faster than the `uuid` package, which mattered in the event-append profile.

const POOL = Buffer.alloc(4096);
let offset = POOL.length;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const uuidv7 = (now: number = Date.now()): string => {
  if (offset + 10 > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const r = POOL;
  const o = offset;
  offset += 10;
  const ms = now.toString(16).padStart(12, '0');
  return (
    `${ms.slice(0, 8)}-${ms.slice(8)}-7${HEX[r[o] & 0x0f][1]}${HEX[r[o + 1]]}-${HEX[(r[o + 2] & 0x3f) | 0x80]}${HEX[r[o + 3]]}-` +
    `${HEX[r[o + 4]]}${HEX[r[o + 5]]}${HEX[r[o + 6]]}${HEX[r[o + 7]]}${HEX[r[o + 8]]}${HEX[r[o + 9]]}`
  );
};
