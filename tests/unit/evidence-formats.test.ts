import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseWav } from '../../core/analysis/analyzers/media.ts';
import { parseMediaReport } from '../../core/analysis/ffmpeg.ts';
import { haversineKm } from '../../core/analysis/finding.ts';
import { IJG_LUMA, estimateQuality, ijgTable, parseJpegHeader } from '../../core/analysis/jpeg.ts';
import { createHashIndex } from '../../core/analysis/near-duplicates.ts';
import { hamming } from '../../core/analysis/pixels.ts';
import { migration } from '../../core/db/migrations/005_evidence.ts';
import { parseRange } from '../../core/evidence/http.ts';
import { extensionMismatch, sniffMediaType } from '../../core/evidence/sniff.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const box = (type: string, brand: string, compat: string[] = []) => {
  const body = bytes(type, brand, [0, 0, 0, 0], ...compat);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length + 4);
  return Buffer.concat([size, body]);
};

describe('media type sniffing reads the bytes, never the name', () => {
  const cases: [string, Buffer, string][] = [
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'image/png'],
    ['GIF', bytes('GIF89a'), 'image/gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['HEIC', box('ftyp', 'heic', ['mif1']), 'image/heic'],
    ['TIFF', bytes([0x49, 0x49, 0x2a, 0x00]), 'image/tiff'],
    ['MP4', box('ftyp', 'isom', ['iso2', 'avc1']), 'video/mp4'],
    ['MOV', box('ftyp', 'qt  '), 'video/quicktime'],
    ['M4A', box('ftyp', 'M4A ', ['isom']), 'audio/mp4'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3], [0x9f, 0x42, 0x82, 0x84], 'webm'), 'video/webm'],
    ['MKV', bytes([0x1a, 0x45, 0xdf, 0xa3], [0x9f, 0x42, 0x82, 0x88], 'matroska'), 'video/x-matroska'],
    ['AVI', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'video/x-msvideo'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['WAV', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), 'audio/wav'],
    ['MP3 (ID3)', bytes('ID3', [4, 0]), 'audio/mpeg'],
    ['MP3 (frame)', bytes([0xff, 0xfb, 0x90, 0x64]), 'audio/mpeg'],
    ['OGG', bytes('OggS'), 'audio/ogg'],
    ['FLAC', bytes('fLaC'), 'audio/flac'],
    ['DOCX', bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', bytes([0x50, 0x4b, 0x03, 0x04], '....xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['plain ZIP', bytes([0x50, 0x4b, 0x03, 0x04], 'notes.txt'), 'application/zip'],
    ['text', bytes('hello world'), 'application/octet-stream'],
    ['empty', Buffer.alloc(0), 'application/octet-stream'],
  ];
  for (const [name, head, type] of cases) it(`recognises ${name}`, () => expect(sniffMediaType(head).mediaType).toBe(type));

  it('flags an extension that names another type, and only then', () => {
    expect(extensionMismatch('damage.jpg', 'image/png')).toBe(true);
    expect(extensionMismatch('invoice.pdf', 'image/jpeg')).toBe(true);
    expect(extensionMismatch('DAMAGE.JPEG', 'image/jpeg')).toBe(false);
    expect(extensionMismatch('clip.mov', 'video/mp4')).toBe(false);
    expect(extensionMismatch('no-extension', 'image/jpeg')).toBe(false);
    expect(extensionMismatch('notes.xyz', 'image/jpeg')).toBe(false);
  });
});

describe('JPEG quantisation tables', () => {
  const dqtJpeg = (table: number[]) => {
    const zig = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63];
    return Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0x00, 67, 0x00, ...zig.map((i) => table[i]), 0xff, 0xda, 0, 2]);
  };
  it('reads a DQT segment and recovers the libjpeg quality exactly', () => {
    for (const q of [50, 75, 90, 95]) {
      const header = parseJpegHeader(dqtJpeg(ijgTable(IJG_LUMA, q)));
      expect(estimateQuality(header.tables)).toMatchObject({ quality: q, standard: true });
    }
  });
  it('says a camera-style table is not a standard one', () => {
    const custom = ijgTable(IJG_LUMA, 90).map((v, i) => (i % 7 === 3 ? v + 2 : v));
    expect(estimateQuality(parseJpegHeader(dqtJpeg(custom)).tables).standard).toBe(false);
  });
  it('refuses a file with no tables before its data, instead of guessing', () => {
    expect(() => parseJpegHeader(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toThrow(/no quantisation tables/);
    expect(() => parseJpegHeader(Buffer.from([0x89, 0x50]))).toThrow(/not a JPEG/);
  });
});

