import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../common/result.ts';
import { log } from '../logger.ts';
import type { Workspace } from '../workspace.ts';
import { SHA256_RE, artifactPath, evidencePath, tempFile } from './store.ts';

// The browser shell's evidence routes (behind the gateway's token check): stored files and derived artifacts
// by hash with range requests, and uploads streamed to a temp file and then ingested like a picked file.

export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};
const failure = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { ok: false, error: { code, message } });

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/** One `bytes=` range (the only kind media elements send); null means the whole file. */
export const parseRange = (header: string | undefined, size: number): ByteRange => {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
};

export const serveStored = (res: ServerResponse, req: IncomingMessage, file: string, mediaType: string) => {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return failure(res, 404, 'NOT_FOUND', 'That file is not in the evidence store.');
  }
  const range = parseRange(req.headers.range, size);
  // The document viewer frames a stored PDF from this origin; nothing else may frame evidence.
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  const common = { 'Content-Type': mediaType, 'Accept-Ranges': 'bytes', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=31536000, immutable' };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` });
    return res.end();
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, { ...common, 'Content-Length': String(Math.max(0, end - start + 1)), ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}) });
  if (req.method === 'HEAD' || size === 0) return res.end();
  createReadStream(file, { start, end }).pipe(res);
};

/** Handles /evidence/<sha256>, /artifacts/<sha256> and POST /upload; false when the path is not one of them. */
export const handleEvidenceHttp = async (ws: Workspace, req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<boolean> => {
  const m = /^\/(evidence|artifacts)\/([^/]+)$/.exec(url.pathname);
  if (m) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return failure(res, 405, 'INVALID_INPUT', 'Use GET.'), true;
    const sha = m[2];
    if (!SHA256_RE.test(sha)) return failure(res, 400, 'INVALID_INPUT', 'Evidence is addressed by its SHA-256 in lower-case hex.'), true;
    const table = m[1] === 'evidence' ? 'evidence' : 'artifacts';
    const mediaType = ws.db.prepare(table === 'evidence' ? 'SELECT media_type FROM evidence WHERE sha256 = ? LIMIT 1' : 'SELECT media_type FROM artifacts WHERE sha256 = ?').pluck().get(sha) as string | undefined;
    if (!mediaType) return failure(res, 404, 'NOT_FOUND', 'No stored file has that SHA-256.'), true;
    serveStored(res, req, table === 'evidence' ? evidencePath(ws.dataDir, sha) : artifactPath(ws.dataDir, sha), mediaType);
    return true;
  }
  if (url.pathname !== '/upload') return false;
  if (req.method !== 'POST') return failure(res, 405, 'INVALID_INPUT', 'Upload with POST.'), true;
  if (req.headers.origin !== undefined && req.headers.origin !== origin) return failure(res, 403, 'FORBIDDEN', 'Uploads are accepted only from the Casebench page itself.'), true;
  const caseId = url.searchParams.get('caseId') ?? '';
  const name = (url.searchParams.get('name') ?? 'upload').replace(/[/\\]/g, '_').slice(0, 255) || 'upload';
  // Where the person picked the file from (a path inside a dropped folder) and how; shown in custody.
  const printable = (s: string) => s.replace(/\p{Cc}/gu, ' ');
  const source = printable(url.searchParams.get('source') ?? 'upload').slice(0, 100) || 'upload';
  const shownPath = printable(url.searchParams.get('path') ?? name).slice(0, 500) || name;
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (!caseId) return failure(res, 400, 'INVALID_INPUT', 'Say which case the file belongs to (?caseId=).'), true;
  if (declared > MAX_UPLOAD_BYTES) return failure(res, 413, 'TOO_LARGE', `A file may be at most ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB.`), true;
  const temp = tempFile(ws.dataDir, 'upload');
  try {
    let received = 0;
    req.on('data', (c: Buffer) => {
      received += c.length;
      if (received > MAX_UPLOAD_BYTES) req.destroy(new Error('too large'));
    });
    await pipeline(req, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
    const result = await ws.evidence.ingest(caseId, [temp], source, name, `${shownPath} (uploaded through the browser shell)`);
    // The temp name means nothing to a person; report the uploaded name.
    json(res, 200, { ok: true, value: { ...result, items: result.items.map((i) => ({ ...i, path: name })) } });
  } catch (e) {
    if (e instanceof DomainError) failure(res, e.code === 'NOT_FOUND' ? 404 : 400, e.code, e.message);
    else {
      log.warn('upload failed', { message: (e as Error).message });
      if (!res.headersSent) failure(res, 400, 'INVALID_INPUT', `The upload did not complete (${(e as Error).message}). Nothing was stored.`);
    }
  } finally {
    await rm(temp, { force: true });
  }
  return true;
};
