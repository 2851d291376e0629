import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingView } from '../../common/calls/evidence.ts';
import { ffmpegPath } from '../../core/analysis/ffmpeg.ts';
import { auditDataFolder } from '../../core/events/verify.ts';
import { artifactPath } from '../../core/evidence/store.ts';
import { bombPng, cloneRegion, decodeRaw, paste, photoJpeg, rawImage, scenePixels, withExifThumbnail } from '../helpers/evidence-fixtures.ts';
import { claimDraft, withWorkspace } from '../helpers/workspace.ts';
import { pcmWav, toneSamples } from '../helpers/wav.ts';

// Each analyzer must find what was planted in fixtures made here, and stay quiet on clean controls.

const FORENSICS = ['reuse', 'metadata', 'ela', 'jpeg', 'noise', 'copy-move'];

describe('evidence analysis', () => {
  const env = withWorkspace();
  const { ws, dir } = env;
  const files = join(dir, 'fixtures');
  let caseA = '';
  let caseB = '';
  let caseC = '';
  const ids: Record<string, string> = {};
  const SPLICE = { x: 400, y: 260, width: 128, height: 128 };

  const add = async (caseId: string, name: string, bytes: Buffer) => {
    writeFileSync(join(files, name), bytes);
    const r = await ws.evidence.ingest(caseId, [join(files, name)], 'picker');
    expect(r.items[0].ok, r.items[0].error).toBe(true);
    ids[name] = r.items[0].evidenceId!;
  };
  const analyse = async (input: { caseId?: string; evidenceId?: string }, analyzers = FORENSICS) => {
    const job = await ws.jobs.wait(ws.analysis.start({ ...input, analyzers }));
    expect(job.state, job.error ?? '').toBe('done');
    return job;
  };
  const findings = (name: string): FindingView[] => ws.analysis.findings(ids[name]);
  const labels = (name: string) => findings(name).map((f) => f.label);
  const one = (name: string, label: string) => findings(name).find((f) => f.label === label);

  beforeAll(async () => {
    mkdirSync(files, { recursive: true });
    caseA = ws.cases.createClaim(claimDraft({ incident: { ...claimDraft().incident, occurredAt: '2026-03-02T17:40', latitude: 51.5074, longitude: -0.1278 } })).id;
    caseB = ws.cases.createClaim(claimDraft({ incident: { ...claimDraft().incident, occurredAt: '2026-03-02T17:40', latitude: 51.5074, longitude: -0.1278 } })).id;
    caseC = ws.cases.createClaim(claimDraft()).id;
    const original = await photoJpeg(21);
    await add(caseA, 'original.jpg', original);
    await analyse({ caseId: caseA }, ['reuse']);

    await add(caseB, 'resaved.jpg', await sharp(original).jpeg({ quality: 60 }).toBuffer());
    await add(caseB, 'cropped.jpg', await sharp(original).extract({ left: 32, top: 24, width: 576, height: 432 }).jpeg({ quality: 85 }).toBuffer());
    await add(caseB, 'resized.jpg', await sharp(original).resize(400).jpeg({ quality: 85 }).toBuffer());
    await add(caseB, 'edited.jpg', await sharp(original).modulate({ brightness: 1.08, saturation: 1.15 }).jpeg({ quality: 85 }).toBuffer());
    await add(caseB, 'unrelated.jpg', await photoJpeg(22));

    const base = await decodeRaw(await rawImage(await scenePixels(1)).jpeg({ quality: 60 }).toBuffer());
    const source = await scenePixels(101, 640, 480, 8);
    const patch = Buffer.alloc(SPLICE.width * SPLICE.height * 3);
    for (let y = 0; y < SPLICE.height; y++) source.copy(patch, y * SPLICE.width * 3, (y * 640 + 100) * 3, (y * 640 + 100 + SPLICE.width) * 3);
    await add(caseC, 'spliced.jpg', await rawImage(paste(base, patch, SPLICE.width, SPLICE.height, SPLICE.x, SPLICE.y)).jpeg({ quality: 92 }).toBuffer());
    await add(caseC, 'clean.jpg', await photoJpeg(23, 92));
    const scene = await scenePixels(4);
    await add(caseC, 'cloned.jpg', await rawImage(cloneRegion(scene, 100, 100, 96, 80, 260, 150)).jpeg({ quality: 90 }).toBuffer());
    await add(caseC, 'double.jpg', await sharp(await rawImage(await scenePixels(5)).jpeg({ quality: 60 }).toBuffer()).jpeg({ quality: 90 }).toBuffer());
    await add(caseB, 'exif-before.jpg', await rawImage(await scenePixels(6)).withExif({ IFD0: { Make: 'Canon', Model: 'EOS 80D', Software: 'Adobe Photoshop 25.0' }, IFD2: { DateTimeOriginal: '2026:02:10 09:00:00' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' } }).jpeg({ quality: 90 }).toBuffer());
    await add(caseB, 'exif-ok.jpg', await rawImage(await scenePixels(7)).withExif({ IFD0: { Make: 'Apple', Model: 'iPhone 13' }, IFD2: { DateTimeOriginal: '2026:03:02 18:05:00' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3000/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3000/100' } }).jpeg({ quality: 90 }).toBuffer());
    const shown = await photoJpeg(24);
    await add(caseB, 'thumb-differs.jpg', withExifThumbnail(shown, await sharp(await photoJpeg(25)).resize(160, 120).jpeg({ quality: 70 }).toBuffer()));
    await add(caseB, 'thumb-same.jpg', withExifThumbnail(await photoJpeg(26), await sharp(await photoJpeg(26)).resize(160, 120).jpeg({ quality: 70 }).toBuffer()));
    await analyse({ caseId: caseB });
    await analyse({ caseId: caseC }, ['ela', 'jpeg', 'noise', 'copy-move']);
  });
  afterAll(() => env.cleanup());

  it('finds the same photo re-saved, cropped, resized and lightly edited in another case, naming it', () => {
    const caseANumber = ws.cases.get(caseA).number;
    for (const name of ['resaved.jpg', 'cropped.jpg', 'resized.jpg', 'edited.jpg']) {
      const f = findings(name).find((x) => x.label === 'reuse.near-duplicate' && x.data?.otherCaseId === caseA);
      expect(f, name).toBeDefined();
      expect(f).toMatchObject({ severity: 'alert', data: { otherEvidenceId: ids['original.jpg'], otherCaseId: caseA, otherCaseNumber: caseANumber } });
      expect(f!.explanation).toContain(caseANumber);
      expect(f!.data!.phashDistance as number).toBeLessThanOrEqual(10);
    }
    expect(labels('unrelated.jpg')).toContain('reuse.no-match');
    expect(labels('unrelated.jpg')).not.toContain('reuse.near-duplicate');
    // the side-by-side call sees the pair from both ends
    expect(ws.evidence.similar(ids['original.jpg'], 10).map((s) => s.evidenceId)).toEqual(expect.arrayContaining([ids['resaved.jpg'], ids['cropped.jpg'], ids['resized.jpg'], ids['edited.jpg']]));
    expect(ws.evidence.similar(ids['original.jpg'], 10).map((s) => s.evidenceId)).not.toContain(ids['unrelated.jpg']);
  });

  const hottest = async (sha256: string) => {
    const { data, info } = await sharp(artifactPath(dir, sha256)).raw().toBuffer({ resolveWithObject: true });
    let best = { x: 0, y: 0, heat: -Infinity };
    for (let y = 0; y < info.height; y++)
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        const heat = r - b + (r === 255 && b === 0 ? 255 - g : 0);
        if (heat > best.heat) best = { x, y, heat };
      }
    return best;
  };
  const inside = (p: { x: number; y: number }, pad = 24) => p.x >= SPLICE.x - pad && p.x < SPLICE.x + SPLICE.width + pad && p.y >= SPLICE.y - pad && p.y < SPLICE.y + SPLICE.height + pad;

  it('error level and noise maps are hottest in the spliced region, and quiet on a clean photo', async () => {
    for (const [label, id] of [['ela.inconsistent-region', 'ela'], ['noise.inconsistent-region', 'noise']] as const) {
      const f = one('spliced.jpg', label);
      expect(f, label).toBeDefined();
      const region = f!.data!.region as { x: number; y: number; width: number; height: number };
      expect(inside({ x: region.x + region.width / 2, y: region.y + region.height / 2 })).toBe(true);
      expect(f!.artifacts).toHaveLength(1);
      expect(inside(await hottest(f!.artifacts[0].sha256))).toBe(true);
      expect(f!.explanation).toMatch(/cannot prove|not proof/);
      expect(findings('clean.jpg').filter((c) => c.analyzerId === id).map((c) => c.label)).toEqual([id === 'ela' ? 'ela.uniform' : 'noise.consistent']);
    }
  });

  it('finds a copy-moved region with its shift, and nothing on controls', () => {
    const f = one('cloned.jpg', 'copy-move.cloned-region');
    expect(f).toBeDefined();
    const shift = f!.data!.shift as { dx: number; dy: number };
    expect(Math.abs(shift.dx - 260)).toBeLessThanOrEqual(6);
    expect(Math.abs(shift.dy - 150)).toBeLessThanOrEqual(6);
    for (const control of ['clean.jpg', 'spliced.jpg', 'double.jpg']) expect(labels(control)).toContain('copy-move.none');
  });

  it('reads the quantisation tables and flags a double-compressed JPEG but not a single one', () => {
    expect(one('clean.jpg', 'jpeg.standard-table')!.data).toMatchObject({ quality: 92, standard: true });
    expect(labels('double.jpg')).toContain('jpeg.double-compressed');
    expect(labels('clean.jpg')).toContain('jpeg.single-compression');
    expect(labels('unrelated.jpg')).toContain('jpeg.single-compression');
  });

  it('flags a capture time before the incident and editing software, and not an honest photo', () => {
    const before = one('exif-before.jpg', 'metadata.capture-before-incident');
    expect(before).toMatchObject({ severity: 'alert', data: { capturedAt: '2026-02-10 09:00', incidentAt: '2026-03-02T17:40' } });
    expect(one('exif-before.jpg', 'metadata.editing-software')!.data).toEqual({ software: 'Adobe Photoshop 25.0' });
    const ok = labels('exif-ok.jpg');
    expect(ok).not.toContain('metadata.capture-before-incident');
    expect(ok).not.toContain('metadata.editing-software');
    expect(ok).not.toContain('metadata.no-camera');
    expect(one('exif-ok.jpg', 'metadata.summary')!.data).toMatchObject({ make: 'Apple', model: 'iPhone 13', capturedAt: '2026-03-02 18:05' });
    expect(labels('unrelated.jpg')).toContain('metadata.none');
  });

  it('flags GPS far from the incident place and a preview that shows another picture, and not honest photos', () => {
    const far = one('exif-before.jpg', 'metadata.gps-far-from-incident');
    expect(far).toMatchObject({ severity: 'alert' });
    expect(far!.data!.km as number).toBeGreaterThan(330);
    expect(far!.data!.km as number).toBeLessThan(350);
    expect(labels('exif-ok.jpg')).not.toContain('metadata.gps-far-from-incident');
    expect(one('thumb-differs.jpg', 'metadata.thumbnail-differs')).toMatchObject({ severity: 'alert' });
    expect(labels('thumb-same.jpg')).not.toContain('metadata.thumbnail-differs');
    expect(labels('thumb-same.jpg')).toContain('metadata.summary');
  });

  it('a running analysis can be cancelled; the job says so and the store stays consistent', async () => {
    const jobId = ws.analysis.start({ caseId: caseB });
    ws.jobs.cancel(jobId);
    const job = await ws.jobs.wait(jobId);
    expect(job.state).toBe('cancelled');
    expect(auditDataFolder(ws.db, dir)).toMatchObject({ ok: true });
  });

  it('rerunning the same analyzer versions gives the same findings and appends no duplicate', async () => {
    const elaBefore = findings('resaved.jpg').filter((f) => f.analyzerId === 'ela');
    // The first rerun may add re-use matches: items of the same case were hashed after this one first ran.
    await analyse({ evidenceId: ids['resaved.jpg'] });
    expect(labels('resaved.jpg').filter((l) => l === 'reuse.near-duplicate').length).toBe(4);
    expect(findings('resaved.jpg').filter((f) => f.analyzerId === 'ela')).toEqual(elaBefore);
    const before = findings('resaved.jpg');
    const count = () => ws.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'analysis.recorded'").pluck().get() as number;
    const events = count();
    await analyse({ evidenceId: ids['resaved.jpg'] });
    expect(count()).toBe(events);
    expect(findings('resaved.jpg')).toEqual(before);
  });

  it('a video keyframe is checked like a photo: the re-used picture is found inside a clip', async () => {
    if (!ffmpegPath()) return; // the video analyzer reports "not available" instead; covered below
    const clip = join(files, 'clip.mp4');
    execFileSync(ffmpegPath()!, ['-v', 'error', '-loop', '1', '-i', join(files, 'resaved.jpg'), '-t', '2', '-r', '5', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-movflags', '+faststart', '-y', clip]);
    const r = await ws.evidence.ingest(caseC, [clip], 'picker');
    ids['clip.mp4'] = r.items[0].evidenceId!;
    await analyse({ evidenceId: ids['clip.mp4'] }, ['video', 'reuse']);
    expect(one('clip.mp4', 'video.info')!.data).toMatchObject({ video: { codec: 'h264', width: 640, height: 480 } });
    expect((one('clip.mp4', 'video.keyframes')!.data!.frames as unknown[]).length).toBe(2);
    const reuse = findings('clip.mp4').filter((f) => f.analyzerId === 'reuse' && f.label === 'reuse.near-duplicate');
    expect(reuse.map((f) => f.data!.otherEvidenceId)).toContain(ids['original.jpg']);
    expect(reuse[0].data).toMatchObject({ frame: expect.any(Number) });
  });

  it('reads audio and PDF structure: duration, truncation, incremental updates and scripts', async () => {
    // 8 kHz tone; `cut` bytes dropped from the end make a truncated file.
    const wav = (seconds: number, cut = 0) => {
      const file = pcmWav(toneSamples(seconds, 8000, 8000 / (20 * Math.PI), 8000 / 32767), 8000);
      return file.subarray(0, file.length - cut);
    };

    const pdf = (extra: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n4 0 obj << /Producer (LibreOffice 7.5) >> endobj\ntrailer << /Root 1 0 R /Info 4 0 R >>\n%%EOF\n${extra}`, 'latin1');
    await add(caseC, 'call.wav', wav(2));
    await add(caseC, 'cut.wav', wav(2, 16000));
    await add(caseC, 'estimate.pdf', pdf(''));
    await add(caseC, 'edited.pdf', pdf('5 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\ntrailer << /Root 1 0 R /Prev 9 >>\n%%EOF\n'));
    for (const name of ['call.wav', 'cut.wav', 'estimate.pdf', 'edited.pdf']) await analyse({ evidenceId: ids[name] }, ['audio', 'document']);
    expect(one('call.wav', 'audio.info')!.data).toMatchObject({ sampleRate: 8000, durationSeconds: 2, truncated: false });
    expect(labels('call.wav')).not.toContain('audio.truncated');
    expect(labels('cut.wav')).toContain('audio.truncated');
    expect(one('estimate.pdf', 'document.info')!.data).toMatchObject({ pages: 1, producer: 'LibreOffice 7.5', incrementalUpdates: 0, javascript: false });
    expect(labels('estimate.pdf')).toEqual(['document.info']);
    expect(labels('edited.pdf')).toEqual(expect.arrayContaining(['document.incremental-updates', 'document.active-content']));
  });

  it('bad input gives a clear per-file result, the rest of the batch is analysed, and the store stays healthy', async () => {
    const bad = ws.cases.createClaim(claimDraft()).id;
    const jpeg = await photoJpeg(31);
    const png = await rawImage(await scenePixels(32)).png().toBuffer();
    const corruptPng = Buffer.from(png);
    corruptPng.fill(0x41, 200, 4000);
    const mp4Header = Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2')]);
    const samples: [string, Buffer][] = [
      ['truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 3))],
      ['corrupt.png', corruptPng],
      ['corrupt.mp4', Buffer.concat([mp4Header, Buffer.alloc(5000, 0x37)])],
      ['corrupt.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog', 'latin1')],
      ['bomb.png', bombPng()],
      ['fine.jpg', jpeg],
    ];
    for (const [name, bytes] of samples) await add(bad, name, bytes);
    const started = Date.now();
    const job = await analyse({ caseId: bad }, ['reuse', 'ela', 'jpeg', 'noise', 'copy-move', 'video', 'document']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(job.result).toMatchObject({ items: 6 });
    expect(findings('bomb.png').filter((f) => f.severity === 'error')[0].explanation).toMatch(/50000 x 50000 pixels.*not decoded/);
    expect(findings('corrupt.png').some((f) => f.severity === 'error')).toBe(true);
    expect(findings('truncated.jpg').some((f) => f.severity === 'error')).toBe(true);
    expect(labels('corrupt.mp4')).toContain(ffmpegPath() ? 'video.damaged' : 'not-available');
    expect(labels('corrupt.pdf')).toEqual(['document.damaged']);
    expect(findings('fine.jpg').filter((f) => f.severity === 'error')).toEqual([]);
    expect(labels('fine.jpg')).toEqual(expect.arrayContaining(['ela.uniform', 'copy-move.none', 'jpeg.single-compression']));
    expect(auditDataFolder(ws.db, dir)).toMatchObject({ ok: true });
  });

  it('samples a sparse 2 GB video by seeking, without reading it whole', async () => {
    if (!ffmpegPath()) return;
    const small = join(files, 'small.mp4');
    execFileSync(ffmpegPath()!, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10:duration=3', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-y', small]);
    const big = join(files, 'big.mp4');
    copyFileSync(small, big);
    execFileSync('truncate', ['-s', '2G', big]);
    const video = ws.analysis.analyzers.find((a) => a.id === 'video')!;
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const out = await video.run({ evidenceId: 'x', caseId: null, sha256: '0'.repeat(64), path: big, mediaType: 'video/mp4', kind: 'video', size: 2 ** 31, originalName: 'big.mp4', saveArtifact: async () => 'f'.repeat(64), signal: new AbortController().signal, progress: () => {} });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    const labelsOut = out.map((f) => f.label);
    expect(labelsOut).toContain('video.info');
    expect(out.find((f) => f.label === 'video.keyframes')!.data!.frames).not.toHaveLength(0);
  });
});
