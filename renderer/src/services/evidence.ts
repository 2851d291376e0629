import type { CallOutput, EventBody } from '../../../common/contract.ts';
import type { AppError, Result } from '../../../common/result.ts';
import { call, subscribe } from '../api/client.ts';
import { findBridge, pathForFile } from '../api/bridge.ts';

// Evidence, custody, analysis and findings calls as the evidence store uses them, plus the two things that
// are not calls: reading stored bytes (an address the viewers load) and sending a file's bytes to core
// (the browser shell's upload route; a call message is capped at 4 MiB, evidence files are not).

export type EvidenceItem = CallOutput<'evidence.list'>[number];
export type EvidenceRecord = CallOutput<'evidence.get'>;
export type FindingView = EvidenceRecord['findings'][number];
export type CustodyEntry = EvidenceRecord['custody'][number];
export type IntegrityReport = CallOutput<'evidence.verify'>;
export type AnalyzerInfo = CallOutput<'analysis.analyzers'>[number];
export type SimilarItem = CallOutput<'evidence.similar'>[number];
export type IngestOutcome = CallOutput<'evidence.ingest'>['items'][number];
export type Job = CallOutput<'jobs.get'>;
export type JobProgress = EventBody<'job.progress'>;
export type CaseChange = EventBody<'case.changed'>;
export type EvidenceSource = 'picker' | 'drop' | 'folder';

/** The desktop window reads stored files through its evidence:// scheme; the browser shell through the gateway. */
const inDesktopWindow = (): boolean => findBridge() !== null;

export const evidenceUrl = (sha256: string): string => (inDesktopWindow() ? `evidence://store/${sha256}` : `/evidence/${sha256}`);
export const artifactUrl = (sha256: string): string => (inDesktopWindow() ? `evidence://artifact/${sha256}` : `/artifacts/${sha256}`);

/** The browser shell's route that takes one file's bytes per request (core hashes, sniffs and stores them). */
export const UPLOAD_PATH = '/upload';

export type UploadProgress = { sent: number; total: number };

/**
 * Why a file cannot be added from this window, or null when it can. The desktop window has no gateway, and
 * a sandboxed page cannot learn a dropped or picked file's path without the preload's help.
 */
export const intakeUnavailable = (): string | null =>
  inDesktopWindow() && !findBridge()?.pathForFile
    ? 'Adding files in this desktop window is not available: it cannot hand core the file’s location. Add files from the browser shell (npm run web) or with `casebench analyze FILE --case ID`.'
    : null;

/** In the desktop window core reads the file where it lies: no bytes cross the window boundary. */
const ingestByPath = async (caseId: string, file: File, source: EvidenceSource, onProgress: (p: UploadProgress) => void): Promise<Result<IngestOutcome>> => {
  const path = pathForFile(file);
  if (!path) return { ok: false, error: { code: 'INVALID_INPUT', message: `"${file.name}" has no location on disk (it may come from another app); save it to a folder first, then add it.` } };
  const result = await call('evidence.ingest', { caseId, paths: [path], source });
  if (!result.ok) return result;
  const outcome = result.value.items[0];
  if (!outcome) return { ok: false, error: { code: 'INVALID_INPUT', message: `Casebench found nothing to add in "${file.name}".` } };
  onProgress({ sent: file.size, total: file.size });
  if (!outcome.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: outcome.error ?? 'Casebench refused this file.' } };
  return { ok: true, value: outcome };
};

