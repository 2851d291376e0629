import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase } from '../../core/db/open.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../core/db/migrate.ts';
import { openWorkspace } from '../../core/workspace.ts';
import { claimDraft, freshDirs } from '../helpers/workspace.ts';

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('storage', () => {
  const fresh = freshDirs();

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const dir = fresh();
    const ws = openWorkspace(dir);
    ws.cases.createClaim(claimDraft());
    ws.close();
    const db = new Database(join(dir, DB_FILE));
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    db.close();
    const before = sha(join(dir, DB_FILE));
    expect(() => openWorkspace(dir)).toThrow(new RegExp(`newer version of Casebench \\(schema ${SCHEMA_VERSION + 7}; this version knows up to ${SCHEMA_VERSION}\\)`));
    expect(sha(join(dir, DB_FILE))).toBe(before);
  });

  it('refuses a file that is not a database and leaves it untouched', () => {
    const dir = fresh();
    writeFileSync(join(dir, DB_FILE), Buffer.alloc(8192, 0x5a));
    const before = sha(join(dir, DB_FILE));
    expect(() => openWorkspace(dir)).toThrow(/damaged or is not a Casebench database/);
    expect(sha(join(dir, DB_FILE))).toBe(before);
  });

  it('says so when the data folder cannot be written', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'a-file'), 'x');
    expect(() => openWorkspace(join(dir, 'a-file', 'workspace'))).toThrow(/data folder .* cannot be written \(ENOTDIR\)/);
  });

  it('runs each migration in order, sets user_version and is idempotent', () => {
    const dir = fresh();
    const db = new Database(join(dir, 'm.sqlite'));
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe('events');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'cases'").pluck().get()).toBeUndefined();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // every table we own is STRICT
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%search%'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const dir = fresh();
    const db = new Database(join(dir, 'm.sqlite'));
    expect(() => migrate(db, [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE oops (' }])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe(0);
    db.close();
  });

  it('answers the queue from indexes, not table scans', () => {
    const dir = fresh();
    const db = openDatabase(dir);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    // each per-status page of the queue is an index range in sort order: no sort step
    for (const [column, index] of [['updated_at', 'cases_by_status_updated'], ['amount_cents', 'cases_by_status_amount'], ['incident_at', 'cases_by_status_incident'], ['claimant', 'cases_by_status_claimant']]) {
      const p = plan(`SELECT id FROM cases INDEXED BY ${index} WHERE status = 'intake' ORDER BY ${column} DESC, rowid DESC LIMIT 50`);
      expect(p).toContain(index);
      expect(p).not.toContain('TEMP B-TREE');
    }
    expect(plan("SELECT count(*) FROM cases WHERE status = 'intake'")).toMatch(/COVERING INDEX cases_by_status_/);
    expect(plan("SELECT case_id FROM case_parties WHERE phone_norm = '15550100'")).toContain('case_parties_by_phone');
    expect(plan("SELECT seq FROM events WHERE case_id = 'x' ORDER BY seq")).toContain('events_by_case');
    db.close();
  });
});
