import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open.ts';
import { auditDataFolder } from '../../core/events/verify.ts';
import { tempDir } from '../helpers/workspace.ts';

/** Runs the writer until it has acknowledged at least `minAcks` appends, then kills it with SIGKILL. */
const writeThenKill = (dataDir: string, prefix: string, minAcks: number, extraMs: number): Promise<string[]> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-writer.ts', dataDir, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buffer = '';
    let stderr = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acked.push(...lines.filter(Boolean));
      if (!armed && acked.length >= minAcks) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`writer exited on its own: ${stderr}`))));
  });

describe('a crash mid-write', () => {
  it('loses no acknowledged event and leaves a database that verifies', async () => {
    const dir = tempDir();
    try {
      const acked: string[] = [];
      for (let round = 0; round < 6; round++) {
        acked.push(...(await writeThenKill(dir, `K${round}`, 5, 5 + round * 17)));
        const db = openDatabase(dir);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const report = auditDataFolder(db, dir);
        expect(report.firstBad).toBeNull();
        const numbers = new Set(db.prepare('SELECT number FROM cases').pluck().all() as string[]);
        const missing = acked.filter((n) => !numbers.has(n));
        expect(missing).toEqual([]);
        // events and projections agree: every created claim has its event
        expect(db.prepare("SELECT count(*) FROM events WHERE type = 'claim.created'").pluck().get()).toBe(numbers.size);
        db.close();
      }
      expect(acked.length).toBeGreaterThan(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
