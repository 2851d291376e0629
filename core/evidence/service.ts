import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { lstat, readdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { CustodyEntry, EvidenceItem, FindingView } from '../../common/calls/evidence.ts';
import { DomainError } from '../../common/result.ts';
import type { HashIndex } from '../analysis/near-duplicates.ts';
import type { Finding } from '../analysis/types.ts';
import type { CaseService } from '../cases/service.ts';
import type { EventDraft } from '../events/store.ts';
import { log } from '../logger.ts';
import { extensionMismatch, sniffMediaType, typesClaimedByName } from './sniff.ts';
import { evidencePath, sha256File, storeFile } from './store.ts';

// Intake, chain of custody and integrity. Every stored file and every access is an event in the case's log,
// so `audit verify` covers the custody trail as it covers everything else.

/** Evidence added outside any case (`casebench analyze` without --case) is kept under this case id. */
export const UNFILED = '';
const MAX_FILES_PER_BATCH = 10_000;
const MAX_DEPTH = 32;

export type IngestOutcome = { path: string; ok: boolean; evidenceId?: string; sha256?: string; mediaType?: string; duplicate?: boolean; error?: string };
type Candidate = { path: string; originalName: string } | { path: string; error: string };

type EvidenceRow = { id: string; case_id: string; sha256: string; original_name: string; size: number; media_type: string; kind: string; source: string; extension_mismatch: number; added_by: string; added_at: string; verdict: string | null };
const toItem = (r: EvidenceRow): EvidenceItem => ({
  id: r.id,
  caseId: r.case_id,
  sha256: r.sha256,
  originalName: r.original_name,
  size: r.size,
  mediaType: r.media_type,
  kind: r.kind as EvidenceItem['kind'],
  source: r.source,
  addedBy: r.added_by,
  addedAt: r.added_at,
  extensionMismatch: r.extension_mismatch === 1,
  verdict: (r.verdict as EvidenceItem['verdict']) ?? null,
});

const describeFsError = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  if (code === 'ENOENT') return 'it does not exist (moved or deleted?)';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'ELOOP') return 'it is a link that points to itself';
  return `it cannot be read (${code ?? (e as Error)?.message ?? String(e)})`;
};

