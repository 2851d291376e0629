import type Database from 'better-sqlite3';
import { modelAnalyzers } from '../inference/analyzers.ts';
import { elaAnalyzer, copyMoveAnalyzer, jpegAnalyzer, noiseAnalyzer } from './analyzers/forensics.ts';
import { audioAnalyzer, documentAnalyzer, videoAnalyzer } from './analyzers/media.ts';
import { metadataAnalyzer } from './analyzers/metadata.ts';
import { reuseAnalyzer } from './analyzers/reuse.ts';
import type { HashIndex } from './near-duplicates.ts';
import type { PixelPool } from './pool.ts';
import type { Analyzer } from './types.ts';

export type AnalyzerContext = { pool: PixelPool; index: HashIndex; db: Database.Database; tempFile: (prefix: string) => string };

/** Every analyzer, ours and the model-based ones, in the order they run. */
export const createAnalyzers = (ctx: AnalyzerContext): Analyzer[] => [
  metadataAnalyzer(ctx.pool),
  reuseAnalyzer(ctx.pool, ctx.index, ctx.db),
  elaAnalyzer(ctx.pool),
  jpegAnalyzer(ctx.pool),
  noiseAnalyzer(ctx.pool),
  copyMoveAnalyzer(ctx.pool),
  videoAnalyzer(ctx.tempFile),
  audioAnalyzer(),
  documentAnalyzer(),
  ...modelAnalyzers,
];

/** Analyzers that also run on each keyframe sampled from a video: re-use and the model ones (faces,
 * deepfake); OCR is left out, as it costs seconds per frame and video frames rarely carry documents. */
export const FRAME_ANALYZERS = (all: Analyzer[]): Analyzer[] => all.filter((a) => a.accepts.includes('image') && (a.id === 'reuse' || (modelAnalyzers.includes(a) && a.id !== 'ocr')));
