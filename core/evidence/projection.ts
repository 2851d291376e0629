import type Database from 'better-sqlite3';
import type { EventPayload } from '../../common/domain/events.ts';
import { hlcToIso } from '../../common/hlc.ts';
import type { StoredEvent } from '../events/store.ts';

/** Evidence projections; part of PROJECTION_TABLES so rebuild empties and replays them. */
export const EVIDENCE_PROJECTION_TABLES = ['evidence', 'custody', 'findings'] as const;

/**
 * Applies evidence, custody and analysis events. Evidence and custody entries are append-only and merge as a
 * set (INSERT OR IGNORE by id). An analysis result replaces the previous findings of the same analyzer on the
 * same evidence item: the latest run in merge order wins, so a rerun never duplicates findings.
 */
export const createEvidenceProjector = (db: Database.Database) => {
  const q = {
    evidence: db.prepare(
      `INSERT OR IGNORE INTO evidence (id, case_id, sha256, original_name, size, media_type, kind, source, extension_mismatch, added_by, added_at, event_id)
       VALUES (@id, @caseId, @sha256, @originalName, @size, @mediaType, @kind, @source, @extensionMismatch, @addedBy, @addedAt, @eventId)`,
    ),
    custody: db.prepare(
      `INSERT OR IGNORE INTO custody (event_id, evidence_id, action, actor, actor_role, device_id, hlc, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    clearFindings: db.prepare('DELETE FROM findings WHERE evidence_id = ? AND analyzer_id = ?'),
    finding: db.prepare(
      `INSERT INTO findings (evidence_id, analyzer_id, ordinal, analyzer_version, input_sha256, label, severity, score, body, recorded_at, event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  const apply = (e: StoredEvent): void => {
    const at = hlcToIso(e.hlc);
    if (e.type === 'evidence.added') {
      const p = e.payload as EventPayload<'evidence.added'>;
      q.evidence.run({
        id: p.evidenceId,
        caseId: e.caseId,
        sha256: p.sha256,
        originalName: p.originalName,
        size: p.size,
        mediaType: p.mediaType,
        kind: p.kind,
        source: p.source,
        extensionMismatch: p.extensionMismatch ? 1 : 0,
        addedBy: e.actor,
        addedAt: at,
        eventId: e.id,
      });
    } else if (e.type === 'evidence.custody') {
      const p = e.payload as EventPayload<'evidence.custody'>;
      q.custody.run(e.id, p.evidenceId, p.action, e.actor, e.actorRole, e.deviceId, e.hlc, at, p.detail);
    } else if (e.type === 'analysis.recorded') {
      const p = e.payload as EventPayload<'analysis.recorded'>;
      q.clearFindings.run(p.evidenceId, p.analyzerId);
      p.findings.forEach((f, i) => {
        const score = typeof f.score === 'number' ? f.score : null;
        q.finding.run(p.evidenceId, p.analyzerId, i, p.analyzerVersion, p.sha256, String(f.label), String(f.severity), score, JSON.stringify(f), at, e.id);
      });
    }
  };
  return { apply };
};
