// JPEG header parsing done here rather than by a library, so it reads exactly what the file says: the
// quantisation tables (DQT) and where the scan starts. Only the bytes before the first scan are needed.

export type QuantTable = { id: number; precision: 8 | 16; /** In natural (row-major) order. */ values: number[] };
export type JpegHeader = { tables: QuantTable[]; width: number; height: number; progressive: boolean; software: string | null };

const ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63];

/** The IJG (libjpeg) example tables, Annex K of the JPEG standard, in natural order. */
export const IJG_LUMA = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];
export const IJG_CHROMA = [17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99];

/** libjpeg's jpeg_quality_scaling + table scaling (baseline: clamped to 1..255). */
export const ijgTable = (base: number[], quality: number): number[] => {
  const q = Math.max(1, Math.min(100, quality));
  const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
  return base.map((b) => Math.max(1, Math.min(255, Math.floor((b * scale + 50) / 100))));
};

export class JpegFormatError extends Error {}

export const parseJpegHeader = (bytes: Uint8Array): JpegHeader => {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new JpegFormatError('not a JPEG (no start-of-image marker)');
  const tables: QuantTable[] = [];
  let width = 0;
  let height = 0;
  let progressive = false;
  let software: string | null = null;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw new JpegFormatError(`the JPEG structure is broken at byte ${i} (expected a marker)`);
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0xd9) break;
    if (marker >= 0xd0 && marker <= 0xd7) {
      i += 2;
      continue;
    }
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2) throw new JpegFormatError(`a JPEG segment at byte ${i} has an impossible length`);
    const start = i + 4;
    const end = i + 2 + length;
    if (end > bytes.length) throw new JpegFormatError('the JPEG header is truncated');
    if (marker === 0xdb) {
      let p = start;
      while (p < end) {
        const pq = bytes[p] >> 4;
        const tq = bytes[p] & 0x0f;
        p += 1;
        const values = new Array<number>(64);
        for (let k = 0; k < 64; k++) {
          values[ZIGZAG[k]] = pq ? (bytes[p] << 8) | bytes[p + 1] : bytes[p];
          p += pq ? 2 : 1;
        }
        tables.push({ id: tq, precision: pq ? 16 : 8, values });
      }
    } else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      progressive = marker === 0xc2;
      height = (bytes[start + 1] << 8) | bytes[start + 2];
      width = (bytes[start + 3] << 8) | bytes[start + 4];
    } else if (marker === 0xfe) {
      software = Buffer.from(bytes.subarray(start, end)).toString('latin1').replace(/[^\x20-\x7e]/g, '').slice(0, 120) || null;
    } else if (marker === 0xda) {
      break;
    }
    i = end;
  }
  if (tables.length === 0) throw new JpegFormatError('the JPEG has no quantisation tables before its image data (truncated or damaged)');
  return { tables, width, height, progressive, software };
};

export type QualityEstimate = { quality: number; standard: boolean; meanAbsError: number };

/**
 * The IJG quality whose scaled table is closest to the file's luminance table. `standard` is true when some
 * quality reproduces the table exactly (and the chroma table too, when present): the file was last written
 * by libjpeg-style software at that quality.
 */
export const estimateQuality = (tables: QuantTable[]): QualityEstimate => {
  const luma = tables.find((t) => t.id === 0) ?? tables[0];
  const chroma = tables.find((t) => t.id === 1);
  let best: QualityEstimate = { quality: 0, standard: false, meanAbsError: Infinity };
  for (let q = 1; q <= 100; q++) {
    const ref = ijgTable(IJG_LUMA, q);
    let err = 0;
    for (let k = 0; k < 64; k++) err += Math.abs(ref[k] - luma.values[k]);
    err /= 64;
    if (err < best.meanAbsError) {
      const chromaExact = !chroma || ijgTable(IJG_CHROMA, q).every((v, k) => v === chroma.values[k]);
      best = { quality: q, standard: err === 0 && chromaExact, meanAbsError: err };
    }
  }
  return best;
};
