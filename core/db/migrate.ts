import type Database from 'better-sqlite3';
import { DomainError } from '../../common/result.ts';
import { migration as m001 } from './migrations/001_event_log.ts';
import { migration as m002 } from './migrations/002_case_projections.ts';
import { migration as m003 } from './migrations/003_jobs.ts';
import { migration as m005 } from './migrations/005_evidence.ts';
import { migration as m006 } from './migrations/006_import_sources.ts';

export type Migration = { version: number; name: string; sql: string };

/** In order; a migration, once released, is never edited: a change is a new file. */
export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m005, m006];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export const assertKnownVersion = (db: Database.Database, latest = SCHEMA_VERSION): number => {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new DomainError(
      'STORAGE_ERROR',
      `This workspace was written by a newer version of Casebench (schema ${current}; this version knows up to ${latest}). Update Casebench to open it; nothing was changed.`,
    );
  }
  return current;
};

/** Runs every pending migration in one transaction, so a failure leaves the file as it was. */
export const migrate = (db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number => {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const current = assertKnownVersion(db, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return latest;
};
