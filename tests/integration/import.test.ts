import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../e2e/fixtures.ts';
import { IMPORT_BATCH_SIZE, UPLOAD_CHUNK_BYTES, type ImportPreview, type ImportReport } from '../../common/calls/import.ts';
import type { Result } from '../../common/result.ts';
import { createDispatcher } from '../../core/api/dispatch.ts';
import type { Handlers } from '../../core/api/dispatch.ts';
import { auditDataFolder } from '../../core/events/verify.ts';
import { createImportHandlers } from '../../core/import/handlers.ts';
import { importFile, previewFile, type ImportOutcome } from '../../core/import/pipeline.ts';
import type { Workspace } from '../../core/workspace.ts';
import { CLAIMS_HEADER, claimsCsvRow, writeClaimsCsv } from '../helpers/import-fixtures.ts';
import { tempDir, withWorkspace } from '../helpers/workspace.ts';

const FRAUD_ORACLE = join(REPO_ROOT, '..', 'shared', 'data', 'fraud_oracle.csv');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const workspace = () => {
  const w = withWorkspace();
  cleanups.push(w.cleanup);
  return w;
};
const claimCount = (ws: Workspace) => ws.db.prepare("SELECT count(*) FROM cases WHERE kind = 'claim'").pluck().get() as number;
const expected = (p: Awaited<ReturnType<typeof previewFile>>, fileName = 'f.csv') => ({ format: p.format, fingerprint: p.fingerprint, valid: p.valid, importId: 'test', fileName });
const noCancel = { signal: new AbortController().signal, progress: () => {} };

