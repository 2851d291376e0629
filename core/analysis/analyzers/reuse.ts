import type Database from 'better-sqlite3';
import type { HashIndex } from '../near-duplicates.ts';
import { hexHamming } from '../pixels.ts';
import type { PixelPool } from '../pool.ts';
import { findingsFor } from '../finding.ts';
import type { Analyzer, Finding } from '../types.ts';

// Re-used photo: the same picture (cropped, resized, re-compressed, lightly edited) already attached to another
// case. The pHash decides (index query); the dHash distance is reported beside it as a second opinion.

export const REUSE_MAX_DISTANCE = 10;

type Other = { id: string; caseId: string; sha256: string; originalName: string; caseNumber: string | null };

export const reuseAnalyzer = (pool: PixelPool, index: HashIndex, db: Database.Database): Analyzer => {
  const self = { id: 'reuse', version: '1.0.0' };
  const evidenceWithSha = db.prepare('SELECT e.id, e.case_id AS caseId, e.sha256, e.original_name AS originalName, c.number AS caseNumber FROM evidence e LEFT JOIN cases c ON c.id = e.case_id WHERE e.sha256 = ?');
  const frameOwners = db.prepare('SELECT e.id, e.case_id AS caseId, e.sha256, e.original_name AS originalName, c.number AS caseNumber FROM artifacts a JOIN evidence e ON e.sha256 = a.source_sha256 LEFT JOIN cases c ON c.id = e.case_id WHERE a.sha256 = ?');
  return {
    ...self,
    title: 'Re-used photo (perceptual hash, any case)',
    accepts: ['image'],
    unavailable: () => null,
    run: async (input) => {
      const finding = findingsFor(self, input);
      const h = await pool.run('hashes', { path: input.path }, input.signal);
      index.add({ sha256: input.sha256, frame: input.frame ? input.frame.index : -1, ...h });
      const phash = `${h.phashHi.toString(16).padStart(8, '0')}${h.phashLo.toString(16).padStart(8, '0')}`;
      const out: Finding[] = [];
      const seen = new Set<string>();
      const selfSha = input.frame?.sourceSha256 ?? input.sha256;
      for (const m of index.query(h.phashHi, h.phashLo, REUSE_MAX_DISTANCE)) {
        // A video keyframe's hash row is keyed by the frame file; its owner is the video the frame came from.
        const resolved = (m.frame >= 0 ? frameOwners.all(m.sha256) : evidenceWithSha.all(m.sha256)) as Other[];
        for (const o of resolved) {
          if (o.id === input.evidenceId || seen.has(o.id)) continue;
          if (o.sha256 === selfSha && o.caseId === input.caseId) continue;
          seen.add(o.id);
          const otherCase = o.caseId !== (input.caseId ?? '');
          const dd = hexHamming(h.dhash, m.dhash);
          const exact = m.distance === 0 && o.sha256 === selfSha;
          out.push(
            finding({
              label: 'reuse.near-duplicate',
              severity: otherCase ? 'alert' : 'info',
              score: Math.max(0, 1 - m.distance / (REUSE_MAX_DISTANCE + 1)),
              explanation: `${exact ? 'The identical file' : 'A near-identical picture'} is already attached to ${otherCase ? (o.caseNumber ? `case ${o.caseNumber}` : 'another item outside any case') : 'this case'} as "${o.originalName}" (perceptual hash ${m.distance} of 64 bits apart). ${otherCase ? 'The same photo used for two different claims is a strong sign of fraud, unless both cases concern the same event.' : ''} Compare them side by side: a crop, resize or re-compression keeps the hash close.`.trim(),
              parameters: { maxDistance: REUSE_MAX_DISTANCE },
              data: { otherEvidenceId: o.id, otherCaseId: o.caseId, otherCaseNumber: o.caseNumber, otherName: o.originalName, otherSha256: o.sha256, phashDistance: m.distance, dhashDistance: dd, otherFrame: m.frame >= 0 ? m.frame : null },
            }),
          );
        }
      }
      if (out.length === 0) out.push(finding({ label: 'reuse.no-match', severity: 'info', explanation: 'No similar picture is attached to any case in this workspace. It may still have been used elsewhere (online, another insurer).', parameters: { maxDistance: REUSE_MAX_DISTANCE }, data: { phash, dhash: h.dhash } }));
      else for (const f of out) f.data = { ...f.data, phash, dhash: h.dhash };
      return out;
    },
  };
};
