import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { createHashIndex } from '../../core/analysis/near-duplicates.ts';
import { hamming } from '../../core/analysis/pixels.ts';
import type { AnalysisInput } from '../../core/analysis/types.ts';
import { migration } from '../../core/db/migrations/005_evidence.ts';
import { openWorkspace } from '../../core/workspace.ts';
import { photoJpeg } from '../helpers/evidence-fixtures.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';
import { percentiles, type BenchRow, type Suite } from './harness.ts';

// Evidence analysis throughput per analyzer, and near-duplicate lookup against a linear scan of the same
// hashes in the same run: the SQL scan the index replaces, and the tightest in-memory scan.

const rand = (seed: number) => {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
};

const analyzersPerSecond = async (rows: BenchRow[], figures: Record<string, number>, photos: number) => {
  const dir = tempDir('casebench-bench-evidence-');
  const ws = openWorkspace(dir);
  try {
    const caseId = ws.cases.createClaim(claimDraft()).id;
    const paths: string[] = [];
    for (let i = 0; i < photos; i++) {
      const p = join(dir, `photo-${i}.jpg`);
      writeFileSync(p, await photoJpeg(1000 + i, 88, 1024, 768));
      paths.push(p);
    }
    await ws.evidence.ingest(caseId, paths, 'picker');
    const items = ws.evidence.list(caseId);
    for (const analyzer of ws.analysis.analyzers.filter((a) => a.accepts.includes('image'))) {
      const why = analyzer.unavailable();
      if (why) {
        rows.push({ figure: `${analyzer.id}: photos/s`, value: 'not available', target: 'report', pass: undefined });
        continue;
      }
      const inputFor = (item: (typeof items)[number]): AnalysisInput => ({ evidenceId: item.id, caseId, sha256: item.sha256, path: ws.evidence.pathOf(item), mediaType: item.mediaType, kind: item.kind, size: item.size, originalName: item.originalName, saveArtifact: async () => '0'.repeat(64), signal: new AbortController().signal, progress: () => {} });
      await analyzer.run(inputFor(items[0])); // warm-up: worker start, model load
      const started = performance.now();
      for (const item of items) {
        await analyzer.run(inputFor(item));
      }
      const perSecond = items.length / ((performance.now() - started) / 1000);
      figures[`${analyzer.id}PhotosPerSecond`] = perSecond;
      rows.push({ figure: `${analyzer.id}: 1024x768 photos/s`, value: perSecond.toFixed(1), target: 'report' });
    }
    const ocr = ws.analysis.analyzers.find((a) => a.id === 'ocr');
    if (ocr && !ocr.unavailable()) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="white"/>${Array.from({ length: 30 }, (_, i) => `<text x="80" y="${120 + i * 52}" font-size="30" font-family="sans-serif">Line ${i + 1}: VIN 1HGCM82633A004352 plate AB12 CDE total 4,820.50</text>`).join('')}</svg>`;
      const page = join(dir, 'page.png');
      writeFileSync(page, await sharp(Buffer.from(svg)).png().toBuffer());
      const r = await ws.evidence.ingest(caseId, [page], 'picker');
      const item = ws.evidence.get(r.items[0].evidenceId!);
      const started = performance.now();
      await ocr.run({ evidenceId: item.id, caseId, sha256: item.sha256, path: ws.evidence.pathOf(item), mediaType: item.mediaType, kind: item.kind, size: item.size, originalName: item.originalName, saveArtifact: async () => '0'.repeat(64), signal: new AbortController().signal, progress: () => {} });
      const seconds = (performance.now() - started) / 1000;
      figures.ocrSecondsPerPage = seconds;
      rows.push({ figure: 'ocr: seconds per A4 page (150 dpi, 30 lines)', value: seconds.toFixed(2), target: 'report' });
    } else rows.push({ figure: 'ocr: seconds per page', value: 'skipped', target: ocr ? `not available: ${ocr.unavailable()}` : 'no OCR analyzer registered' });
  } finally {
    await ws.analysis.close();
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

const nearDuplicateQueries = (rows: BenchRow[], figures: Record<string, number>, size: number, queries: number) => {
  const db = new Database(':memory:');
  db.exec(migration.sql);
  const index = createHashIndex(db);
  const next = rand(size);
  const hi = new Uint32Array(size);
  const lo = new Uint32Array(size);
  const batch = [];
  for (let i = 0; i < size; i++) {
    hi[i] = next();
    lo[i] = next();
    batch.push({ sha256: `s${i}`, frame: -1, phashHi: hi[i], phashLo: lo[i], dhash: '0000000000000000' });
    if (batch.length === 50_000) index.addMany(batch.splice(0));
  }
  index.addMany(batch);
  const loadStarted = performance.now();
  index.warm();
  const loadMs = performance.now() - loadStarted;
  const sqlScan = db.prepare('SELECT sha256, phash_hi AS h, phash_lo AS l FROM image_hashes');
  for (const r of [7, 10]) {
    const mih: number[] = [];
    const memScan: number[] = [];
    const sqlScanMs: number[] = [];
    let agree = true;
    for (let q = 0; q < queries; q++) {
      // a stored photo with r bits changed: something is always there to be found
      const t = next() % size;
      let qh = hi[t];
      let ql = lo[t];
      for (let b = 0; b < r; b++) {
        const bit = (q * 7 + b * 9) % 64;
        if (bit < 32) qh = (qh ^ (1 << bit)) >>> 0;
        else ql = (ql ^ (1 << (bit - 32))) >>> 0;
      }
      let t0 = performance.now();
      const found = index.query(qh, ql, r);
      mih.push(performance.now() - t0);
      t0 = performance.now();
      let linear = 0;
      for (let i = 0; i < size; i++) if (hamming(qh, ql, hi[i], lo[i]) <= r) linear += 1;
      memScan.push(performance.now() - t0);
      if (q < 20) {
        t0 = performance.now();
        let viaSql = 0;
        for (const row of sqlScan.iterate() as Iterable<{ h: number; l: number }>) if (hamming(qh, ql, row.h, row.l) <= r) viaSql += 1;
        sqlScanMs.push(performance.now() - t0);
        if (viaSql !== linear) agree = false;
      }
      if (found.length !== linear) agree = false;
    }
    const p = percentiles(mih);
    const m = percentiles(memScan);
    const s = percentiles(sqlScanMs);
    const label = `${(size / 1000).toLocaleString('en')}k hashes, distance <= ${r}`;
    figures[`mihP95Ms_${size}_${r}`] = p.p95;
    figures[`sqlScanP95Ms_${size}_${r}`] = s.p95;
    figures[`memoryScanP95Ms_${size}_${r}`] = m.p95;
    const target = size >= 1_000_000 && r <= 7;
    rows.push({ figure: `near-duplicate query p95, ${label}`, value: `${p.p95.toFixed(2)} ms (p50 ${p.p50.toFixed(2)})`, target: target ? '< 20 ms' : 'report', pass: target ? p.p95 < 20 : undefined });
    rows.push({ figure: `  linear scan of the same table (SQL), p95`, value: `${s.p95.toFixed(1)} ms (${(s.p95 / p.p95).toFixed(0)}x slower)`, target: target ? '>= 20x slower' : 'report', pass: target ? s.p95 / p.p95 >= 20 : undefined });
    rows.push({ figure: `  linear scan in memory (typed arrays), p95`, value: `${m.p95.toFixed(1)} ms (${(m.p95 / p.p95).toFixed(1)}x slower)`, target: 'report' });
    rows.push({ figure: `  index and scans agree on every query`, value: agree ? 'yes' : 'NO', target: 'yes', pass: agree });
  }
  rows.push({ figure: `loading the in-memory postings, ${(size / 1000).toLocaleString('en')}k hashes (once per start)`, value: `${loadMs.toFixed(0)} ms`, target: 'report' });
  figures[`postingsLoadMs_${size}`] = loadMs;
  db.close();
};

export const evidenceSuite: Suite = {
  name: 'evidence',
  description: 'photos analysed per second per analyzer; near-duplicate lookup against linear scans',
  run: async ({ quick }) => {
    const rows: BenchRow[] = [];
    const figures: Record<string, number> = {};
    await analyzersPerSecond(rows, figures, quick ? 3 : 8);
    nearDuplicateQueries(rows, figures, 100_000, quick ? 50 : 200);
    if (!quick) nearDuplicateQueries(rows, figures, 1_000_000, 100);
    return { rows, figures };
  },
};
