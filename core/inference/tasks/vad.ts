import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import ort from 'onnxruntime-node';
import type { SpeechSegment, VadResult } from '../protocol.ts';

// Silero VAD v4 on 16 kHz mono audio. WAV (PCM 8/16/24/32-bit, float32) is decoded here; anything else is
// converted by ffmpeg to 16 kHz mono s16le on stdout.

export const SAMPLE_RATE = 16_000;
const WINDOW = 512;
const THRESHOLD = 0.5;
const NEG_THRESHOLD = 0.35;
const MIN_SPEECH = 0.25 * SAMPLE_RATE;
const MIN_SILENCE = 0.1 * SAMPLE_RATE;
const PAD = 0.03 * SAMPLE_RATE;
/** At most one hour of audio is analysed: beyond that the analysis is bounded, not the file. */
export const MAX_SECONDS = 3600;

/** ffmpeg from @ffmpeg-installer (or CASEBENCH_FFMPEG, e.g. Debian's /usr/bin/ffmpeg); null when neither exists. */
export const ffmpegPath = (): string | null => {
  const p = process.env.CASEBENCH_FFMPEG || (ffmpeg as { path?: string }).path;
  return p && existsSync(p) ? p : null;
};

export type DecodedAudio = { samples: Float32Array; sourceRate: number; channels: number; durationSeconds: number };

export const decodeWav = (buf: Buffer): DecodedAudio | null => {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let offset = 12;
  let format = 0, channels = 0, rate = 0, bits = 0;
  let data: Buffer | null = null;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = buf.subarray(offset + 8, Math.min(buf.length, offset + 8 + size));
    if (id === 'fmt ' && body.length >= 16) {
      format = body.readUInt16LE(0);
      channels = body.readUInt16LE(2);
      rate = body.readUInt32LE(4);
      bits = body.readUInt16LE(14);
      if (format === 0xfffe && body.length >= 26) format = body.readUInt16LE(24);
    } else if (id === 'data') {
      data = body;
    }
    offset += 8 + size + (size % 2);
  }
  if (!data || !channels || !rate || !((format === 1 && [8, 16, 24, 32].includes(bits)) || (format === 3 && bits === 32))) return null;
  const bytes = bits / 8;
  const frames = Math.min(Math.floor(data.length / (bytes * channels)), MAX_SECONDS * rate);
  const mono = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) {
      const o = (f * channels + c) * bytes;
      if (format === 3) sum += data.readFloatLE(o);
      else if (bits === 8) sum += (data[o] - 128) / 128;
      else if (bits === 16) sum += data.readInt16LE(o) / 32768;
      else if (bits === 24) sum += data.readIntLE(o, 3) / 8388608;
      else sum += data.readInt32LE(o) / 2147483648;
    }
    mono[f] = sum / channels;
  }
  return { samples: resample(mono, rate, SAMPLE_RATE), sourceRate: rate, channels, durationSeconds: Math.floor(data.length / (bytes * channels)) / rate };
};

export const resample = (input: Float32Array, from: number, to: number): Float32Array => {
  if (from === to) return input;
  const out = new Float32Array(Math.floor((input.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const pos = (i * from) / to;
    const j = Math.floor(pos);
    const frac = pos - j;
    out[i] = (input[j] ?? 0) * (1 - frac) + (input[j + 1] ?? input[j] ?? 0) * frac;
  }
  return out;
};

const decodeWithFfmpeg = (ffmpegPath: string, path: string, checkCancelled: () => boolean): Promise<DecodedAudio> =>
  new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-v', 'error', '-nostdin', '-i', path, '-t', String(MAX_SECONDS), '-vn', '-f', 's16le', '-ac', '1', '-ar', String(SAMPLE_RATE), 'pipe:1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    const timer = setInterval(() => checkCancelled() && child.kill('SIGKILL'), 100);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      if (checkCancelled()) return reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      if (code !== 0) return reject(new Error(`ffmpeg could not decode the audio: ${stderr.trim().split('\n').at(-1) ?? `exit ${code}`}`));
      const pcm = Buffer.concat(chunks);
      const samples = new Float32Array(Math.floor(pcm.length / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = pcm.readInt16LE(i * 2) / 32768;
      resolve({ samples, sourceRate: SAMPLE_RATE, channels: 1, durationSeconds: samples.length / SAMPLE_RATE });
    });
  });

