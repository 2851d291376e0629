import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open.ts';
import { freshDirs } from '../helpers/workspace.ts';
import { runCli } from '../helpers/cli.ts';

const cli = runCli;

describe('casebench CLI', () => {
  const fresh = freshDirs();

  it('prints help naming every command and the --data option', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['demo', 'import FILE', 'audit verify', 'rebuild', 'web', '--data DIR']) expect(r.out).toContain(c);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('creates the same demo workspace from the same seed, then verifies and rebuilds it', () => {
    const a = fresh();
    const b = fresh();
    expect(cli(['demo', '--claims', '300', '--police', '5', '--seed', '7', '--data', a]).out).toContain('Created 300 claims and 5 police cases');
    cli(['demo', '--claims', '300', '--police', '5', '--seed', '7'], { CASEBENCH_DATA: b });
    const numbers = (dir: string) => {
      const db = openDatabase(dir, { readonly: true });
      const rows = db.prepare('SELECT number, status, claimant, plate, amount_cents FROM cases ORDER BY number').all();
      db.close();
      return rows;
    };
    expect(numbers(a)).toEqual(numbers(b));
    expect(numbers(a)).toHaveLength(305);
    // planted pattern: one phone number shared by claimants of unrelated claims
    const db = openDatabase(a, { readonly: true });
    const shared = db.prepare("SELECT count(DISTINCT case_id) FROM case_parties WHERE phone_norm = '15550107734'").pluck().get() as number;
    db.close();
    expect(shared).toBeGreaterThan(2);
    expect(cli(['audit', 'verify', '--data', a]).code).toBe(0);
    const rebuilt = cli(['rebuild', '--data', a]);
    expect(rebuilt.out).toMatch(/Rebuilt every projection from \d+ events/);
    expect(numbers(a)).toEqual(numbers(b));
  });

  it('imports the example CSV: valid rows land, the bad row is reported and nothing of it is stored', () => {
    const dir = fresh();
    const dry = cli(['import', 'examples/claims.csv', '--dry-run', '--data', dir]);
    expect(dry.out).toContain('3 rows read: 2 valid, 1 rejected.');
    expect(dry.out).toContain('row 4: incident.occurredAt: must be a date and time');
    const r = cli(['import', 'examples/claims.csv', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Imported 2 claims');
    const db = openDatabase(dir, { readonly: true });
    expect(db.prepare('SELECT number FROM cases ORDER BY number').pluck().all()).toEqual(['CLM-2026-900001', 'CLM-2026-900002']);
    db.close();
    // importing the same file again is refused whole: claim numbers are unique
    const again = cli(['import', 'examples/claims.csv', '--data', dir]);
    expect(again.out).toContain('already used');
  });

  it('gives a clear error for a missing file or a file that is not a database', () => {
    expect(cli(['import', '/nonexistent.csv', '--data', fresh()]).out).toContain('/nonexistent.csv is not a file.');
    expect(cli(['audit', 'verify', '--data', fresh()]).out).toContain('There is no Casebench workspace in');
  });
});
