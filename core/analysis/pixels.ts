import sharp from 'sharp';

// Pixel work: decoding, perceptual hashes and the forensic maps. Pure functions of a file's bytes, run in
// the analysis worker pool (core/analysis/pool.ts) so they never block core's main thread.

/** Refuse to decode anything larger: a decompression bomb is rejected from its header, before decoding. */
export const MAX_INPUT_PIXELS = 100_000_000;

export type Gray = { width: number; height: number; data: Float32Array };
export type ImageInput = string | Buffer;

const open = (input: ImageInput) => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', sequentialRead: true });

/** Header-only read: dimensions and format, without decoding pixels. */
export const imageHeader = async (input: ImageInput) => {
  const m = await sharp(input, { limitInputPixels: false }).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0, format: m.format ?? 'unknown', pages: m.pages ?? 1 };
};

export const assertDecodable = async (input: ImageInput): Promise<void> => {
  const h = await imageHeader(input);
  if (h.width * h.height > MAX_INPUT_PIXELS) {
    throw new Error(`The image says it is ${h.width} x ${h.height} pixels (${Math.round((h.width * h.height) / 1e6)} megapixels), more than the ${MAX_INPUT_PIXELS / 1e6} megapixel limit; it was not decoded (this is how decompression bombs look).`);
  }
};

export const grayPixels = async (input: ImageInput, maxSide?: number): Promise<Gray> => {
  let img = open(input).rotate().greyscale();
  if (maxSide) img = img.resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const out = new Float32Array(info.width * info.height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * info.channels];
  return { width: info.width, height: info.height, data: out };
};

// ---- perceptual hashes ----

const DCT32 = (() => {
  const n = 32;
  const t = new Float64Array(n * n);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) t[k * n + i] = Math.cos(((2 * i + 1) * k * Math.PI) / (2 * n));
  return t;
})();

export type ImageHashes = { phashHi: number; phashLo: number; dhash: string };

const bitsToHex = (bits: boolean[]): string => {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) hex += ((bits[i] ? 8 : 0) | (bits[i + 1] ? 4 : 0) | (bits[i + 2] ? 2 : 0) | (bits[i + 3] ? 1 : 0)).toString(16);
  return hex;
};

/** DCT pHash (64 bits: the 8x8 lowest frequencies of a 32x32 grey image against their median) and dHash. */
export const hashesOf = async (input: ImageInput): Promise<ImageHashes> => {
  const small = await open(input).rotate().greyscale().resize(32, 32, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();
  const px = new Float64Array(1024);
  for (let i = 0; i < 1024; i++) px[i] = small[i];
  const coef: number[] = [];
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < 32; y++) {
        const cy = DCT32[u * 32 + y];
        for (let x = 0; x < 32; x++) s += px[y * 32 + x] * cy * DCT32[v * 32 + x];
      }
      coef.push(s);
    }
  const median = [...coef.slice(1)].sort((a, b) => a - b)[31];
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    if (coef[i] > median) {
      if (i < 32) hi = (hi | (1 << (31 - i))) >>> 0;
      else lo = (lo | (1 << (63 - i))) >>> 0;
    }
  }
  const d = await open(input).rotate().greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits.push(d[y * 9 + x] < d[y * 9 + x + 1]);
  return { phashHi: hi, phashLo: lo, dhash: bitsToHex(bits) };
};

const popcount32 = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};
export const hamming = (aHi: number, aLo: number, bHi: number, bLo: number): number => popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
export const hexHamming = (a: string, b: string): number => {
  let d = 0;
  for (let i = 0; i < a.length; i += 8) d += popcount32((parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0);
  return d;
};

// ---- heatmaps ----

/** A blue-to-red heatmap PNG of per-cell values in [0, 1], scaled up to roughly the image's size. */
export const heatmapPng = async (values: Float32Array, cols: number, rows: number, width: number, height: number): Promise<Buffer> => {
  const rgb = Buffer.alloc(cols * rows * 3);
  for (let i = 0; i < cols * rows; i++) {
    const v = Math.max(0, Math.min(1, values[i]));
    rgb[i * 3] = Math.round(255 * Math.min(1, v * 2));
    rgb[i * 3 + 1] = Math.round(255 * (v < 0.5 ? v * 2 : 2 - v * 2) * 0.8);
    rgb[i * 3 + 2] = Math.round(255 * Math.max(0, 1 - v * 2));
  }
  return sharp(rgb, { raw: { width: cols, height: rows, channels: 3 } })
    .resize(Math.max(1, Math.min(width, 1024)), Math.max(1, Math.min(height, 1024)), { fit: 'fill', kernel: 'nearest' })
    .png()
    .toBuffer();
};

export type Hotspot = { x: number; y: number; width: number; height: number; value: number };
export type BlockMap = { cols: number; rows: number; cell: number; width: number; height: number; values: Float32Array };

const median = (xs: Float32Array | number[]): number => {
  const s = Array.from(xs).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/** Box mean over (2r+1)^2 cells: a pasted region spans many cells, a sharp edge only a few. */
export const smooth = (values: Float32Array, cols: number, rows: number, r: number): Float32Array => {
  if (r <= 0) return values;
  const out = new Float32Array(values.length);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < cols; x++) {
      let s = 0;
      let n = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(rows - 1, y + r); yy++)
        for (let xx = Math.max(0, x - r); xx <= Math.min(cols - 1, x + r); xx++) {
          s += values[yy * cols + xx];
          n += 1;
        }
      out[y * cols + x] = s / n;
    }
  return out;
};