describe('import preview: every rejected row with its number and reason', () => {
  it('rejects malformed quotes, wrong column counts, bad dates, bad amounts and repeated claim numbers, and keeps the good rows', async () => {
    const dir = tempDir();
    const path = join(dir, 'mixed.csv');
    const good = (n: number) => claimsCsvRow(n);
    const cells = (n: number) => good(n).split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const withCell = (n: number, i: number, v: string) => cells(n).map((c, j) => (j === i ? v : c)).join(',');
    const lines = [
      CLAIMS_HEADER,
      good(1), // row 2
      withCell(2, 7, '"Mill "Road", Riverton"'), // row 3: text after a closing quote
      good(3).split(',').slice(0, 5).join(','), // row 4: too few fields
      withCell(4, 6, '03/10/2026'), // row 5: not ISO
      withCell(5, 12, 'lots'), // row 6: not an amount
      withCell(6, 3, '2024-13-45x'), // row 7: bad inception date
      good(1), // row 8: same claim number as row 2
      good(8), // row 9
      withCell(9, 12, 'x'.repeat(5000)), // row 10: a long bad cell, quoted in a reason of readable length
    ];
    writeFileSync(path, lines.join('\r\n'));
    const p = await previewFile(null, path);
    expect(p).toMatchObject({ format: 'claims-csv', rows: 9, valid: 2, duplicates: 0 });
    expect(p.sample.map((s) => [s.row, s.claimNumber])).toEqual([
      [2, 'IMP-0000001'],
      [9, 'IMP-0000008'],
    ]);
    expect(p.rejected).toEqual([
      { row: 3, reason: expect.stringMatching(/^malformed CSV: a quoted field is followed by other text/) },
      { row: 4, reason: `has 5 fields where the header has ${CLAIMS_HEADER.split(',').length}` },
      { row: 5, reason: 'incident.occurredAt: must be a date and time like 2026-03-31T14:05' },
      { row: 6, reason: 'amount_claimed "lots" is not an amount' },
      { row: 7, reason: 'policy.inceptionDate: must be a date like 2026-03-31' },
      { row: 8, reason: 'claim number IMP-0000001 is also on row 2' },
      { row: 10, reason: expect.stringMatching(/^amount_claimed "x+…$/) },
    ]);
    expect(p.rejected[6].reason).toHaveLength(300);
  });

  it('refuses empty, blank, binary and non-UTF-8 files in plain words', async () => {
    const dir = tempDir();
    const file = (name: string, content: string | Buffer) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    await expect(previewFile(null, file('empty.csv', ''))).rejects.toThrow('The file is empty: it has no header line and no rows.');
    await expect(previewFile(null, file('blank.csv', '\n  \r\n'))).rejects.toThrow(/The file is empty/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(previewFile(null, file('photo.csv', png))).rejects.toThrow('This file is a PNG image, not a CSV or JSON file.');
    await expect(previewFile(null, file('random.csv', Buffer.from([0x41, 0x00, 0x9f, 0x12, 0x00])))).rejects.toThrow(/not text \(it contains binary data\)/);
    await expect(previewFile(null, file('latin1.csv', Buffer.from('policy_number,claimant_name\nP-1,Ren\xe9e\n', 'latin1')))).rejects.toThrow(/not UTF-8 text/);
    await expect(previewFile(null, file('people.csv', 'name,age\nAnn,3\n'))).rejects.toThrow(/does not name any column Casebench knows/);
  });

  it('reads a JSON array of claim drafts, rejecting a broken element by its number', async () => {
    const dir = tempDir();
    const draft = { policy: { number: 'P-1', type: 'collision', inceptionDate: '2024-01-01' }, parties: [{ role: 'claimant', name: 'Ann Lee' }], vehicles: [], incident: { occurredAt: '2026-02-01T10:00', place: '', description: '', policeReportFiled: false, witnessesPresent: false, fault: 'unknown' }, amountClaimedCents: 1000 };
    const path = join(dir, 'claims.json');
    writeFileSync(path, `[${JSON.stringify(draft)}, {"policy": }, ${JSON.stringify({ ...draft, amountClaimedCents: -5 })}]`);
    const p = await previewFile(null, path);
    expect(p).toMatchObject({ format: 'claims-json', rows: 3, valid: 1 });
    expect(p.rejected).toEqual([
      { row: 2, reason: expect.stringMatching(/^claim 2 is not valid JSON/) },
      { row: 3, reason: expect.stringMatching(/^amountClaimedCents: /) },
    ]);
  });
});

describe('the example files', () => {
  it('examples/claims.csv: two claims and one rejected row; examples/claims.json: one claim and one rejected', async () => {
    const csv = await previewFile(null, join(REPO_ROOT, 'examples', 'claims.csv'));
    expect(csv).toMatchObject({ format: 'claims-csv', rows: 3, valid: 2, rejected: [{ row: 4, reason: expect.stringMatching(/^incident\.occurredAt/) }] });
    const json = await previewFile(null, join(REPO_ROOT, 'examples', 'claims.json'));
    expect(json).toMatchObject({ format: 'claims-json', rows: 2, valid: 1, rejected: [{ row: 2, reason: expect.stringMatching(/^amountClaimedCents: /) }] });
  });
});

describe('import run', () => {
  it('imports the valid rows in signed batches, and a second import of the same file creates nothing', async () => {
    const { ws, dir } = workspace();
    const path = writeClaimsCsv(dir, 'claims.csv', 1050, ['X-1,P,collision,not-a-date,,,2026-01-01T10:00,,,,,,1,Ann']);
    const p = await previewFile(ws.db, path);
    expect(p.valid).toBe(1050);
    const seen: number[] = [];
    const out = await importFile(ws, path, expected(p), { signal: new AbortController().signal, progress: (done) => seen.push(done) }, 100);
    expect(out).toMatchObject({ imported: 1050, batches: 11, skipped: 1, cancelled: false });
    expect(seen).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1050]);
    expect(claimCount(ws)).toBe(1050);
    expect(auditDataFolder(ws.db, ws.dataDir)).toMatchObject({ ok: true, events: 1050, signedBatches: 11 });

    const again = await previewFile(ws.db, path);
    expect(again.valid).toBe(0);
    expect(again.rejected[0]).toEqual({ row: 2, reason: 'claim number IMP-0000001 is already used by another case (already imported?)' });
  });

  it('stops between batches when cancelled: whole batches only, and the audit still verifies', async () => {
    const { ws, dir } = workspace();
    const path = writeClaimsCsv(dir, 'big.csv', 6000);
    const p = await previewFile(ws.db, path);
    const jobId = ws.jobs.start('import', 'Importing big.csv', {}, (ctx) => importFile(ws, path, expected(p), ctx, 500));
    const stop = ws.subscribe((name, body) => {
      const b = body as { jobId: string; done: number; state?: string };
      if (name === 'job.progress' && b.jobId === jobId && b.done >= 1500 && b.state === 'running') ws.jobs.cancel(jobId);
    });
    const job = await ws.jobs.wait(jobId);
    stop();
    expect(job.state).toBe('cancelled');
    const result = job.result as ImportOutcome;
    expect(result.cancelled).toBe(true);
    expect(result.imported).toBeGreaterThanOrEqual(1500);
    expect(result.imported).toBeLessThan(6000);
    expect(result.imported % 500).toBe(0);
    expect(claimCount(ws)).toBe(result.imported);
    expect(auditDataFolder(ws.db, ws.dataDir)).toMatchObject({ ok: true, events: result.imported, signedBatches: result.imported / 500 });
  });

  it('a batch that fails to append leaves nothing of itself; the batches before it stay', async () => {
    const { ws, dir } = workspace();
    const path = writeClaimsCsv(dir, 'claims.csv', 350);
    const p = await previewFile(ws.db, path);
    const append = ws.cases.append.bind(ws.cases);
    let calls = 0;
    ws.cases.append = (events) => {
      if (++calls === 3) throw new Error('disk full');
      return append(events);
    };
    const tally = { imported: 0, batches: 0, skipped: 0 };
    await expect(importFile(ws, path, expected(p), noCancel, 100, tally)).rejects.toThrow('disk full');
    expect(tally).toMatchObject({ imported: 200, batches: 2 });
    expect(claimCount(ws)).toBe(200);
    expect(auditDataFolder(ws.db, ws.dataDir).ok).toBe(true);
  });

  it('refuses a file that changed after its preview', async () => {
    const { ws, dir } = workspace();
    const path = writeClaimsCsv(dir, 'claims.csv', 10);
    const p = await previewFile(ws.db, path);
    writeClaimsCsv(dir, 'claims.csv', 12);
    await expect(importFile(ws, path, expected(p), noCancel)).rejects.toThrow('The file changed after it was previewed');
    expect(claimCount(ws)).toBe(0);
  });
});

describe('import calls: chunked upload, preview, job, report', () => {
  const dispatcher = (ws: Workspace) => {
    const dispatch = createDispatcher(createImportHandlers(ws) as unknown as Handlers);
    return async <T>(name: string, input: unknown): Promise<Result<T>> => (await dispatch(name, input)) as Result<T>;
  };

  it('uploads a 3 MB file in chunks under the message limit, previews it, imports it and reports', async () => {
    const { ws, dir } = workspace();
    const rows = 12_000;
    const path = writeClaimsCsv(dir, 'upload.csv', rows, ['bad,row']);
    const bytes = (await import('node:fs')).readFileSync(path);
    expect(bytes.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
    const call = dispatcher(ws);
    const begun = await call<{ importId: string; chunkBytes: number }>('imports.begin', { fileName: 'upload.csv', bytes: bytes.length });
    if (!begun.ok) throw new Error(begun.error.message);
    const { importId, chunkBytes } = begun.value;
    // Out of order is refused, not silently misplaced.
    expect(await call('imports.upload', { importId, offset: 5, data: 'QUJD' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      const data = bytes.subarray(offset, offset + chunkBytes).toString('base64');
      expect(data.length).toBeLessThan(4 * 1024 * 1024);
      expect(await call('imports.upload', { importId, offset, data })).toMatchObject({ ok: true });
    }
    const preview = await call<ImportPreview>('imports.preview', { importId });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ fileName: 'upload.csv', format: 'claims-csv', rows: rows + 1, valid: rows, rejectedCount: 1, rejected: [{ row: rows + 2, reason: expect.stringMatching(/has 2 fields/) }] });
    expect(preview.value.sample).toHaveLength(10);
    const page = await call<{ total: number; rows: unknown[] }>('imports.rejections', { importId, offset: 0, limit: 10 });
    expect(page).toMatchObject({ ok: true, value: { total: 1 } });

    const started = await call<{ jobId: string }>('imports.start', { importId });
    if (!started.ok) throw new Error(started.error.message);
    const job = await ws.jobs.wait(started.value.jobId);
    expect(job.state).toBe('done');
    const report = await call<ImportReport>('imports.report', { importId });
    expect(report).toMatchObject({ ok: true, value: { state: 'done', imported: rows, batches: Math.ceil(rows / IMPORT_BATCH_SIZE), total: rows, skipped: 1 } });
    expect(claimCount(ws)).toBe(rows);
    // The uploaded copy is removed once the import has ended.
    expect(readdirSync(join(ws.dataDir, 'imports'))).toEqual([]);
  });

  it('refuses a wrong file type and an empty file before any byte is sent', async () => {
    const { ws } = workspace();
    const call = dispatcher(ws);
    expect(await call('imports.begin', { fileName: 'claims.xlsx', bytes: 100 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/"claims.xlsx" is an Excel workbook, not a CSV or JSON file/) } });
    expect(await call('imports.begin', { fileName: 'claims.csv', bytes: 0 })).toMatchObject({ ok: false, error: { message: '"claims.csv" is empty: it has no header line and no rows.' } });
  });
});

describe.skipIf(!existsSync(FRAUD_ORACLE))('the vehicle claim fraud data set, whole', () => {
  it('detects the format, de-duplicates PolicyNumber, imports every unique policy and keeps the label out of the claims', async () => {
    const { ws } = workspace();
    const p = await previewFile(ws.db, FRAUD_ORACLE);
    expect(p).toMatchObject({ format: 'fraud-oracle', rows: 15_423, valid: 15_420, duplicates: 1 });
    expect(p.rejected).toEqual([
      { row: 15_417, reason: 'Month is empty' },
      { row: 15_420, reason: expect.stringMatching(/^Month "null" is not one of/) },
      { row: 15_423, reason: 'duplicate of row 15422 (same PolicyNumber 15419); skipped' },
    ]);
    const started = performance.now();
    const out = await importFile(ws, FRAUD_ORACLE, expected(p, 'fraud_oracle.csv'), noCancel);
    const seconds = (performance.now() - started) / 1000;
    expect(out).toMatchObject({ imported: 15_420, batches: 16, skipped: 3 });
    expect(seconds).toBeLessThan(60);
    expect(claimCount(ws)).toBe(15_420);
    expect(ws.db.prepare('SELECT count(*) AS n, sum(label) AS fraud FROM import_sources').get()).toEqual({ n: 15_420, fraud: 923 });
    expect(ws.db.prepare("SELECT count(*) FROM cases WHERE doc LIKE '%FraudFound%'").pluck().get()).toBe(0);
    expect(ws.db.prepare("SELECT count(*) FROM events WHERE payload LIKE '%FraudFound%'").pluck().get()).toBe(0);
    const first = JSON.parse(ws.db.prepare("SELECT doc FROM cases WHERE number = 'FO-00001'").pluck().get() as string) as { incident: { occurredAt: string; description: string }; policy: { type: string } };
    expect(first.incident.occurredAt).toMatch(/^199[4-6]-\d\d-\d\dT12:00$/);
    expect(first.incident.description).toContain('Source fields without a field here: Month: ');
    expect(auditDataFolder(ws.db, ws.dataDir)).toMatchObject({ ok: true, events: 15_420 });
  });
});
