import { open } from 'node:fs/promises';
import { estimateQuality, parseJpegHeader } from '../jpeg.ts';
import { outliers } from '../pixels.ts';
import type { PixelPool } from '../pool.ts';
import { findingsFor } from '../finding.ts';
import type { Analyzer, AnalysisInput, Finding } from '../types.ts';

// Manipulation forensics. Each reports a heatmap and says in plain words what it can and cannot show: these
// are signs for a person to look at, not verdicts. A clean result does not prove a photo is genuine.

const readHead = async (path: string, bytes: number): Promise<Buffer> => {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
};

const heatmapArtifact = async (input: AnalysisInput, png: Buffer | Uint8Array, label: string) => ({ sha256: await input.saveArtifact(Buffer.from(png), 'image/png', label), mediaType: 'image/png', label });

export const elaAnalyzer = (pool: PixelPool): Analyzer => {
  const self = { id: 'ela', version: '1.0.0' };
  const QUALITY = 90;
  return {
    ...self,
    title: 'Error level analysis',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      if (input.mediaType !== 'image/jpeg') return [finding({ label: 'ela.not-applicable', severity: 'info', explanation: 'Error level analysis only means something for JPEG photos; this file is not a JPEG.' })];
      const map = await pool.run('ela', { path: input.path, quality: QUALITY }, input.signal);
      const artifacts = [await heatmapArtifact(input, map.heatmap, 'Error level heatmap')];
      const o = outliers(map, 6);
      const regionFraction = o.regionCells / (map.cols * map.rows);
      const parameters = { quality: QUALITY, cell: map.cell, outlierZ: 6 };
      const caveat = 'Error level analysis re-saves the photo and shows where it changes most. Parts pasted in from another picture often stand out, but so do sharp edges, text and fine texture; it cannot prove an edit on its own.';
      if (o.region && o.regionCells >= 4 && regionFraction < 0.35) {
        return [finding({ label: 'ela.inconsistent-region', severity: 'warning', score: Math.min(1, o.region.value / 30), explanation: `One area (${o.region.width} x ${o.region.height} px at ${o.region.x}, ${o.region.y}) reacts to re-saving much more than the rest of the photo. ${caveat}`, parameters, artifacts, data: { region: o.region, meanError: map.meanError, imageWidth: map.width, imageHeight: map.height } })];
      }
      return [finding({ label: 'ela.uniform', severity: 'info', explanation: `The photo reacts to re-saving about evenly. ${caveat}`, parameters, artifacts, data: { meanError: map.meanError } })];
    },
  };
};

export const noiseAnalyzer = (pool: PixelPool): Analyzer => {
  const self = { id: 'noise', version: '1.0.0' };
  return {
    ...self,
    title: 'Noise residual consistency',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      const map = await pool.run('noise', { path: input.path }, input.signal);
      const artifacts = [await heatmapArtifact(input, map.heatmap, 'Noise residual heatmap')];
      const o = outliers(map, 6);
      const regionFraction = o.regionCells / (map.cols * map.rows);
      const caveat = 'A camera leaves an even grain of sensor noise over the whole picture; an area with very different grain may come from another picture or have been retouched. Smooth surfaces, shadows and strong texture also change the grain, so it is a place to look, not proof.';
      if (o.region && o.regionCells >= 4 && regionFraction < 0.35) {
        return [finding({ label: 'noise.inconsistent-region', severity: 'warning', score: Math.min(1, o.region.value / 30), explanation: `The grain in one area (${o.region.width} x ${o.region.height} px at ${o.region.x}, ${o.region.y}) differs strongly from the rest. ${caveat}`, parameters: { cell: map.cell, outlierZ: 6 }, artifacts, data: { region: o.region, imageWidth: map.width, imageHeight: map.height } })];
      }
      return [finding({ label: 'noise.consistent', severity: 'info', explanation: `The grain is consistent over the photo. ${caveat}`, parameters: { cell: map.cell, outlierZ: 6 }, artifacts })];
    },
  };
};

