import type Database from 'better-sqlite3';
import { canonicalJson } from '../../common/canonical.ts';
import type { EvidenceItem, FindingView } from '../../common/calls/evidence.ts';
import { DomainError } from '../../common/result.ts';
import type { CaseService } from '../cases/service.ts';
import type { EventDraft } from '../events/store.ts';
import type { EvidenceService } from '../evidence/service.ts';
import { UNFILED } from '../evidence/service.ts';
import { artifactPath, sha256File, storeArtifact, tempFile } from '../evidence/store.ts';
import type { JobRunner } from '../jobs.ts';
import { log } from '../logger.ts';
import type { HashIndex } from './near-duplicates.ts';
import { PixelPool } from './pool.ts';
import { FRAME_ANALYZERS, createAnalyzers } from './registry.ts';
import type { AnalysisInput, Analyzer, Finding } from './types.ts';

// Runs analyzers on evidence as persisted jobs. Findings become `analysis.recorded` events (so they are in
// the audit trail and merge like everything else); a rerun that gives the same findings appends nothing.

/** Analyzers whose findings depend only on the file's bytes: their stored findings for the same input,
 * analyzer and version are reused instead of recomputed. */
const CONTENT_ONLY = new Set(['ela', 'jpeg', 'noise', 'copy-move', 'audio', 'document']);
const ANALYZER_TIMEOUT_MS = 5 * 60_000;

/** Plain JSON (no typed arrays, no NaN), so the event log can hash it canonically. */
const plain = (findings: Finding[]): Record<string, unknown>[] =>
  JSON.parse(JSON.stringify(findings, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : typeof v === 'number' && !Number.isFinite(v) ? null : v))) as Record<string, unknown>[];

export type AnalysisSummary = { items: number; findings: number; alerts: number; warnings: number; errors: number; evidenceIds: string[] };