describe('near-duplicate index (multi-index hashing)', () => {
  const db = new Database(':memory:');
  db.exec(migration.sql);
  const index = createHashIndex(db);
  let seed = 7;
  const rand32 = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed;
  };
  const stored = Array.from({ length: 20_000 }, (_, i) => ({ sha256: `h${i}`, frame: -1, phashHi: rand32(), phashLo: rand32(), dhash: '0'.repeat(16) }));
  index.addMany(stored);
  const flip = (x: number, bits: number[]) => bits.reduce((v, b) => (v ^ (1 << b)) >>> 0, x);

  it('finds exactly what a linear scan finds, for every distance up to 11', () => {
    for (let t = 0; t < 30; t++) {
      const target = stored[t * 97];
      const d = t % 12;
      const bits = Array.from({ length: d }, (_, k) => (k * 13 + t) % 64);
      const uniq = [...new Set(bits)];
      const hi = flip(target.phashHi, uniq.filter((b) => b < 32));
      const lo = flip(target.phashLo, uniq.filter((b) => b >= 32).map((b) => b - 32));
      const got = index.query(hi, lo, 11).map((m) => m.sha256).sort();
      const expected = stored.filter((s) => hamming(hi, lo, s.phashHi, s.phashLo) <= 11).map((s) => s.sha256).sort();
      expect(got).toEqual(expected);
      expect(got).toContain(target.sha256);
    }
  });

  it('uses the band indexes rather than scanning the table', () => {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT sha256 FROM image_hashes WHERE b2 IN (SELECT value FROM json_each('[1,2]'))").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX image_hashes_b2/);
  });
});

describe('small parsers', () => {
  it('parses byte ranges as media elements send them', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=990-2000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange(undefined, 1000)).toBeNull();
  });

  it('reads a WAV header: duration from the data size, truncation when the file is short', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'latin1');
    header.writeUInt32LE(36 + 16000, 4);
    header.write('WAVEfmt ', 8, 'latin1');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'latin1');
    header.writeUInt32LE(16000, 40);
    expect(parseWav(header, 44 + 16000)).toMatchObject({ sampleRate: 8000, channels: 1, durationSeconds: 1, truncated: false });
    expect(parseWav(header, 44 + 8000)).toMatchObject({ durationSeconds: 0.5, truncated: true });
  });

  it("reads duration, codec and tags from ffmpeg's report", () => {
    const r = parseMediaReport(`Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':
  Metadata:
    major_brand     : isom
    creation_time   : 2026-03-02T17:45:00.000000Z
    encoder         : Lavf60.3.100
  Duration: 00:01:02.50, start: 0.000000, bitrate: 1000 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 1920x1080, 900 kb/s, 30 fps, 30 tbr
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s`);
    expect(r).toMatchObject({ durationSeconds: 62.5, video: { codec: 'h264', width: 1920, height: 1080, fps: 30 }, audio: { codec: 'aac', sampleRate: 48000, channels: 'stereo' }, problem: null });
    expect(r.tags.creation_time).toBe('2026-03-02T17:45:00.000000Z');
    expect(parseMediaReport('[mov,mp4 @ 0x1] moov atom not found\nx.mp4: Invalid data found when processing input').problem).toBe('moov atom not found');
  });

  it('measures great-circle distance in km', () => {
    expect(haversineKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeGreaterThan(340);
    expect(haversineKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeLessThan(345);
    expect(haversineKm(10, 10, 10, 10)).toBe(0);
  });
});
