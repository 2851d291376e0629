// Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, so events stay ordered
// on a device whose clock stalls or steps back, and merge deterministically across devices.
// Encoded as a fixed-width string so that string order is clock order.

export type Hlc = { wall: number; counter: number };

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;

export const formatHlc = (h: Hlc): string =>
  `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}`;

export const parseHlc = (s: string): Hlc => {
  const m = /^(\d{15})-(\d{6})$/.exec(s);
  if (!m) throw new Error(`not a clock value: ${s}`);
  return { wall: Number(m[1]), counter: Number(m[2]) };
};

/** The next local timestamp after `last`, given the wall clock now. */
export const tickHlc = (last: Hlc, now: number): Hlc =>
  now > last.wall ? { wall: now, counter: 0 } : { wall: last.wall, counter: last.counter + 1 };

/** The local clock after receiving a remote timestamp. */
export const receiveHlc = (last: Hlc, remote: Hlc, now: number): Hlc => {
  const wall = Math.max(last.wall, remote.wall, now);
  if (wall === last.wall && wall === remote.wall) return { wall, counter: Math.max(last.counter, remote.counter) + 1 };
  if (wall === last.wall) return { wall, counter: last.counter + 1 };
  if (wall === remote.wall) return { wall, counter: remote.counter + 1 };
  return { wall, counter: 0 };
};

export const hlcToIso = (s: string): string => new Date(parseHlc(s).wall).toISOString();
