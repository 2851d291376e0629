import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { CustomScheme } from 'electron';
import { sniffMediaType } from '../common/domain/media.ts';

export const EVIDENCE_SCHEME = 'evidence';

export const EVIDENCE_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: EVIDENCE_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
};

type SchemeRegistry = { registerSchemesAsPrivileged(schemes: CustomScheme[]): void };
type SchemeHandlers = { handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void };

/** Must run before `app` is ready: Chromium fixes scheme privileges at start-up. */
export const registerEvidenceScheme = (protocol: SchemeRegistry): void => {
  protocol.registerSchemesAsPrivileged([EVIDENCE_SCHEME_PRIVILEGES]);
};

// evidence://store/<sha256> and evidence://artifact/<sha256>: main only maps a hash to core's content-addressed
// path and streams the bytes (with ranges). The Content-Type comes from the same byte sniffing core used at
// intake (common/domain/media.ts), restricted to types a viewer may render.
const FOLDERS: Record<string, string> = { store: 'evidence', artifact: 'artifacts' };
const SAFE_TYPE = /^(image|video|audio)\/[a-z0-9.+-]{1,60}$|^application\/pdf$/;

const sniffFile = (file: string): string => {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffMediaType(head.subarray(0, n)).mediaType;
  } finally {
    closeSync(fd);
  }
};

const text = (status: number, body: string, headers: Record<string, string> = {}) => new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

export const answerEvidenceRequest = (request: Request, dataDir: string | undefined): Response => {
  if (!dataDir) return text(404, 'Evidence viewer is not available yet');
  const url = new URL(request.url);
  const folder = FOLDERS[url.hostname];
  const sha = url.pathname.replace(/^\//, '');
  if (!folder || !/^[0-9a-f]{64}$/.test(sha)) return text(400, 'Evidence is addressed as evidence://store/<sha256>.');
  const file = join(dataDir, folder, sha.slice(0, 2), sha);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return text(404, 'That file is not in the evidence store.');
  }
  const sniffed = sniffFile(file);
  const headers: Record<string, string> = {
    'content-type': SAFE_TYPE.test(sniffed) ? sniffed : 'application/octet-stream',
    'accept-ranges': 'bytes',
    'content-disposition': 'inline',
    'x-content-type-options': 'nosniff',
  };
  const m = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get('range') ?? '');
  let start = 0;
  let end = size - 1;
  if (m && (m[1] !== '' || m[2] !== '')) {
    start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
    end = m[1] !== '' && m[2] !== '' ? Math.min(Number(m[2]), size - 1) : size - 1;
    if (start >= size || start > end) return text(416, 'Range not satisfiable', { 'content-range': `bytes */${size}` });
    headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['content-length'] = String(end - start + 1);
  const body = size === 0 ? null : (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: headers['content-range'] ? 206 : 200, headers });
};

export const handleEvidenceProtocol = (protocol: SchemeHandlers, dataDir?: string): void => {
  protocol.handle(EVIDENCE_SCHEME, (request) => answerEvidenceRequest(request, dataDir));
};
