import { assertDecodable, copyMove, doubleCompression, errorLevelMap, hashesOf, noiseMap } from './pixels.ts';

// The pixel tasks the worker pool runs. Each takes plain data and returns plain data (structured-clone safe).
export const PIXEL_TASKS = {
  hashes: async (a: { path: string }) => {
    await assertDecodable(a.path);
    return hashesOf(a.path);
  },
  hashesOfBytes: (a: { bytes: Uint8Array }) => hashesOf(Buffer.from(a.bytes)),
  ela: async (a: { path: string; quality: number }) => {
    await assertDecodable(a.path);
    return errorLevelMap(a.path, a.quality);
  },
  noise: async (a: { path: string }) => {
    await assertDecodable(a.path);
    return noiseMap(a.path);
  },
  copyMove: async (a: { path: string }) => {
    await assertDecodable(a.path);
    return copyMove(a.path);
  },
  doubleCompression: async (a: { path: string; lumaTable: number[] }) => {
    await assertDecodable(a.path);
    return doubleCompression(a.path, a.lumaTable);
  },
} as const;

export type PixelTaskName = keyof typeof PIXEL_TASKS;
export type PixelTaskArgs<K extends PixelTaskName> = Parameters<(typeof PIXEL_TASKS)[K]>[0];
export type PixelTaskResult<K extends PixelTaskName> = Awaited<ReturnType<(typeof PIXEL_TASKS)[K]>>;