/** Speech probability per window → segments, following silero-vad's get_speech_timestamps. */
export const speechSegments = (probs: Float32Array, totalSamples: number): SpeechSegment[] => {
  const segments: { start: number; end: number }[] = [];
  let triggered = false;
  let start = 0;
  let tempEnd = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i];
    const t = i * WINDOW;
    if (p >= THRESHOLD && tempEnd) tempEnd = 0;
    if (p >= THRESHOLD && !triggered) {
      triggered = true;
      start = t;
      continue;
    }
    if (p < NEG_THRESHOLD && triggered) {
      if (!tempEnd) tempEnd = t;
      if (t - tempEnd < MIN_SILENCE) continue;
      if (tempEnd - start >= MIN_SPEECH) segments.push({ start, end: tempEnd });
      triggered = false;
      tempEnd = 0;
    }
  }
  if (triggered && totalSamples - start >= MIN_SPEECH) segments.push({ start, end: totalSamples });
  return segments.map((s) => ({
    start: Math.round((Math.max(0, s.start - PAD) / SAMPLE_RATE) * 1000) / 1000,
    end: Math.round((Math.min(totalSamples, s.end + PAD) / SAMPLE_RATE) * 1000) / 1000,
  }));
};

export const detectSpeech = async (session: ort.InferenceSession, path: string, checkCancelled: () => void, isCancelled: () => boolean): Promise<VadResult> => {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
  } finally {
    await handle.close();
  }
  let audio: DecodedAudio | null = null;
  let decodedBy: VadResult['decodedBy'] = 'wav';
  if (head.toString('ascii', 0, 4) === 'RIFF' && head.toString('ascii', 8, 12) === 'WAVE') {
    audio = decodeWav(await readFile(path));
  }
  if (!audio) {
    const ffmpegBinary = ffmpegPath();
    if (!ffmpegBinary) throw new Error('this audio format needs ffmpeg, which is not installed (npm install @ffmpeg-installer/ffmpeg)');
    audio = await decodeWithFfmpeg(ffmpegBinary, path, isCancelled);
    decodedBy = 'ffmpeg';
  }
  checkCancelled();
  const { samples } = audio;
  const windows = Math.floor(samples.length / WINDOW);
  const probs = new Float32Array(windows);
  let h: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 64), [2, 1, 64]);
  let c: ort.Tensor = new ort.Tensor('float32', new Float32Array(2 * 64), [2, 1, 64]);
  const sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(SAMPLE_RATE)]), []);
  for (let w = 0; w < windows; w++) {
    if (w % 256 === 0) checkCancelled();
    const input = new ort.Tensor('float32', samples.slice(w * WINDOW, (w + 1) * WINDOW), [1, WINDOW]);
    const out = await session.run({ input, sr, h, c });
    probs[w] = (out.output.data as Float32Array)[0];
    h = out.hn;
    c = out.cn;
  }
  const segments = speechSegments(probs, samples.length);
  const analysed = samples.length / SAMPLE_RATE;
  const speechSeconds = segments.reduce((s, g) => s + (g.end - g.start), 0);
  return {
    durationSeconds: audio.durationSeconds,
    sampleRate: audio.sourceRate,
    channels: audio.channels,
    decodedBy,
    segments,
    speechSeconds: Math.round(speechSeconds * 1000) / 1000,
    speechRatio: analysed > 0 ? Math.min(1, speechSeconds / analysed) : 0,
  };
};