export const createAnalysisService = (deps: { db: Database.Database; dataDir: string; cases: CaseService; jobs: JobRunner; evidence: EvidenceService; index: HashIndex }) => {
  const { db, dataDir, cases, jobs, evidence, index } = deps;
  const pool = new PixelPool();
  const analyzers = createAnalyzers({ pool, index, db, tempFile: (prefix) => tempFile(dataDir, prefix) });
  const q = {
    stored: db.prepare('SELECT analyzer_version AS version, body FROM findings WHERE evidence_id = ? AND analyzer_id = ? ORDER BY ordinal'),
    cachedEvidence: db.prepare('SELECT evidence_id FROM findings WHERE input_sha256 = ? AND analyzer_id = ? AND analyzer_version = ? LIMIT 1'),
    artifact: db.prepare('INSERT OR IGNORE INTO artifacts (sha256, media_type, source_sha256, analyzer_id, analyzer_version, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
  };

  const claimFacts = (caseId: string): AnalysisInput['claim'] => {
    if (caseId === UNFILED) return undefined;
    try {
      const doc = cases.get(caseId);
      return {
        incidentAt: doc.incident?.occurredAt,
        latitude: doc.incident?.latitude,
        longitude: doc.incident?.longitude,
        plates: doc.vehicles.map((v) => v.plate).filter((p): p is string => Boolean(p)),
        vins: doc.vehicles.map((v) => v.vin).filter((p): p is string => Boolean(p)),
        amountClaimedCents: doc.amountClaimedCents,
      };
    } catch {
      return undefined;
    }
  };

  const inputFor = (item: EvidenceItem, analyzer: Analyzer, signal: AbortSignal, progress: (f: number) => void, frame?: { index: number; timeSeconds: number; frameSha256: string; path: string }): AnalysisInput => ({
    evidenceId: item.id,
    caseId: item.caseId === UNFILED ? null : item.caseId,
    sha256: frame ? frame.frameSha256 : item.sha256,
    path: frame ? frame.path : evidence.pathOf(item),
    mediaType: frame ? 'image/png' : item.mediaType,
    kind: frame ? 'image' : item.kind,
    size: item.size,
    originalName: item.originalName,
    claim: claimFacts(item.caseId),
    frame: frame ? { index: frame.index, timeSeconds: frame.timeSeconds, sourceSha256: item.sha256 } : undefined,
    saveArtifact: async (bytes, mediaType, label) => {
      const sha = storeArtifact(dataDir, bytes);
      q.artifact.run(sha, mediaType, item.sha256, analyzer.id, analyzer.version, label, new Date().toISOString());
      return sha;
    },
    signal,
    progress,
  });

  const runOne = async (analyzer: Analyzer, input: AnalysisInput): Promise<Finding[]> => {
    const unavailable = analyzer.unavailable();
    if (unavailable) {
      return [{ analyzerId: analyzer.id, analyzerVersion: analyzer.version, inputSha256: input.sha256, parameters: {}, label: 'not-available', severity: 'info', explanation: `${analyzer.title} is not available on this computer: ${unavailable}`, artifacts: [] }];
    }
    const timeout = AbortSignal.timeout(ANALYZER_TIMEOUT_MS);
    const signal = AbortSignal.any([input.signal, timeout]);
    try {
      return await analyzer.run({ ...input, signal });
    } catch (e) {
      if (input.signal.aborted) throw e;
      const message = timeout.aborted ? `it took longer than ${ANALYZER_TIMEOUT_MS / 60_000} minutes and was stopped` : e instanceof Error ? e.message : String(e);
      log.warn('analyzer failed', { analyzer: analyzer.id, evidenceSha: input.sha256, message });
      return [{ analyzerId: analyzer.id, analyzerVersion: analyzer.version, inputSha256: input.sha256, parameters: {}, label: 'analysis-error', severity: 'error', explanation: `${analyzer.title} could not check this file: ${message}. The file may be damaged or truncated; the other checks still ran.`, artifacts: [] }];
    }
  };

  /** Appends the analyzer's findings unless the stored ones (same version) are identical. */
  const record = (item: EvidenceItem, analyzer: { id: string; version: string }, findings: Finding[]): EventDraft | null => {
    const body = plain(findings);
    const stored = q.stored.all(item.id, analyzer.id) as { version: string; body: string }[];
    if (stored.length === body.length && stored.every((s, i) => s.version === analyzer.version && canonicalJson(JSON.parse(s.body)) === canonicalJson(body[i]))) return null;
    return { caseId: item.caseId, type: 'analysis.recorded', payload: { evidenceId: item.id, sha256: item.sha256, analyzerId: analyzer.id, analyzerVersion: analyzer.version, findings: body } };
  };

  const applicable = (item: EvidenceItem, only?: string[]) => analyzers.filter((a) => a.accepts.includes(item.kind) && (!only || only.includes(a.id)));

  const analyzeItem = async (item: EvidenceItem, signal: AbortSignal, step: () => void, only?: string[]): Promise<Finding[]> => {
    const drafts: EventDraft[] = [];
    // Integrity first: tampered bytes are reported, not analysed.
    let problem: string | null = null;
    try {
      const actual = await sha256File(evidence.pathOf(item), signal);
      if (actual !== item.sha256) problem = `the stored bytes no longer match their SHA-256 (they now hash to ${actual})`;
    } catch (e) {
      if (signal.aborted) throw e;
      problem = 'the stored file is missing or unreadable';
    }
    if (problem) {
      const f: Finding = { analyzerId: 'integrity', analyzerVersion: '1.0.0', inputSha256: item.sha256, parameters: {}, label: 'integrity.tampered', severity: 'alert', score: 1, explanation: `This item was TAMPERED WITH or damaged in the evidence store: ${problem}. It was not analysed. Restore it from the original source or a backup.`, artifacts: [] };
      const d = record(item, { id: 'integrity', version: '1.0.0' }, [f]);
      cases.append([...(d ? [d] : []), { caseId: item.caseId, type: 'evidence.custody', payload: { evidenceId: item.id, action: 'verified', detail: `TAMPERED: ${problem}.` } }]);
      return [f];
    }
    const all: Finding[] = [];
    const list = applicable(item, only);
    await Promise.all(
      list.map(async (analyzer) => {
        let findings: Finding[];
        const cachedFrom = CONTENT_ONLY.has(analyzer.id) ? (q.cachedEvidence.get(item.sha256, analyzer.id, analyzer.version) as { evidence_id: string } | undefined) : undefined;
        if (cachedFrom && cachedFrom.evidence_id !== item.id) {
          findings = (q.stored.all(cachedFrom.evidence_id, analyzer.id) as { body: string }[]).map((r) => JSON.parse(r.body) as Finding);
        } else {
          findings = await runOne(analyzer, inputFor(item, analyzer, signal, () => {}));
        }
        // A video's keyframes go through the photo analyzers that make sense on single frames.
        const frames = findings.find((f) => f.label === 'video.keyframes')?.data?.frames as { index: number; timeSeconds: number; sha256: string }[] | undefined;
        if (frames?.length) {
          for (const frameAnalyzer of FRAME_ANALYZERS(analyzers).filter((a) => !only || only.includes(a.id))) {
            const frameFindings: Finding[] = [];
            for (const fr of frames) {
              const frameInput = inputFor(item, frameAnalyzer, signal, () => {}, { index: fr.index, timeSeconds: fr.timeSeconds, frameSha256: fr.sha256, path: artifactPath(dataDir, fr.sha256) });
              frameFindings.push(...(await runOne(frameAnalyzer, frameInput)).filter((f) => f.label !== 'reuse.no-match'));
            }
            const d = record(item, { id: `${frameAnalyzer.id}@frames`, version: frameAnalyzer.version }, frameFindings);
            if (d) drafts.push(d);
            all.push(...frameFindings);
          }
        }
        const d = record(item, analyzer, findings);
        if (d) drafts.push(d);
        all.push(...findings);
        step();
      }),
    );
    drafts.push({ caseId: item.caseId, type: 'evidence.custody', payload: { evidenceId: item.id, action: 'analysed', detail: `Analysed by ${list.map((a) => `${a.id} ${a.version}`).join(', ') || 'no applicable analyzer'}.` } });
    cases.append(drafts);
    return all;
  };

  const targets = (input: { evidenceId?: string; caseId?: string; evidenceIds?: string[] }): EvidenceItem[] => {
    if (input.evidenceIds) return input.evidenceIds.map((id) => evidence.get(id));
    if (input.evidenceId) return [evidence.get(input.evidenceId)];
    if (input.caseId !== undefined) return evidence.list(input.caseId);
    throw new DomainError('INVALID_INPUT', 'Give an evidence item or a case to analyse.');
  };

  const runItems = async (items: EvidenceItem[], signal: AbortSignal, progress: (done: number, total: number) => void, only?: string[]): Promise<AnalysisSummary> => {
    const total = items.reduce((n, item) => n + applicable(item, only).length, 0);
    let done = 0;
    const summary: AnalysisSummary = { items: items.length, findings: 0, alerts: 0, warnings: 0, errors: 0, evidenceIds: items.map((i) => i.id) };
    progress(0, total);
    for (const item of items) {
      signal.throwIfAborted();
      const findings = await analyzeItem(item, signal, () => progress(++done, total), only);
      summary.findings += findings.length;
      summary.alerts += findings.filter((f) => f.severity === 'alert').length;
      summary.warnings += findings.filter((f) => f.severity === 'warning').length;
      summary.errors += findings.filter((f) => f.severity === 'error').length;
    }
    progress(total, total);
    return summary;
  };

  return {
    analyzers,
    /** Starts a persisted, cancellable job and answers with its id at once. */
    start: (input: { evidenceId?: string; caseId?: string; evidenceIds?: string[]; analyzers?: string[] }): string => {
      const items = targets(input);
      const label = items.length === 1 ? `Analysing ${items[0].originalName}` : `Analysing ${items.length} evidence items`;
      return jobs.start('analysis', label, input, (ctx) => runItems(items, ctx.signal, ctx.progress, input.analyzers));
    },
    findings: (evidenceId?: string, caseId?: string): FindingView[] => evidence.findingsOf(evidenceId, caseId),
    close: () => pool.close(),
  };
};
export type AnalysisService = ReturnType<typeof createAnalysisService>;