export const copyMoveAnalyzer = (pool: PixelPool): Analyzer => {
  const self = { id: 'copy-move', version: '1.0.0' };
  return {
    ...self,
    title: 'Copy-move (cloned areas)',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      const r = await pool.run('copyMove', { path: input.path }, input.signal);
      const caveat = 'It looks for areas copied from one place in the photo to another (to hide or duplicate damage). Repeating patterns such as grilles, tiles or bricks can match too; rotated or rescaled copies are not found.';
      if (r.shift && r.source && r.target && r.heatmap) {
        const artifacts = [await heatmapArtifact(input, r.heatmap, 'Copy-move matches')];
        return [finding({ label: 'copy-move.cloned-region', severity: 'alert', score: Math.min(1, r.pairs / 100), explanation: `An area of about ${r.source.width} x ${r.source.height} px appears twice, shifted by ${r.shift.dx}, ${r.shift.dy} px (${r.pairs} matching blocks). ${caveat}`, parameters: { block: 16, step: 2, minPairs: 12, analysedWidth: r.width }, artifacts, data: { shift: r.shift, pairs: r.pairs, source: r.source, target: r.target, analysedWidth: r.width, analysedHeight: r.height } })];
      }
      return [finding({ label: 'copy-move.none', severity: 'info', explanation: `No copied areas were found. ${caveat}`, parameters: { block: 16, step: 2, minPairs: 12 }, data: { bestPairs: r.pairs } })];
    },
  };
};

/** Double compression scores above this were not seen on single-compressed photos in the tests' fixtures. */
const DOUBLE_THRESHOLD = 0.25;

export const jpegAnalyzer = (pool: PixelPool): Analyzer => {
  const self = { id: 'jpeg', version: '1.0.0' };
  return {
    ...self,
    title: 'JPEG quantisation tables and double compression',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      if (input.mediaType !== 'image/jpeg') return [];
      const header = parseJpegHeader(await readHead(input.path, 1 << 20));
      const q = estimateQuality(header.tables);
      const out: Finding[] = [];
      const luma = header.tables.find((t) => t.id === 0) ?? header.tables[0];
      out.push(
        finding({
          label: q.standard ? 'jpeg.standard-table' : 'jpeg.custom-table',
          severity: 'info',
          explanation: q.standard
            ? `The compression tables are the standard libjpeg tables at quality ${q.quality}. Most editors, web services and messaging apps write these, and so do some phones; many cameras use their own tables, so this file was probably re-saved by software at least once.`
            : `The compression tables are not standard libjpeg tables (closest: quality ${q.quality}). Camera firmware and some editors (for example Photoshop) write their own tables; this alone says nothing about editing.`,
          data: { quality: q.quality, standard: q.standard, meanAbsError: Math.round(q.meanAbsError * 100) / 100, lumaTable: luma.values, progressive: header.progressive, comment: header.software },
        }),
      );
      const dc = await pool.run('doubleCompression', { path: input.path, lumaTable: luma.values }, input.signal);
      const caveat = 'This looks for the tell-tale comb in the compression statistics left when a JPEG is saved twice at different qualities (edited and re-saved). It cannot say what was changed, misses a second save at the same quality, and cropping by a few pixels hides it.';
      if (dc.score > DOUBLE_THRESHOLD) out.push(finding({ label: 'jpeg.double-compressed', severity: 'warning', score: Math.min(1, dc.score), explanation: `The photo shows signs of having been compressed twice (score ${dc.score.toFixed(2)}). ${caveat}`, parameters: { threshold: DOUBLE_THRESHOLD }, data: dc }));
      else out.push(finding({ label: 'jpeg.single-compression', severity: 'info', score: Math.min(1, dc.score), explanation: `No sign of a second compression (score ${dc.score.toFixed(2)}). ${caveat}`, parameters: { threshold: DOUBLE_THRESHOLD }, data: dc }));
      return out;
    },
  };
};
