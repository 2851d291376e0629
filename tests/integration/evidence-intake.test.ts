import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../core/api/dispatch.ts';
import { createHandlers } from '../../core/api/handlers.ts';
import { rebuildProjections } from '../../core/cases/rebuild.ts';
import { auditDataFolder } from '../../core/events/verify.ts';
import { evidencePath } from '../../core/evidence/store.ts';
import { bombPng, photoJpeg } from '../helpers/evidence-fixtures.ts';
import { claimDraft, tempDir, withWorkspace } from '../helpers/workspace.ts';

// Intake and chain of custody, as an investigator would check them: every file stored once under its hash,
// read-only, typed by its bytes; every access in the custody log; bad files refused one by one while the rest
// of the batch goes in; and the audit trail still verifies afterwards.

describe('evidence intake and custody', () => {
  const env = withWorkspace();
  const { ws, dir } = env;
  const outside = tempDir('casebench-outside-');
  const folder = join(dir, 'from-claimant');
  let caseId = '';
  let otherCase = '';
  let jpeg: Buffer;

  beforeAll(async () => {
    caseId = ws.cases.createClaim(claimDraft()).id;
    otherCase = ws.cases.createClaim(claimDraft()).id;
    jpeg = await photoJpeg(11);
    mkdirSync(join(folder, 'day2', 'close-ups'), { recursive: true });
    writeFileSync(join(folder, 'front.jpg'), jpeg);
    writeFileSync(join(folder, 'day2', 'rear.jpg'), await photoJpeg(12));
    writeFileSync(join(folder, 'day2', 'close-ups', 'scratch.png'), await photoJpeg(13)); // a JPEG named .png
    writeFileSync(join(folder, 'empty.jpg'), Buffer.alloc(0));
    writeFileSync(join(folder, 'bomb.png'), bombPng());
    writeFileSync(join(folder, 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length * 0.4)));
    execFileSync('mkfifo', [join(folder, 'pipe.jpg')]);
    writeFileSync(join(outside, 'secret.txt'), 'not evidence');
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'link-out.jpg'));
    symlinkSync(join(folder, 'front.jpg'), join(folder, 'link-in.jpg'));
  });
  afterAll(() => env.cleanup());

  it('adds a folder recursively, one outcome per file, refusing bad entries without stopping the batch', async () => {
    const result = await ws.evidence.ingest(caseId, [folder], 'folder');
    const byName = Object.fromEntries(result.items.map((i) => [i.path.split('/').pop()!, i]));
    expect(byName['front.jpg']).toMatchObject({ ok: true, mediaType: 'image/jpeg', duplicate: false });
    expect(byName['rear.jpg']).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
    expect(byName['scratch.png']).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
    expect(byName['bomb.png']).toMatchObject({ ok: true, mediaType: 'image/png' }); // stored; analysis refuses to decode it
    expect(byName['truncated.jpg']).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
    expect(byName['empty.jpg']).toMatchObject({ ok: false });
    expect(byName['empty.jpg'].error).toMatch(/empty \(0 bytes\)/);
    expect(byName['pipe.jpg'].error).toMatch(/pipe \(FIFO\)/);
    expect(byName['link-out.jpg'].error).toMatch(/link pointing outside the chosen folder/);
    // a link to a file inside the folder is the same bytes as front.jpg: stored once, reported as known
    const front = result.items.filter((i) => i.sha256 === byName['front.jpg'].sha256);
    expect(front).toHaveLength(2);
    expect(front.filter((i) => i.duplicate)).toHaveLength(1);
    expect(result).toMatchObject({ stored: 6, failed: 3 });
    expect(ws.evidence.list(caseId)).toHaveLength(5);
  });

  it('stores each file once under evidence/<2 hex>/<sha256>, read-only, byte for byte', () => {
    const item = ws.evidence.list(caseId).find((i) => i.originalName === 'front.jpg')!;
    const path = evidencePath(dir, item.sha256);
    expect(path).toBe(join(dir, 'evidence', item.sha256.slice(0, 2), item.sha256));
    expect(readFileSync(path).equals(jpeg)).toBe(true);
    expect(statSync(path).mode & 0o222).toBe(0);
    expect(item).toMatchObject({ size: jpeg.length, mediaType: 'image/jpeg', kind: 'image', source: 'folder', addedBy: ws.profile().name });
  });

  it('records a renamed file as what its bytes say, with an extension-mismatch finding', () => {
    const item = ws.evidence.list(caseId).find((i) => i.originalName === 'scratch.png')!;
    expect(item).toMatchObject({ mediaType: 'image/jpeg', extensionMismatch: true, verdict: 'warning' });
    expect(ws.evidence.findingsOf(item.id).map((f) => f.label)).toEqual(['intake.extension-mismatch']);
    expect(ws.evidence.list(caseId).find((i) => i.originalName === 'front.jpg')!.extensionMismatch).toBe(false);
  });

  it('keeps a chain of custody: received, viewed and exported entries with who and when', async () => {
    const item = ws.evidence.list(caseId).find((i) => i.originalName === 'rear.jpg')!;
    ws.evidence.accessed(item.id, 'compare with estimate photos');
    const exportDir = tempDir('casebench-export-');
    const exported = await ws.evidence.export(item.id, exportDir);
    expect(readFileSync(exported.path).equals(readFileSync(evidencePath(dir, item.sha256)))).toBe(true);
    await expect(ws.evidence.export(item.id, exportDir)).rejects.toThrow(/already exists/);
    const custody = ws.evidence.custodyOf(item.id);
    expect(custody.map((c) => c.action)).toEqual(['received', 'viewed', 'exported']);
    expect(custody[0].detail).toContain(item.sha256);
    expect(custody[1].detail).toContain('compare with estimate photos');
    expect(custody[2].detail).toContain(exported.path);
    for (const c of custody) expect(c).toMatchObject({ actor: ws.profile().name, deviceId: ws.store.deviceId });
    // custody entries are events in the case's log, so the timeline and the audit see them
    expect(ws.queries.timeline(caseId).filter((e) => e.type === 'evidence.custody').length).toBe(7);
  });

  it('the same file added to another case is a new evidence item sharing the stored bytes', async () => {
    const r = await ws.evidence.ingest(otherCase, [join(folder, 'front.jpg')], 'picker');
    expect(r.items[0]).toMatchObject({ ok: true, duplicate: false });
    const again = await ws.evidence.ingest(otherCase, [join(folder, 'front.jpg')], 'picker');
    expect(again.items[0]).toMatchObject({ ok: true, duplicate: true, evidenceId: r.items[0].evidenceId });
    expect(ws.evidence.list(otherCase)).toHaveLength(1);
  });

  it('reports a stored file whose bytes changed as tampered, and refuses to export it', async () => {
    const item = ws.evidence.list(caseId).find((i) => i.originalName === 'rear.jpg')!;
    const clean = await ws.evidence.verify(undefined, caseId);
    expect(clean).toEqual({ checked: 5, tampered: [] });
    const path = evidencePath(dir, item.sha256);
    chmodSync(path, 0o644);
    const bytes = readFileSync(path);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(path, bytes);
    const report = await ws.evidence.verify(undefined, caseId);
    expect(report.tampered).toEqual([expect.objectContaining({ evidenceId: item.id, originalName: 'rear.jpg', problem: expect.stringMatching(/no longer match their SHA-256/) })]);
    await expect(ws.evidence.export(item.id, join(tempDir(), 'copy.jpg'))).rejects.toThrow(/no longer matches its SHA-256/);
    expect(ws.evidence.custodyOf(item.id).filter((c) => c.detail.startsWith('TAMPERED')).length).toBeGreaterThanOrEqual(2);
  });

  it('answers through the contract: bad input is refused with a stable code, and an unknown case is NOT_FOUND', async () => {
    const dispatch = createDispatcher(createHandlers(ws));
    expect(await dispatch('evidence.ingest', { caseId, paths: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('evidence.ingest', { caseId: 'no-such-case', paths: [folder] })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch('analysis.run', { evidenceId: 'x', caseId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const listed = await dispatch('evidence.list', { caseId });
    expect(listed.ok && (listed.value as unknown[]).length).toBe(5);
  });

  it('keeps the store healthy: the audit verifies and a rebuild gives the same evidence, custody and findings', () => {
    expect(auditDataFolder(ws.db, dir)).toMatchObject({ ok: true, firstBad: null });
    const snapshot = () => ['evidence', 'custody', 'findings'].map((t) => ws.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all());
    const before = snapshot();
    expect(before[0].length).toBe(6);
    rebuildProjections(ws.db);
    expect(snapshot()).toEqual(before);
    expect(existsSync(join(dir, 'evidence', 'tmp'))).toBe(true);
  });
});
