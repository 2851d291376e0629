import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { photoJpeg } from '../helpers/evidence-fixtures.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';
import { openWorkspace } from '../../core/workspace.ts';
import { runCli } from '../helpers/cli.ts';

const cli = runCli;

describe('casebench analyze', () => {
  const dir = tempDir();
  const data = join(dir, 'ws');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the files to the case, prints findings as JSON, and exits 0 whatever it found', async () => {
    const ws = openWorkspace(data);
    const claim = ws.cases.createClaim(claimDraft());
    ws.close();
    const photo = await photoJpeg(51);
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'a.jpg'), photo);
    writeFileSync(join(dir, 'in', 'copy-named.png'), photo);
    writeFileSync(join(dir, 'in', 'empty.jpg'), Buffer.alloc(0));
    const r = cli(['analyze', join(dir, 'in', 'a.jpg'), join(dir, 'in', 'copy-named.png'), join(dir, 'in', 'empty.jpg'), '--case', claim.number, '--json', '--data', data]);
    expect(r.code, r.out).toBe(0);
    const report = JSON.parse(r.out) as { caseId: string; job: { state: string }; files: { path: string; ok: boolean; error?: string; findings: { analyzerId: string; label: string }[] }[] };
    expect(report).toMatchObject({ caseId: claim.id, job: { state: 'done' } });
    const [a, renamed, empty] = report.files;
    expect(a.findings.map((f) => f.analyzerId)).toEqual(expect.arrayContaining(['metadata', 'reuse', 'ela', 'jpeg', 'noise', 'copy-move']));
    // the same bytes under another name are the same stored file: already in this case
    expect(renamed).toMatchObject({ ok: true, duplicate: true });
    expect(empty).toMatchObject({ ok: false, error: expect.stringMatching(/empty/) });
    const again = openWorkspace(data);
    expect(again.evidence.list(claim.id)).toHaveLength(1);
    again.close();
  });

  it('prints readable findings without --case, and refuses usage errors with exit 2', async () => {
    writeFileSync(join(dir, 'loose.jpg'), await photoJpeg(52));
    const r = cli(['analyze', join(dir, 'loose.jpg'), '--data', data]);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/loose\.jpg\s+\(image\/jpeg, sha256 [0-9a-f]{64}\)/);
    expect(r.out).toMatch(/\[info\] ela 1\.0\.0: ela\.uniform/);
    expect(cli(['analyze', '--data', data]).code).toBe(2);
    expect(cli(['analyze', join(dir, 'loose.jpg'), '--case', 'NO-SUCH', '--data', data]).code).toBe(2);
    expect(cli(['analyze', join(dir, 'missing.jpg'), '--data', data]).code).toBe(2);
  });
});
