import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/ids.ts';

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID carrying its creation time', () => {
    const id = uuidv7(Date.UTC(2026, 11, 1));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 1));
  });
  it('does not repeat across many ids and sorts by time across milliseconds', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => uuidv7(1_000_000 + Math.floor(i / 10)));
    expect(new Set(ids).size).toBe(ids.length);
    const firsts = ids.filter((_, i) => i % 10 === 0);
    expect([...firsts].sort()).toEqual(firsts);
  });
});