const notRegular = (s: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string =>
  s.isFIFO() ? 'a pipe (FIFO)' : s.isSocket() ? 'a socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : 'not a regular file';

const WORST = `CASE WHEN SUM(f.severity = 'alert') > 0 THEN 'alert' WHEN SUM(f.severity = 'warning') > 0 THEN 'warning' WHEN SUM(f.severity = 'error') > 0 THEN 'error' WHEN COUNT(f.label) > 0 THEN 'info' END`;

export const createEvidenceService = (deps: { db: Database.Database; dataDir: string; cases: CaseService; index: HashIndex }) => {
  const { db, dataDir, cases, index } = deps;
  const q = {
    inCase: db.prepare('SELECT id FROM evidence WHERE case_id = ? AND sha256 = ?'),
    one: db.prepare(`SELECT e.*, (SELECT ${WORST} FROM findings f WHERE f.evidence_id = e.id) AS verdict FROM evidence e WHERE e.id = ?`),
    list: db.prepare(`SELECT e.*, (SELECT ${WORST} FROM findings f WHERE f.evidence_id = e.id) AS verdict FROM evidence e WHERE e.case_id = ? ORDER BY e.added_at, e.id`),
    all: db.prepare(`SELECT e.*, NULL AS verdict FROM evidence e ORDER BY e.added_at`),
    custody: db.prepare('SELECT event_id AS eventId, evidence_id AS evidenceId, action, actor, actor_role AS actorRole, device_id AS deviceId, at, detail FROM custody WHERE evidence_id = ? ORDER BY hlc, event_id'),
    findings: db.prepare('SELECT evidence_id, body, recorded_at FROM findings WHERE evidence_id = ? ORDER BY analyzer_id, ordinal'),
    caseFindings: db.prepare('SELECT f.evidence_id, f.body, f.recorded_at FROM findings f JOIN evidence e ON e.id = f.evidence_id WHERE e.case_id = ? ORDER BY e.added_at, f.evidence_id, f.analyzer_id, f.ordinal'),
    bySha: db.prepare('SELECT e.id, e.case_id AS caseId, e.sha256, e.original_name AS originalName FROM evidence e WHERE e.sha256 = ?'),
    frameOwner: db.prepare('SELECT e.id, e.case_id AS caseId, e.sha256, e.original_name AS originalName FROM artifacts a JOIN evidence e ON e.sha256 = a.source_sha256 WHERE a.sha256 = ?'),
  };

  const get = (id: string): EvidenceItem => {
    const row = q.one.get(id) as EvidenceRow | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No evidence item with id ${id}.`);
    return toItem(row);
  };
  const toView = (r: { evidence_id: string; body: string; recorded_at: string }): FindingView => ({ ...(JSON.parse(r.body) as Finding), evidenceId: r.evidence_id, recordedAt: r.recorded_at });

  const custody = (evidenceId: string, action: CustodyEntry['action'], detail: string, caseId: string): EventDraft => ({ caseId, type: 'evidence.custody', payload: { evidenceId, action, detail } });

  /** Expands the chosen paths: folders recursively; links that leave the chosen folder are refused. */
  const expand = async (paths: string[]): Promise<Candidate[]> => {
    const out: Candidate[] = [];
    const walk = async (dir: string, root: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH) return void out.push({ path: dir, error: `Not added: folders nested deeper than ${MAX_DEPTH} levels are not followed.` });
      let entries;
      try {
        entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      } catch (e) {
        return void out.push({ path: dir, error: `Not added: the folder ${describeFsError(e)}.` });
      }
      for (const entry of entries) {
        if (out.length >= MAX_FILES_PER_BATCH) return;
        const full = join(dir, entry.name);
        if (entry.isSymbolicLink()) {
          let real: string;
          try {
            real = await realpath(full);
          } catch {
            out.push({ path: full, error: 'Not added: it is a link to something that does not exist.' });
            continue;
          }
          if (!real.startsWith(root + sep)) {
            out.push({ path: full, error: `Refused: it is a link pointing outside the chosen folder (to ${real}). Add that file directly if it belongs to the case.` });
            continue;
          }
          const s = await stat(real);
          if (s.isFile()) out.push({ path: full, originalName: entry.name });
          else if (!s.isDirectory()) out.push({ path: full, error: `Not added: it is ${notRegular(s)}, not a file.` });
          // links to folders inside the chosen folder are already walked through their real path
          continue;
        }
        if (entry.isDirectory()) await walk(full, root, depth + 1);
        else if (entry.isFile()) out.push({ path: full, originalName: entry.name });
        else out.push({ path: full, error: `Not added: it is ${notRegular(await lstat(full))}, not a file.` });
      }
    };
    for (const p of paths) {
      const abs = resolve(p);
      try {
        const s = await stat(abs);
        if (s.isDirectory()) await walk(await realpath(abs), await realpath(abs), 0);
        else if (s.isFile()) out.push({ path: abs, originalName: basename(abs) });
        else out.push({ path: abs, error: `Not added: it is ${notRegular(s)}, not a file.` });
      } catch (e) {
        out.push({ path: abs, error: `Not added: ${describeFsError(e)}.` });
      }
    }
    if (out.length >= MAX_FILES_PER_BATCH) log.warn('evidence batch capped', { cap: MAX_FILES_PER_BATCH });
    return out;
  };

  const ingestOne = async (caseId: string, path: string, originalName: string, source: string, shownPath = path): Promise<IngestOutcome> => {
    try {
      const s = await lstat(path);
      if (!s.isFile() && !s.isSymbolicLink()) return { path, ok: false, error: `Not added: it is ${notRegular(s)}, not a file.` };
      const real = await stat(path);
      if (!real.isFile()) return { path, ok: false, error: `Not added: it is ${notRegular(real)}, not a file.` };
      if (real.size === 0) return { path, ok: false, error: 'Not added: the file is empty (0 bytes). Ask for the file again; it was probably not copied completely.' };
      const stored = await storeFile(dataDir, path);
      const sniffed = sniffMediaType(stored.head);
      const existing = q.inCase.get(caseId, stored.sha256) as { id: string } | undefined;
      if (existing) return { path, ok: true, evidenceId: existing.id, sha256: stored.sha256, mediaType: sniffed.mediaType, duplicate: true };
      const evidenceId = uuidv7();
      const mismatch = extensionMismatch(originalName, sniffed.mediaType);
      const drafts: EventDraft[] = [
        { caseId, type: 'evidence.added', payload: { evidenceId, sha256: stored.sha256, originalName, size: stored.size, mediaType: sniffed.mediaType, kind: sniffed.kind, source, extensionMismatch: mismatch } },
        custody(evidenceId, 'received', `Received "${originalName}" (${stored.size} bytes, SHA-256 ${stored.sha256}) via ${source} from ${shownPath}.`, caseId),
      ];
      if (mismatch) {
        const finding: Finding = {
          analyzerId: 'intake',
          analyzerVersion: '1.0.0',
          inputSha256: stored.sha256,
          parameters: {},
          label: 'intake.extension-mismatch',
          severity: 'warning',
          score: 0.5,
          explanation: `The file is named "${originalName}" but its contents are ${sniffed.mediaType}. Renaming happens by accident, but it is also used to slip a file past checks; Casebench treats it as what its bytes say.`,
          artifacts: [],
          data: { claimed: typesClaimedByName(originalName), actual: sniffed.mediaType },
        };
        drafts.push({ caseId, type: 'analysis.recorded', payload: { evidenceId, sha256: stored.sha256, analyzerId: 'intake', analyzerVersion: '1.0.0', findings: [finding] } });
      }
      cases.append(drafts);
      return { path, ok: true, evidenceId, sha256: stored.sha256, mediaType: sniffed.mediaType, duplicate: false };
    } catch (e) {
      if (e instanceof DomainError) throw e;
      return { path, ok: false, error: `Not added: ${describeFsError(e)}.` };
    }
  };

  const items = (id?: string, caseId?: string): EvidenceItem[] => (id ? [get(id)] : caseId !== undefined ? (q.list.all(caseId) as EvidenceRow[]).map(toItem) : (q.all.all() as EvidenceRow[]).map(toItem));

  return {
    get,
    list: (caseId: string): EvidenceItem[] => {
      if (caseId !== UNFILED) cases.get(caseId);
      return (q.list.all(caseId) as EvidenceRow[]).map(toItem);
    },
    custodyOf: (id: string): CustodyEntry[] => {
      get(id);
      return q.custody.all(id) as CustodyEntry[];
    },
    findingsOf: (evidenceId?: string, caseId?: string): FindingView[] => {
      if (evidenceId) return (q.findings.all(evidenceId) as { evidence_id: string; body: string; recorded_at: string }[]).map(toView);
      return (q.caseFindings.all(caseId ?? UNFILED) as { evidence_id: string; body: string; recorded_at: string }[]).map(toView);
    },
    pathOf: (item: EvidenceItem): string => evidencePath(dataDir, item.sha256),

    /** Adds files and folders; one outcome per file, in a stable order. A bad file never stops the batch. */
    /** `shownPath`: what custody records as the origin when `paths` is a temp file (a browser upload). */
    ingest: async (caseId: string, paths: string[], source: string, originalName?: string, shownPath?: string) => {
      if (caseId !== UNFILED) cases.get(caseId);
      const candidates = await expand(paths);
      const results: IngestOutcome[] = [];
      for (const c of candidates) {
        if ('error' in c) results.push({ path: c.path, ok: false, error: c.error });
        else results.push(await ingestOne(caseId, c.path, originalName && candidates.length === 1 ? originalName : c.originalName, source, shownPath && candidates.length === 1 ? shownPath : c.path));
      }
      const stored = results.filter((r) => r.ok).length;
      log.info('evidence ingested', { caseId, stored, failed: results.length - stored });
      return { items: results, stored, failed: results.length - stored };
    },

    accessed: (id: string, purpose?: string): { eventId: string } => {
      const item = get(id);
      const [e] = cases.append([custody(id, 'viewed', purpose ? `Opened in full: ${purpose}` : 'Opened in full.', item.caseId)]);
      return { eventId: e.id };
    },

    /** Copies the stored file out, checking its hash on the way; a tampered file is not exported. */
    export: async (id: string, destination: string) => {
      const item = get(id);
      let target = resolve(destination);
      if (existsSync(target) && (await stat(target)).isDirectory()) target = join(target, basename(item.originalName));
      if (existsSync(target)) throw new DomainError('CONFLICT', `${target} already exists; choose another name or folder.`);
      const hash = createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _e, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(createReadStream(evidencePath(dataDir, item.sha256)), tap, createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        await rm(target, { force: true });
        throw new DomainError('STORAGE_ERROR', `The evidence could not be exported: ${describeFsError(e)}.`);
      }
      if (hash.digest('hex') !== item.sha256) {
        await rm(target, { force: true });
        cases.append([custody(id, 'verified', 'TAMPERED: export refused because the stored bytes no longer match their SHA-256.', item.caseId)]);
        throw new DomainError('CONFLICT', `The stored copy of "${item.originalName}" no longer matches its SHA-256, so it was not exported. Report this: the evidence store was changed outside Casebench.`);
      }
      const [e] = cases.append([custody(id, 'exported', `Exported to ${target}.`, item.caseId)]);
      return { path: target, sha256: item.sha256, eventId: e.id };
    },

    /** Re-hashes stored files; each check is a custody entry, and mismatches are named. */
    verify: async (id?: string, caseId?: string) => {
      const list = items(id, caseId);
      const tampered: { evidenceId: string; sha256: string; originalName: string; problem: string }[] = [];
      const drafts: EventDraft[] = [];
      const byHash = new Map<string, string | null>();
      for (const item of list) {
        let problem = byHash.get(item.sha256);
        if (problem === undefined) {
          const path = evidencePath(dataDir, item.sha256);
          try {
            const actual = await sha256File(path);
            problem = actual === item.sha256 ? null : `the stored bytes no longer match their SHA-256 (they now hash to ${actual})`;
          } catch (e) {
            problem = `the stored file ${describeFsError(e)}`;
          }
          byHash.set(item.sha256, problem);
        }
        if (problem) tampered.push({ evidenceId: item.id, sha256: item.sha256, originalName: item.originalName, problem });
        drafts.push(custody(item.id, 'verified', problem ? `TAMPERED: ${problem}.` : 'Integrity check passed: the stored bytes match their SHA-256.', item.caseId));
      }
      if (drafts.length) cases.append(drafts);
      return { checked: list.length, tampered };
    },

    similar: (id: string, maxDistance: number) => {
      const item = get(id);
      const out = new Map<string, { evidenceId: string; caseId: string; sha256: string; originalName: string; distance: number; frame: number | null }>();
      for (const h of index.of(item.sha256)) {
        for (const m of index.query(h.phashHi, h.phashLo, maxDistance)) {
          const owners = (m.frame >= 0 ? q.frameOwner.all(m.sha256) : q.bySha.all(m.sha256)) as { id: string; caseId: string; sha256: string; originalName: string }[];
          for (const o of owners) {
            if (o.id === id) continue;
            const prev = out.get(o.id);
            if (!prev || prev.distance > m.distance) out.set(o.id, { evidenceId: o.id, caseId: o.caseId, sha256: o.sha256, originalName: o.originalName, distance: m.distance, frame: m.frame >= 0 ? m.frame : null });
          }
        }
      }
      return [...out.values()].sort((a, b) => a.distance - b.distance);
    },
  };
};
export type EvidenceService = ReturnType<typeof createEvidenceService>;
