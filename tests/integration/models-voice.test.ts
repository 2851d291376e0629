import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterAll, describe, expect, it } from 'vitest';
import { modelRegistry, stopInferenceWorker } from '../../core/inference/registry.ts';
import { voiceAnalyzer } from '../../core/inference/voice.ts';
import { analysisInput, tempFolder } from './models-fixtures.ts';
import { pcmWav } from '../helpers/wav.ts';

const RATE = 16_000;
const wav = (s: Float32Array): Buffer => pcmWav(s, RATE);
const concat = (...parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const silence = (seconds: number) => new Float32Array(Math.round(seconds * RATE));
const tone = (seconds: number) => Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE));

/**
 * Voiced syllables from a formant synthesiser (a 120 Hz glottal pulse train through three vowel resonators,
 * four syllables a second): speech-like enough for a VAD, and deterministic. Not real speech.
 */
const syllables = (seconds: number) => {
  const vowels = [[730, 1090, 2440], [270, 2290, 3010], [300, 870, 2240], [530, 1840, 2480], [570, 840, 2410]];
  const n = Math.round(seconds * RATE);
  const out = new Float32Array(n);
  const state = vowels.map(() => [0, 0, 0].map(() => ({ y1: 0, y2: 0 })));
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const syllable = Math.floor(t * 4) % vowels.length;
    phase += (120 + 20 * Math.sin(2 * Math.PI * 0.7 * t)) / RATE;
    let source = 0;
    if (phase >= 1) {
      phase -= 1;
      source = 1;
    }
    let y = 0;
    for (let k = 0; k < 3; k++) {
      const r = Math.exp((-Math.PI * (80 + 40 * k)) / RATE);
      const c = 2 * r * Math.cos((2 * Math.PI * vowels[syllable][k]) / RATE);
      const s = state[syllable][k];
      const out = source + c * s.y1 - r * r * s.y2;
      s.y2 = s.y1;
      s.y1 = out;
      y += out / (k + 1);
    }
    out[i] = y * Math.pow(Math.sin(Math.PI * ((t * 4) % 1)), 0.6);
  }
  const peak = out.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return out.map((v) => (v / peak) * 0.5);
};

type VoiceData = { segments: { start: number; end: number }[]; speechRatio: number; durationSeconds: number; decodedBy: string };
const ffmpegPath = existsSync(ffmpeg.path) ? ffmpeg.path : null;
const espeak = spawnSync('which', ['espeak-ng']).status === 0;
if (!espeak) process.stderr.write('models-voice: espeak-ng is not installed, so the real-speech case is skipped; formant-synthesised syllables stand in for speech\n');

describe.skipIf(modelRegistry().unavailable('silero-vad') !== null)('voice activity with Silero VAD', () => {
  const tmp = tempFolder('voice');
  afterAll(async () => {
    await stopInferenceWorker();
    tmp.cleanup();
  });

  it('finds no speech in silence with a tone burst', async () => {
    const path = join(tmp.dir, 'tone.wav');
    writeFileSync(path, wav(concat(silence(1), tone(1), silence(1))));
    const [f] = await voiceAnalyzer.run(analysisInput(path, 'audio', 'audio/wav').input);
    expect(f).toMatchObject({ analyzerId: 'voice-activity', label: 'voice.no-speech', modelId: 'silero-vad', data: { segments: [], speechRatio: 0, durationSeconds: 3, decodedBy: 'wav' } });
  });

  it('finds the voiced stretch between two silences and its share of the recording', async () => {
    const path = join(tmp.dir, 'voiced.wav');
    writeFileSync(path, wav(concat(silence(1), syllables(2), silence(1))));
    const [f] = await voiceAnalyzer.run(analysisInput(path, 'audio', 'audio/wav').input);
    expect(f.label).toBe('voice.speech');
    const data = f.data as VoiceData;
    expect(data.segments).toHaveLength(1);
    expect(data.segments[0].start).toBeGreaterThan(0.8);
    expect(data.segments[0].start).toBeLessThan(1.3);
    expect(data.segments[0].end).toBeGreaterThan(2.7);
    expect(data.segments[0].end).toBeLessThan(3.3);
    expect(data.speechRatio).toBeGreaterThan(0.4);
    expect(data.speechRatio).toBeLessThan(0.6);
  });

  it.skipIf(!ffmpegPath)('decodes other formats through ffmpeg to 16 kHz mono', async () => {
    const source = join(tmp.dir, 'voiced-44k.wav');
    const flac = join(tmp.dir, 'voiced.flac');
    writeFileSync(source, wav(concat(silence(1), syllables(2), silence(1))));
    execFileSync(ffmpegPath!, ['-v', 'error', '-y', '-i', source, '-ar', '44100', '-ac', '2', flac]);
    const [f] = await voiceAnalyzer.run(analysisInput(flac, 'audio', 'audio/flac').input);
    const data = f.data as VoiceData;
    expect(data.decodedBy).toBe('ffmpeg');
    expect(data.durationSeconds).toBeCloseTo(4, 1);
    expect(data.segments).toHaveLength(1);
    expect(data.segments[0].start).toBeGreaterThan(0.8);
  });

  it.skipIf(!ffmpegPath)('says a video has no sound track rather than failing', async () => {
    const video = join(tmp.dir, 'silent.mp4');
    execFileSync(ffmpegPath!, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '1', '-pix_fmt', 'yuv420p', video]);
    const [f] = await voiceAnalyzer.run(analysisInput(video, 'video', 'video/mp4').input);
    expect(f).toMatchObject({ label: 'voice.no-audio-track', severity: 'info' });
  });

  it.skipIf(!espeak)('finds real speech made by espeak-ng', async () => {
    const path = join(tmp.dir, 'speech.wav');
    execFileSync('espeak-ng', ['-w', path, 'The car was parked on Harbour Road when the other driver hit it.']);
    const [f] = await voiceAnalyzer.run(analysisInput(path, 'audio', 'audio/wav').input);
    expect(f.label).toBe('voice.speech');
    expect((f.data as VoiceData).speechRatio).toBeGreaterThan(0.5);
  });
});
