import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../common/contract.ts';
import type { ErrorCode } from '../../common/result.ts';
import { openConnection } from '../api/connection.ts';
import type { Dispatch } from '../api/dispatch.ts';
import { handleEvidenceHttp } from '../evidence/http.ts';
import { log } from '../logger.ts';
import type { Workspace } from '../workspace.ts';

// The browser shell's gateway: the same contract as the Electron MessagePort, over loopback HTTP and
// WebSocket, behind a random per-launch token.

const COOKIE = 'casebench_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};
const STATUS: Partial<Record<ErrorCode, number>> = {
  UNKNOWN_CALL: 404,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHORIZED: 401,
  TOO_LARGE: 413,
};

export const contentSecurityPolicy = (port: number): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // 'self', not 'none': the document viewer frames a stored PDF from /evidence/<sha256> on this origin.
    "frame-ancestors 'self'",
  ].join('; ');

export type GatewayOptions = { workspace: Workspace; dispatch: Dispatch; staticDir: string; port?: number; token?: string };
export type Gateway = { url: string; port: number; token: string; close: () => Promise<void> };

const sameToken = (given: string | undefined | null, token: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieToken = (req: IncomingMessage): string | undefined => {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
};

export const startGateway = async (options: GatewayOptions): Promise<Gateway> => {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  let port = 0;

  const headers = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  };
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  /** Host must name this loopback listener: a page on another name (DNS rebinding) is refused. */
  const hostAllowed = (req: IncomingMessage) => req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  const authorised = (req: IncomingMessage, url: URL) => {
    const bearer = req.headers.authorization?.startsWith('Bearer ') ? req.headers.authorization.slice(7) : undefined;
    return sameToken(url.searchParams.get('token'), token) || sameToken(bearer, token) || sameToken(cookieToken(req), token);
  };

  const serveStatic = (res: ServerResponse, pathname: string) => {
    const rel = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(staticRoot, rel);
    if (!file.startsWith(staticRoot + sep)) return send(res, 403, 'Forbidden');
    const target = existsSync(file) && statSync(file).isFile() ? file : extname(rel) ? null : join(staticRoot, 'index.html');
    if (!target || !existsSync(target)) {
      return send(res, target ? 503 : 404, target ? 'The app has not been built yet: run `npm run build`.' : 'Not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream', 'Cache-Control': extname(target) === '.html' ? 'no-store' : 'max-age=3600' });
    createReadStream(target).pipe(res);
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolveBody, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      // An oversize body is drained and discarded, so the client still gets its 413 answer.
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_MESSAGE_BYTES) chunks.push(c);
      });
      req.on('end', () => (size > MAX_MESSAGE_BYTES ? reject(new Error('too large')) : resolveBody(Buffer.concat(chunks).toString('utf8'))));
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    headers(res);
    try {
      if (!hostAllowed(req)) return send(res, 421, 'Misdirected request: use the address Casebench printed.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (!authorised(req, url)) {
        const message = 'This Casebench session needs its access token: open the address printed when it started.';
        if (url.pathname.startsWith('/api/')) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message } }), 'application/json');
        return send(res, 401, message);
      }
      if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        // Trade the token in the address for a cookie, so it does not linger in history or the address bar.
        res.writeHead(303, { 'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, Location: url.pathname, 'Cache-Control': 'no-store' });
        return res.end();
      }
      // Evidence bytes never travel through calls: stored files, artifacts and uploads have their own routes.
      if (await handleEvidenceHttp(options.workspace, req, res, url, `http://${req.headers.host}`)) return;
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Use POST.');
        let input: unknown;
        try {
          const body = await readBody(req);
          input = body ? JSON.parse(body) : {};
        } catch (e) {
          const tooLarge = (e as Error).message === 'too large';
          return send(res, tooLarge ? 413 : 400, JSON.stringify({ ok: false, error: { code: tooLarge ? 'TOO_LARGE' : 'INVALID_INPUT', message: tooLarge ? `A request may be at most ${MAX_MESSAGE_BYTES} bytes.` : 'The request body is not valid JSON.' } }), 'application/json');
        }
        const result = await options.dispatch(decodeURIComponent(url.pathname.slice(5)), input);
        return send(res, result.ok ? 200 : (STATUS[result.error.code] ?? 500), JSON.stringify(result), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      return serveStatic(res, url.pathname);
    } catch (e) {
      log.error('gateway request failed', { message: (e as Error).message });
      if (!res.headersSent) send(res, 500, 'Internal error');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (url.pathname !== '/ws' || !hostAllowed(req) || !originOk || !authorised(req, url)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (client: WebSocket) => {
      const connection = openConnection(options.workspace, options.dispatch, (m) => {
        if (client.readyState === client.OPEN) client.send(JSON.stringify(m));
      });
      client.on('message', (data, isBinary) => {
        if (isBinary) return;
        void connection.receive(data.toString());
      });
      client.on('close', () => connection.close());
      client.on('error', () => connection.close());
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  log.info('gateway listening', { port });
  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
};