/** Robust outlier cells (median + k * MAD) and the bounding box of the strongest connected group, in image pixels. */
export const outliers = (map: BlockMap, k = 6) => {
  const med = median(map.values);
  const mad = median(Array.from(map.values, (v) => Math.abs(v - med))) || 1e-6;
  const z = new Float32Array(map.values.length);
  for (let i = 0; i < z.length; i++) z[i] = (map.values[i] - med) / (1.4826 * mad);
  const hot = new Uint8Array(z.length);
  let count = 0;
  for (let i = 0; i < z.length; i++) {
    if (z[i] > k) {
      hot[i] = 1;
      count += 1;
    }
  }
  // largest 4-connected group of hot cells
  const seen = new Uint8Array(z.length);
  let best: { cells: number[]; sum: number } = { cells: [], sum: 0 };
  for (let i = 0; i < z.length; i++) {
    if (!hot[i] || seen[i]) continue;
    const stack = [i];
    const cells: number[] = [];
    let sum = 0;
    seen[i] = 1;
    while (stack.length) {
      const c = stack.pop()!;
      cells.push(c);
      sum += z[c];
      const cx = c % map.cols;
      const cy = Math.floor(c / map.cols);
      for (const [nx, ny] of [[cx - 1, cy], [cx + 1, cy], [cx, cy - 1], [cx, cy + 1]]) {
        if (nx < 0 || ny < 0 || nx >= map.cols || ny >= map.rows) continue;
        const n = ny * map.cols + nx;
        if (hot[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    if (sum > best.sum) best = { cells, sum };
  }
  let region: Hotspot | null = null;
  if (best.cells.length > 0) {
    const xs = best.cells.map((c) => c % map.cols);
    const ys = best.cells.map((c) => Math.floor(c / map.cols));
    const scaleX = map.width / map.cols;
    const scaleY = map.height / map.rows;
    const x0 = Math.min(...xs);
    const y0 = Math.min(...ys);
    region = { x: Math.round(x0 * scaleX), y: Math.round(y0 * scaleY), width: Math.round((Math.max(...xs) - x0 + 1) * scaleX), height: Math.round((Math.max(...ys) - y0 + 1) * scaleY), value: best.sum / best.cells.length };
  }
  return { fraction: count / z.length, hotCells: count, region, regionCells: best.cells.length, maxZ: Math.max(0, ...Array.from(z)) };
};

const normalise = (values: Float32Array): Float32Array => {
  let max = 0;
  for (const v of values) max = Math.max(max, v);
  return max > 0 ? values.map((v) => v / max) : values;
};

const CELL = 16;
/** Maps are smoothed over 5 x 5 cells (80 px) before outliers are sought. */
export const SMOOTH_RADIUS = 2;

/** Error level analysis: re-save as JPEG at a known quality and map the per-block difference. */
export const errorLevelMap = async (input: ImageInput, quality = 90): Promise<BlockMap & { heatmap: Buffer; meanError: number }> => {
  const base = open(input).rotate().removeAlpha().resize({ width: 1536, height: 1536, fit: 'inside', withoutEnlargement: true });
  const { data: original, info } = await base.clone().raw().toBuffer({ resolveWithObject: true });
  const resaved = await sharp(original, { raw: { width: info.width, height: info.height, channels: info.channels } }).jpeg({ quality, chromaSubsampling: '4:4:4' }).toBuffer();
  const again = await sharp(resaved).raw().toBuffer();
  const cols = Math.max(1, Math.floor(info.width / CELL));
  const rows = Math.max(1, Math.floor(info.height / CELL));
  const values = new Float32Array(cols * rows);
  let total = 0;
  for (let y = 0; y < rows * CELL; y++)
    for (let x = 0; x < cols * CELL; x++) {
      let d = 0;
      const o = (y * info.width + x) * info.channels;
      for (let c = 0; c < Math.min(3, info.channels); c++) d += Math.abs(original[o + c] - again[o + c]);
      values[Math.floor(y / CELL) * cols + Math.floor(x / CELL)] += d;
      total += d;
    }
  for (let i = 0; i < values.length; i++) values[i] /= CELL * CELL * 3;
  const smoothed = smooth(values, cols, rows, SMOOTH_RADIUS);
  const heatmap = await heatmapPng(normalise(smoothed.slice()), cols, rows, info.width, info.height);
  return { cols, rows, cell: CELL, width: info.width, height: info.height, values: smoothed, heatmap, meanError: total / (rows * CELL * cols * CELL * 3) };
};

/**
 * Noise residual: a Laplacian high-pass of the grey image; per block, the median absolute residual (robust to
 * the few pixels on an edge), smoothed over neighbouring blocks.
 */
export const noiseMap = async (input: ImageInput): Promise<BlockMap & { heatmap: Buffer }> => {
  const g = await grayPixels(input, 1536);
  const { width, height, data } = g;
  const cols = Math.max(1, Math.floor((width - 2) / CELL));
  const rows = Math.max(1, Math.floor((height - 2) / CELL));
  const values = new Float32Array(cols * rows);
  const cell = new Float32Array(CELL * CELL);
  for (let cy = 0; cy < rows; cy++)
    for (let cx = 0; cx < cols; cx++) {
      let n = 0;
      for (let y = 1 + cy * CELL; y < 1 + (cy + 1) * CELL; y++)
        for (let x = 1 + cx * CELL; x < 1 + (cx + 1) * CELL; x++) {
          const i = y * width + x;
          cell[n++] = Math.abs(4 * data[i] - data[i - 1] - data[i + 1] - data[i - width] - data[i + width]);
        }
      cell.sort();
      values[cy * cols + cx] = cell[n >> 1];
    }
  const smoothed = smooth(values, cols, rows, SMOOTH_RADIUS);
  const heatmap = await heatmapPng(normalise(smoothed.slice()), cols, rows, width, height);
  return { cols, rows, cell: CELL, width, height, values: smoothed, heatmap };
};

// ---- copy-move ----

export type CopyMoveResult = { shift: { dx: number; dy: number } | null; pairs: number; source: Hotspot | null; target: Hotspot | null; width: number; height: number; scale: number; heatmap: Buffer | null };

/**
 * Copy-move: 16x16 blocks on a 2-pixel grid described by 16 sub-block means (robust to re-compression and
 * small noise), sorted lexicographically; neighbours in that order that are nearly equal and far apart vote
 * for their shift vector. A region copied elsewhere shows as many pairs sharing one shift.
 */
export const copyMove = async (input: ImageInput, maxSide = 384): Promise<CopyMoveResult> => {
  const g = await grayPixels(input, maxSide);
  const { width, height, data } = g;
  const header = await imageHeader(input);
  const scale = header.width > 0 ? header.width / width : 1;
  const B = 16;
  const STEP = 2;
  const MIN_SHIFT = 24;
  type Block = { x: number; y: number; f: Int16Array };
  const blocks: Block[] = [];
  for (let y = 0; y + B <= height; y += STEP)
    for (let x = 0; x + B <= width; x += STEP) {
      const f = new Int16Array(16);
      let mean = 0;
      let varSum = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          let s = 0;
          for (let yy = 0; yy < 4; yy++) for (let xx = 0; xx < 4; xx++) s += data[(y + sy * 4 + yy) * width + x + sx * 4 + xx];
          f[sy * 4 + sx] = Math.round(s / 16);
          mean += s / 16;
        }
      mean /= 16;
      for (let i = 0; i < 16; i++) varSum += (f[i] - mean) ** 2;
      // Flat blocks (sky, walls) match everywhere and prove nothing.
      if (varSum / 16 < 60) continue;
      blocks.push({ x, y, f });
    }
  blocks.sort((a, b) => {
    for (let i = 0; i < 16; i++) {
      const d = (a.f[i] >> 2) - (b.f[i] >> 2);
      if (d !== 0) return d;
    }
    return 0;
  });
  const votes = new Map<string, { dx: number; dy: number; pairs: [Block, Block][] }>();
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < Math.min(blocks.length, i + 6); j++) {
      const a = blocks[i];
      const b = blocks[j];
      let dist = 0;
      for (let k = 0; k < 16; k++) dist += Math.abs(a.f[k] - b.f[k]);
      if (dist > 24) continue;
      // Each pair votes once, oriented so the shift points right (or down): source first, copy second.
      const flipped = b.x - a.x < 0 || (b.x === a.x && b.y < a.y);
      const [src, dst] = flipped ? [b, a] : [a, b];
      const dx = dst.x - src.x;
      const dy = dst.y - src.y;
      if (Math.hypot(dx, dy) < MIN_SHIFT) continue;
      // Nearby shifts (a pixel apart from grid rounding) vote together.
      const key = `${Math.round(dx / 2)},${Math.round(dy / 2)}`;
      const v = votes.get(key) ?? { dx, dy, pairs: [] };
      v.pairs.push([src, dst]);
      votes.set(key, v);
    }
  }
  let best: { dx: number; dy: number; pairs: [Block, Block][] } | null = null;
  for (const v of votes.values()) if (!best || v.pairs.length > best.pairs.length) best = v;
  const empty: CopyMoveResult = { shift: null, pairs: best?.pairs.length ?? 0, source: null, target: null, width, height, scale, heatmap: null };
  if (!best || best.pairs.length < 12) return empty;
  const box = (pts: Block[]): Hotspot => {
    const x0 = Math.min(...pts.map((p) => p.x));
    const y0 = Math.min(...pts.map((p) => p.y));
    return { x: x0, y: y0, width: Math.max(...pts.map((p) => p.x)) + B - x0, height: Math.max(...pts.map((p) => p.y)) + B - y0, value: pts.length };
  };
  const toImage = (h: Hotspot): Hotspot => ({ x: Math.round(h.x * scale), y: Math.round(h.y * scale), width: Math.round(h.width * scale), height: Math.round(h.height * scale), value: h.value });
  const source = toImage(box(best.pairs.map((p) => p[0])));
  const target = toImage(box(best.pairs.map((p) => p[1])));
  const cols = Math.ceil(width / 8);
  const rows = Math.ceil(height / 8);
  const values = new Float32Array(cols * rows);
  for (const [a, b] of best.pairs)
    for (const p of [a, b]) for (let yy = 0; yy < 2; yy++) for (let xx = 0; xx < 2; xx++) values[Math.min(rows - 1, Math.floor(p.y / 8) + yy) * cols + Math.min(cols - 1, Math.floor(p.x / 8) + xx)] = 1;
  const heatmap = await heatmapPng(values, cols, rows, width, height);
  return { shift: { dx: Math.round(best.dx * scale), dy: Math.round(best.dy * scale) }, pairs: best.pairs.length, source, target, width, height, scale, heatmap };
};

// ---- JPEG double compression (DCT histogram periodicity) ----

const DCT8 = (() => {
  const t = new Float64Array(64);
  for (let k = 0; k < 8; k++) for (let i = 0; i < 8; i++) t[k * 8 + i] = (k === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * i + 1) * k * Math.PI) / 16);
  return t;
})();