const readError = (status: number, body: string): AppError => {
  try {
    const parsed = JSON.parse(body) as { ok?: boolean; error?: AppError; items?: IngestOutcome[] };
    if (parsed.error?.message) return parsed.error;
    const refused = parsed.items?.find((i) => !i.ok);
    if (refused?.error) return { code: 'INVALID_INPUT', message: refused.error };
  } catch {
    // not JSON: fall through to the status
  }
  if (status === 404) return { code: 'NOT_FOUND', message: 'This Casebench cannot take files yet (its upload route is missing). Update Casebench, or add files with the command line.' };
  if (status === 413) return { code: 'TOO_LARGE', message: 'The file is larger than Casebench accepts.' };
  if (status === 401) return { code: 'UNAUTHORIZED', message: 'This session has expired: open the address Casebench printed when it started.' };
  return { code: 'INTERNAL', message: `Casebench could not store the file (HTTP ${status}). Try again; if it keeps failing, check the app’s log.` };
};

/** What core answered for one uploaded file: its outcome, in the contract's shape. */
const readOutcome = (body: string): IngestOutcome | null => {
  try {
    const parsed = JSON.parse(body) as { ok?: boolean; value?: unknown; items?: unknown };
    const value = (parsed.ok === true ? parsed.value : parsed) as { items?: IngestOutcome[] } | IngestOutcome;
    if (value && 'items' in value && Array.isArray(value.items)) return value.items[0] ?? null;
    if (value && 'ok' in value && typeof value.ok === 'boolean') return value;
  } catch {
    // handled by the caller
  }
  return null;
};

/**
 * Sends one file's bytes to the gateway. XMLHttpRequest rather than fetch: fetch reports no upload progress
 * over HTTP/1.1 (streamed request bodies need HTTP/2), and a large video needs a moving bar.
 */
const uploadFile = (caseId: string, file: File, source: EvidenceSource, relativePath: string, onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<Result<IngestOutcome>> =>
  inDesktopWindow() ? ingestByPath(caseId, file, source, onProgress) : new Promise((resolve) => {
    const params = new URLSearchParams({ caseId, name: file.name, source });
    if (relativePath && relativePath !== file.name) params.set('path', relativePath);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${UPLOAD_PATH}?${params.toString()}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return resolve({ ok: false, error: readError(xhr.status, xhr.responseText) });
      const outcome = readOutcome(xhr.responseText);
      if (!outcome) return resolve({ ok: false, error: { code: 'INTERNAL', message: 'Casebench answered the upload in a way this screen cannot read. Reload the page and check the gallery.' } });
      if (!outcome.ok) return resolve({ ok: false, error: { code: 'INVALID_INPUT', message: outcome.error ?? 'Casebench refused this file.' } });
      resolve({ ok: true, value: outcome });
    };
    xhr.onerror = () => resolve({ ok: false, error: { code: 'INTERNAL', message: 'The connection to Casebench dropped while sending this file. Check that it is still running, then add the file again.' } });
    xhr.onabort = () => resolve({ ok: false, error: { code: 'CONFLICT', message: 'Stopped before the file was stored.' } });
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });

export const evidenceService = {
  list: (caseId: string) => call('evidence.list', { caseId }),
  get: (id: string) => call('evidence.get', { id }),
  custody: (id: string) => call('evidence.custody', { id }),
  findings: (caseId: string) => call('findings.list', { caseId }),
  /** Records that a person opened the item in full; the custody log shows it. */
  accessed: (id: string, purpose: string) => call('evidence.accessed', { id, purpose }),
  verify: (id: string) => call('evidence.verify', { id }),
  verifyCase: (caseId: string) => call('evidence.verify', { caseId }),
  similar: (id: string) => call('evidence.similar', { id, maxDistance: 10 }),
  analyzers: () => call('analysis.analyzers', {}),
  analyseCase: (caseId: string) => call('analysis.run', { caseId }),
  analyseItem: (evidenceId: string) => call('analysis.run', { evidenceId }),
  job: (id: string) => call('jobs.get', { id }),
  cancelJob: (id: string) => call('jobs.cancel', { id }),
  upload: uploadFile,
  onJobProgress: (listener: (progress: JobProgress) => void): (() => void) => subscribe('job.progress', listener),
  onCaseChanged: (listener: (change: CaseChange) => void): (() => void) => subscribe('case.changed', listener),
};
