import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open.ts';
import { REPO_ROOT } from '../e2e/fixtures.ts';
import { writeClaimsCsv } from '../helpers/import-fixtures.ts';
import { tempDir } from '../helpers/workspace.ts';

// `casebench import` as a person runs it: detected format, counts, rejected rows, a progress line, and
// Ctrl+C cancelling between batches.

const FRAUD_ORACLE = join(REPO_ROOT, '..', 'shared', 'data', 'fraud_oracle.csv');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/casebench.mjs', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const claims = (dir: string) => {
  const db = openDatabase(dir, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  } finally {
    db.close();
  }
};

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('casebench import', () => {
  it('says which format it detected, lists the rejected row and shows progress', () => {
    const dir = fresh();
    const r = cli(['import', 'examples/claims.csv', '--data', dir]);
    expect(r.out).toContain('Detected format: Casebench claims CSV.');
    expect(r.out).toContain('3 rows read: 2 valid, 1 rejected.');
    expect(r.out).toContain('  row 4: incident.occurredAt: must be a date and time like 2026-03-31T14:05');
    expect(r.out).toMatch(/Imported 2 claims into .* \(1 signed batch of up to 1,000\)\./);
    expect(r.err).toContain('Importing claims.csv: 2 of 2 claims (100%)');
    expect(r.code).toBe(1);
  });

  it('stops between batches on Ctrl+C and says how many claims were imported', async () => {
    const dir = fresh();
    const file = writeClaimsCsv(dir, 'big.csv', 40_000);
    const data = join(dir, 'ws');
    const child = spawn(process.execPath, ['bin/casebench.mjs', 'import', file, '--data', data], { cwd: REPO_ROOT });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      // Interrupt once the first batch has landed, as a person pressing Ctrl+C would.
      if (/Importing big\.csv: [1-9][\d,]* of 40,000/.test(err) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const match = /Import cancelled: ([\d,]+) of 40,000 claims were imported \(([\d,]+) whole batches? of 1,000\); nothing of the interrupted batch was written\./.exec(out);
    expect(match, out + err).not.toBeNull();
    const imported = Number(match![1].replace(/,/g, ''));
    expect(imported % 1000).toBe(0);
    expect(imported).toBeLessThan(40_000);
    expect(claims(data)).toBe(imported);
    expect(code).toBe(1);
    expect(cli(['audit', 'verify', '--data', data]).code).toBe(0);
  });

  it.skipIf(!existsSync(FRAUD_ORACLE))('imports the whole vehicle claim fraud data set: 15,420 claims', () => {
    const dir = fresh();
    const dry = cli(['import', FRAUD_ORACLE, '--dry-run', '--data', dir]);
    expect(dry.out).toContain('Detected format: Vehicle claim fraud data set (fraud_oracle.csv).');
    expect(dry.out).toContain('15,423 rows read: 15,420 valid, 3 rejected (1 of them a duplicate).');
    expect(dry.out).toContain('  row 15417: Month is empty');
    expect(dry.out).toContain('Dry run: nothing was imported');
    const r = cli(['import', FRAUD_ORACLE, '--data', dir]);
    expect(r.out).toMatch(/Imported 15,420 claims into .* in [\d.]+ s \(16 signed batches of up to 1,000\)\./);
    expect(r.err).toContain('Importing fraud_oracle.csv: 15,420 of 15,420 claims (100%)');
    expect(claims(dir)).toBe(15_420);
    expect(cli(['audit', 'verify', '--data', dir]).code).toBe(0);
  });
});