/**
 * Histograms of quantised luminance DCT coefficients, taken on the 8x8 grid of the decoded JPEG and divided
 * by the file's own quantisation step. A JPEG compressed once gives smooth, falling histograms; compressed
 * twice at different qualities, some bins are emptied or doubled periodically. Returns a periodicity score
 * in [0, 1] per coefficient and their median.
 */
export const doubleCompression = async (input: ImageInput, lumaTable: number[]): Promise<{ score: number; perCoefficient: { u: number; v: number; score: number }[] }> => {
  const { data, info } = await open(input).greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const positions = [
    [0, 1],
    [1, 0],
    [1, 1],
    [0, 2],
    [2, 0],
    [1, 2],
    [2, 1],
  ];
  const K = 16;
  const hist = positions.map(() => new Float64Array(K + 2));
  const bw = Math.floor(width / 8);
  const bh = Math.floor(height / 8);
  const maxBlocks = 20000;
  const stride = Math.max(1, Math.ceil((bw * bh) / maxBlocks));
  const block = new Float64Array(64);
  for (let b = 0; b < bw * bh; b += stride) {
    const bx = (b % bw) * 8;
    const by = Math.floor(b / bw) * 8;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) block[y * 8 + x] = data[((by + y) * width + bx + x) * channels] - 128;
    positions.forEach(([u, v], pi) => {
      let s = 0;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) s += block[y * 8 + x] * DCT8[u * 8 + y] * DCT8[v * 8 + x];
      const q = lumaTable[u * 8 + v] || 1;
      const k = Math.round(Math.abs(s) / q);
      if (k <= K + 1) hist[pi][k] += 1;
    });
  }
  const perCoefficient = positions.map(([u, v], pi) => {
    const h = hist[pi];
    // Roughness: how far each bin sits from the mean of its neighbours, relative to the mass. A single
    // compression's Laplacian histogram is smooth; double quantisation makes it zig-zag or leaves holes.
    let rough = 0;
    let mass = 0;
    for (let k = 2; k <= K; k++) {
      if (h[k - 1] + h[k + 1] < 20) continue;
      rough += Math.abs(h[k] - (h[k - 1] + h[k + 1]) / 2);
      mass += h[k];
    }
    return { u, v, score: mass > 50 ? Math.min(1, rough / mass) : 0 };
  });
  const scores = perCoefficient.map((p) => p.score).sort((a, b) => a - b);
  return { score: scores[Math.floor(scores.length / 2)], perCoefficient };
};
