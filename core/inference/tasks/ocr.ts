import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { OcrLine, OcrResult } from '../protocol.ts';

// PaddleOCR PP-OCRv4 on onnxruntime: DB text detection, then CTC recognition of each detected region, with
// PaddleOCR's own preprocessing constants (BGR input, ImageNet mean/std for detection, [-1,1] for
// recognition). Regions are axis-aligned boxes, which suits scans, screenshots and plates seen head-on.

const DET_LIMIT = 960;
const DET_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
const MIN_SIDE = 3;
const REC_HEIGHT = 48;
const REC_MIN_WIDTH = 320;
const REC_MAX_WIDTH = 48 * 40;
const DROP_SCORE = 0.5;
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

type Box = { x0: number; y0: number; x1: number; y1: number; score: number };

/** Connected regions of the thresholded probability map, scored by their mean probability (DB post-process). */
export const dbBoxes = (prob: Float32Array, width: number, height: number): Box[] => {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: Box[] = [];
  let next = 0;
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] || prob[start] <= DET_THRESHOLD) continue;
    next++;
    let top = 0;
    stack[top++] = start;
    labels[start] = next;
    let x0 = width, y0 = height, x1 = 0, y1 = 0;
    while (top) {
      const p = stack[--top];
      const x = p % width;
      const y = (p - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (!labels[q] && prob[q] > DET_THRESHOLD) {
            labels[q] = next;
            stack[top++] = q;
          }
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (Math.min(w, h) < MIN_SIDE) continue;
    let sum = 0;
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) sum += prob[y * width + x];
    const score = sum / (w * h);
    if (score < BOX_THRESHOLD) continue;
    // DB shrinks text regions during training; grow them back by area * ratio / perimeter.
    const d = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    boxes.push({ x0: x0 - d, y0: y0 - d, x1: x1 + 1 + d, y1: y1 + 1 + d, score });
  }
  return boxes;
};

export const ctcDecode = (probs: Float32Array, steps: number, classes: number, dictionary: string[]): { text: string; confidence: number } => {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = probs[t * classes + c];
      if (v > bestP) {
        bestP = v;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best - 1] ?? '';
      sum += bestP;
      count++;
    }
    previous = best;
  }
  return { text, confidence: count ? sum / count : 0 };
};

const bgrPlanes = (rgb: Uint8Array, plane: number, norm: (v: number, channel: number) => number, out: Float32Array, stride: number, width: number, rowWidth: number) => {
  // out is CHW with planes of `stride` pixels; rgb rows are `width` wide and land in rows `rowWidth` wide.
  const rows = plane / width;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const o = y * rowWidth + x;
      out[o] = norm(rgb[p + 2], 0);
      out[stride + o] = norm(rgb[p + 1], 1);
      out[2 * stride + o] = norm(rgb[p], 2);
    }
  }
};

export const recogniseText = async (
  det: ort.InferenceSession,
  rec: ort.InferenceSession,
  dictionary: string[],
  path: string,
  checkCancelled: () => void,
): Promise<OcrResult> => {
  const { data: rgb, info } = await sharp(path, { limitInputPixels: 100_000_000 }).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const ratio = Math.min(1, DET_LIMIT / Math.max(width, height));
  const dw = Math.max(32, Math.round((width * ratio) / 32) * 32);
  const dh = Math.max(32, Math.round((height * ratio) / 32) * 32);
  const resized = await sharp(rgb, { raw: { width, height, channels: 3 } }).resize(dw, dh, { fit: 'fill' }).raw().toBuffer();
  const detInput = new Float32Array(3 * dw * dh);
  bgrPlanes(resized, dw * dh, (v, c) => (v / 255 - MEAN[c]) / STD[c], detInput, dw * dh, dw, dw);
  const t0 = performance.now();
  const detOut = await det.run({ [det.inputNames[0]]: new ort.Tensor('float32', detInput, [1, 3, dh, dw]) });
  const prob = detOut[det.outputNames[0]].data as Float32Array;
  const detectMs = performance.now() - t0;
  checkCancelled();

  const sx = width / dw;
  const sy = height / dh;
  const boxes = dbBoxes(prob, dw, dh)
    .map((b) => {
      const x = Math.max(0, Math.floor(b.x0 * sx));
      const y = Math.max(0, Math.floor(b.y0 * sy));
      return { x, y, width: Math.min(width, Math.ceil(b.x1 * sx)) - x, height: Math.min(height, Math.ceil(b.y1 * sy)) - y };
    })
    .filter((b) => b.width >= MIN_SIDE && b.height >= MIN_SIDE)
    .sort((a, b) => a.y - b.y || a.x - b.x);

  const t1 = performance.now();
  const lines: OcrLine[] = [];
  for (const box of boxes) {
    checkCancelled();
    const rw = Math.min(REC_MAX_WIDTH, Math.max(1, Math.ceil((REC_HEIGHT * box.width) / box.height)));
    const crop = await sharp(rgb, { raw: { width, height, channels: 3 } }).extract({ left: box.x, top: box.y, width: box.width, height: box.height }).resize(rw, REC_HEIGHT, { fit: 'fill' }).raw().toBuffer();
    const inputWidth = Math.max(REC_MIN_WIDTH, rw);
    const x = new Float32Array(3 * REC_HEIGHT * inputWidth); // zero = mid grey after normalisation, as PaddleOCR pads
    bgrPlanes(crop, rw * REC_HEIGHT, (v) => (v / 255 - 0.5) / 0.5, x, REC_HEIGHT * inputWidth, rw, inputWidth);
    const out = await rec.run({ [rec.inputNames[0]]: new ort.Tensor('float32', x, [1, 3, REC_HEIGHT, inputWidth]) });
    const tensor = out[rec.outputNames[0]];
    const [, steps, classes] = tensor.dims;
    const decoded = ctcDecode(tensor.data as Float32Array, steps, classes, dictionary);
    const text = decoded.text.trim();
    if (text && decoded.confidence >= DROP_SCORE) lines.push({ text, confidence: decoded.confidence, box });
  }
  const recogniseMs = performance.now() - t1;
  return { width, height, lines, text: joinLines(lines), detectMs, recogniseMs };
};

/** Reading order: regions whose vertical centres are within half a line height form one row, left to right. */
export const joinLines = (lines: OcrLine[]): string => {
  const rows: OcrLine[][] = [];
  for (const line of [...lines].sort((a, b) => a.box.y + a.box.height / 2 - (b.box.y + b.box.height / 2))) {
    const centre = line.box.y + line.box.height / 2;
    const row = rows.find((r) => Math.abs(r[0].box.y + r[0].box.height / 2 - centre) < Math.min(r[0].box.height, line.box.height) / 2);
    if (row) row.push(line);
    else rows.push([line]);
  }
  return rows.map((r) => r.sort((a, b) => a.box.x - b.box.x).map((l) => l.text).join(' ')).join('\n');
};
