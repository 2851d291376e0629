import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { handleEvidenceProtocol, registerEvidenceScheme } from '../../main/protocol.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'casebench-protocol-'));
const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(Array.from({ length: 996 }, (_, i) => i % 251))]);
const html = Buffer.from('<html><script>alert(1)</script></html>');
const htmlSha = createHash('sha256').update(html).digest('hex');
const sha = createHash('sha256').update(bytes).digest('hex');
mkdirSync(join(dataDir, 'evidence', sha.slice(0, 2)), { recursive: true });
writeFileSync(join(dataDir, 'evidence', sha.slice(0, 2), sha), bytes);
mkdirSync(join(dataDir, 'evidence', htmlSha.slice(0, 2)), { recursive: true });
writeFileSync(join(dataDir, 'evidence', htmlSha.slice(0, 2), htmlSha), html);

const handlerFor = (dir?: string) => {
  const handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  handleEvidenceProtocol({ handle: (scheme, handler) => handlers.set(scheme, handler) }, dir);
  return handlers.get('evidence')!;
};

describe('evidence:// protocol', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('registers evidence as a standard, secure, streaming, fetchable scheme', () => {
    const registered: CustomScheme[] = [];
    registerEvidenceScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([{ scheme: 'evidence', privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } }]);
  });

  it('without a data folder answers 404 saying the viewer is not available, rather than a fake file', async () => {
    const response = await handlerFor(undefined)(new Request('evidence://store/3b1f0c'));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Evidence viewer is not available yet');
  });

  it('streams a stored file by its hash, inline, with the type sniffed from its bytes and nosniff', async () => {
    const response = await handlerFor(dataDir)(new Request(`evidence://store/${sha}`));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers a range request with 206 and exactly those bytes', async () => {
    const response = await handlerFor(dataDir)(new Request(`evidence://store/${sha}`, { headers: { range: 'bytes=100-199' } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await handlerFor(dataDir)(new Request(`evidence://store/${sha}`, { headers: { range: 'bytes=-10' } }));
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(990))).toBe(true);
    expect((await handlerFor(dataDir)(new Request(`evidence://store/${sha}`, { headers: { range: 'bytes=5000-' } }))).status).toBe(416);
  });

  it('refuses paths that are not a hash and unknown hashes, and never serves a page as HTML', async () => {
    const h = handlerFor(dataDir);
    expect((await h(new Request('evidence://store/..%2F..%2Fetc%2Fpasswd'))).status).toBe(400);
    expect((await h(new Request(`evidence://other/${sha}`))).status).toBe(400);
    expect((await h(new Request(`evidence://store/${'0'.repeat(64)}`))).status).toBe(404);
    const page = await h(new Request(`evidence://store/${htmlSha}`));
    expect(page.headers.get('content-type')).toBe('application/octet-stream');
  });
});
