import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../helpers/evidence-fixtures.ts';
import { api, startShell, type RunningShell } from '../helpers/shell.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';

// The browser shell end to end: upload streams to a temp file and is ingested; stored evidence is served by
// hash with ranges and the right headers, only with the token; analysis runs as a job with progress.

describe('browser shell evidence routes', () => {
  let shell: RunningShell;
  let dir: string;
  let caseId = '';
  let jpeg: Buffer;
  let sha = '';
  let evidenceId = '';
  const auth = () => ({ Authorization: `Bearer ${shell.token}` });

  beforeAll(async () => {
    dir = tempDir();
    shell = await startShell(dir);
    const created = await api(shell, 'claims.create', claimDraft());
    caseId = (created.body.value as { id: string }).id;
    jpeg = await photoJpeg(41);
  });
  afterAll(async () => {
    await shell?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts an upload only with the token, stores it and answers like evidence.ingest', async () => {
    const refused = await fetch(`${shell.origin}/upload?caseId=${caseId}&name=front.jpg`, { method: 'POST', body: new Uint8Array(jpeg) });
    expect(refused.status).toBe(401);
    const res = await fetch(`${shell.origin}/upload?caseId=${caseId}&name=front.jpg`, { method: 'POST', headers: { ...auth(), 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(jpeg) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: { stored: number; items: { ok: boolean; sha256: string; evidenceId: string; path: string; mediaType: string }[] } };
    expect(body.value.stored).toBe(1);
    expect(body.value.items[0]).toMatchObject({ ok: true, path: 'front.jpg', mediaType: 'image/jpeg' });
    sha = body.value.items[0].sha256;
    evidenceId = body.value.items[0].evidenceId;
    const listed = await api(shell, 'evidence.list', { caseId });
    expect(listed.body.value).toEqual([expect.objectContaining({ id: evidenceId, originalName: 'front.jpg', source: 'upload', sha256: sha })]);
    const foreign = await fetch(`${shell.origin}/upload?caseId=${caseId}&name=x.jpg`, { method: 'POST', headers: { ...auth(), Origin: 'http://evil.example' }, body: new Uint8Array(jpeg) });
    expect(foreign.status).toBe(403);
  });

  it('serves stored evidence by hash with ranges, the sniffed type, inline and nosniff', async () => {
    expect((await fetch(`${shell.origin}/evidence/${sha}`)).status).toBe(401);
    const full = await fetch(`${shell.origin}/evidence/${sha}`, { headers: auth() });
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('content-disposition')).toBe('inline');
    expect(full.headers.get('x-content-type-options')).toBe('nosniff');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await full.arrayBuffer()).equals(jpeg)).toBe(true);
    const part = await fetch(`${shell.origin}/evidence/${sha}`, { headers: { ...auth(), Range: 'bytes=10-109' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-109/${jpeg.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(jpeg.subarray(10, 110))).toBe(true);
    expect((await fetch(`${shell.origin}/evidence/${sha}`, { headers: { ...auth(), Range: `bytes=${jpeg.length}-` } })).status).toBe(416);
    expect((await fetch(`${shell.origin}/evidence/${'a'.repeat(64)}`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${shell.origin}/evidence/..%2F..%2Fcasebench.sqlite`, { headers: auth() })).status).toBe(400);
  });

  it('ingests by path, runs analysis as a job with progress, and serves its heatmaps', async () => {
    const folder = join(dir, 'upload-src');
    execFileSync('mkdir', ['-p', folder]);
    writeFileSync(join(folder, 'side.jpg'), await photoJpeg(42));
    const ingested = await api(shell, 'evidence.ingest', { caseId, paths: [folder] });
    expect(ingested.body).toMatchObject({ ok: true, value: { stored: 1, failed: 0 } });
    const started = await api(shell, 'analysis.run', { caseId, analyzers: ['ela', 'reuse'] });
    const jobId = (started.body.value as { jobId: string }).jobId;
    let job: { state: string; done: number; total: number } = { state: 'running', done: 0, total: 0 };
    for (let i = 0; i < 300 && job.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await api(shell, 'jobs.get', { id: jobId })).body.value as typeof job;
    }
    expect(job).toMatchObject({ state: 'done', done: 4, total: 4 });
    const detail = (await api(shell, 'evidence.get', { id: evidenceId })).body.value as { findings: { label: string; artifacts: { sha256: string }[] }[]; custody: { action: string }[] };
    const ela = detail.findings.find((f) => f.label.startsWith('ela.'))!;
    expect(detail.custody.map((c) => c.action)).toEqual(['received', 'analysed']);
    const heatmap = await fetch(`${shell.origin}/artifacts/${ela.artifacts[0].sha256}`, { headers: auth() });
    expect(heatmap.status).toBe(200);
    expect(heatmap.headers.get('content-type')).toBe('image/png');
    const viewed = await api(shell, 'evidence.accessed', { id: evidenceId, purpose: 'full-size view' });
    expect(viewed.body.ok).toBe(true);
    const audit = await api(shell, 'audit.verify', {});
    expect(audit.body.value).toMatchObject({ ok: true });
  });
});
