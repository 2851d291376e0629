import { describe, expect, it } from 'vitest';
import { ctcDecode, dbBoxes, joinLines } from '../../core/inference/tasks/ocr.ts';
import { decodeWav, resample, speechSegments } from '../../core/inference/tasks/vad.ts';
import { decodeYunet, nms } from '../../core/inference/tasks/yunet.ts';

const wav = (samples: Int16Array, rate: number, channels: number): Buffer => {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
};

describe('OCR post-processing', () => {
  it('greedy CTC decoding drops blanks and repeats, and keeps a doubled letter split by a blank', () => {
    const dict = ['A', 'B', 'L'];
    // steps: A A blank L blank L B  → "ALLB"
    const seq = [1, 1, 0, 3, 0, 3, 2];
    const probs = new Float32Array(seq.length * 4);
    seq.forEach((c, t) => (probs[t * 4 + c] = 0.9));
    expect(ctcDecode(probs, seq.length, 4, dict)).toEqual({ text: 'ALLB', confidence: expect.closeTo(0.9, 5) });
  });

  it('DB post-processing turns each confident region into one enlarged box and ignores faint ones', () => {
    const w = 40;
    const h = 20;
    const prob = new Float32Array(w * h);
    for (let y = 5; y < 10; y++) for (let x = 4; x < 24; x++) prob[y * w + x] = 0.9; // a word
    for (let y = 14; y < 18; y++) for (let x = 30; x < 36; x++) prob[y * w + x] = 0.4; // above 0.3 but scores < 0.6
    const boxes = dbBoxes(prob, w, h);
    expect(boxes).toHaveLength(1);
    const d = (20 * 5 * 1.5) / (2 * 25);
    expect(boxes[0]).toMatchObject({ x0: 4 - d, y0: 5 - d, x1: 24 + d, y1: 10 + d });
  });

  it('joins regions into lines in reading order', () => {
    const line = (text: string, x: number, y: number) => ({ text, confidence: 1, box: { x, y, width: 50, height: 20 } });
    expect(joinLines([line('world', 60, 2), line('second', 0, 40), line('hello', 0, 0)])).toBe('hello world\nsecond');
  });
});

describe('YuNet post-processing', () => {
  it('decodes a prior at stride 8 into a box and landmarks in pixels', () => {
    const W = 32;
    const H = 32;
    const out: Record<string, { data: Float32Array }> = {};
    for (const s of [8, 16, 32]) {
      const n = (W / s) * (H / s);
      out[`cls_${s}`] = { data: new Float32Array(n) };
      out[`obj_${s}`] = { data: new Float32Array(n) };
      out[`bbox_${s}`] = { data: new Float32Array(n * 4) };
      out[`kps_${s}`] = { data: new Float32Array(n * 10) };
    }
    const i = 1 * 4 + 2; // row 1, column 2 of the 4x4 stride-8 grid
    out.cls_8.data[i] = 0.81;
    out.obj_8.data[i] = 1;
    out.bbox_8.data.set([0.5, 0.5, Math.log(2), Math.log(3)], i * 4);
    out.kps_8.data.set([0, 0, 1, 0, 0.5, 0.5, 0, 1, 1, 1], i * 10);
    const [face, ...rest] = decodeYunet(out, W, H, { scoreThreshold: 0.5, nmsThreshold: 0.3, maxSide: 640 });
    expect(rest).toEqual([]);
    expect(face.score).toBeCloseTo(0.9, 5);
    expect(face.x).toBeCloseTo(20 - 8, 5);
    expect(face.y).toBeCloseTo(12 - 12, 5);
    expect(face.width).toBeCloseTo(16, 5);
    expect(face.height).toBeCloseTo(24, 5);
    expect(face.landmarks[0]).toEqual([16, 8]);
    expect(face.landmarks[2]).toEqual([20, 12]);
  });

  it('non-maximum suppression keeps the best of overlapping boxes and separate faces', () => {
    const box = (x: number, score: number) => ({ x, y: 0, width: 10, height: 10, score, landmarks: [] });
    expect(nms([box(0, 0.8), box(1, 0.95), box(50, 0.7)], 0.3).map((b) => b.score)).toEqual([0.95, 0.7]);
  });
});

describe('audio decoding and speech segments', () => {
  it('decodes 16-bit stereo WAV to mono and resamples to 16 kHz', () => {
    const frames = 8000; // 1 s at 8 kHz
    const s = new Int16Array(frames * 2);
    for (let f = 0; f < frames; f++) {
      s[f * 2] = 16384;
      s[f * 2 + 1] = 0;
    }
    const audio = decodeWav(wav(s, 8000, 2));
    expect(audio).not.toBeNull();
    expect(audio!.durationSeconds).toBe(1);
    expect(audio!.channels).toBe(2);
    expect(audio!.samples.length).toBe(16000);
    expect(audio!.samples[100]).toBeCloseTo(0.25, 5);
    expect(decodeWav(Buffer.from('not a wav file at all'))).toBeNull();
    expect(resample(new Float32Array([0, 1]), 1, 2)).toEqual(new Float32Array([0, 0.5, 1, 1]));
  });

  it('turns speech probabilities into padded segments and drops short blips', () => {
    const windows = 100; // 512 samples each = 3.2 s
    const probs = new Float32Array(windows);
    for (let i = 10; i < 40; i++) probs[i] = 0.9; // ~0.96 s of speech
    probs[70] = 0.9; // one 32 ms blip
    const segments = speechSegments(probs, windows * 512);
    expect(segments).toHaveLength(1);
    expect(segments[0].start).toBeCloseTo((10 * 512 - 480) / 16000, 3);
    expect(segments[0].end).toBeCloseTo((40 * 512 + 480) / 16000, 3);
  });
});
