import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../../common/result.ts';
import { assertKnownVersion, migrate } from './migrate.ts';

export const DB_FILE = 'casebench.sqlite';

/**
 * The Electron build of core loads an Electron-ABI better-sqlite3 built into its own folder; the Node build
 * (tests, CLI, browser shell) uses the one in node_modules. main passes the path in this variable.
 */
const nativeBinding = (): string | undefined => process.env.CASEBENCH_SQLITE_BINDING || undefined;

export const ensureWritableFolder = (dir: string): void => {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch (e) {
    throw new DomainError('STORAGE_ERROR', `The data folder ${dir} cannot be written (${(e as NodeJS.ErrnoException).code ?? String(e)}). Choose a folder you can write to with --data or CASEBENCH_DATA.`);
  }
};

export type OpenOptions = { readonly?: boolean; migrate?: boolean };

export const openDatabase = (dataDir: string, options: OpenOptions = {}): Database.Database => {
  const file = join(dataDir, DB_FILE);
  if (options.readonly && !existsSync(file)) {
    throw new DomainError('NOT_FOUND', `There is no Casebench workspace in ${dataDir}.`);
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, nativeBinding: nativeBinding() });
  } catch (e) {
    throw new DomainError('STORAGE_ERROR', `Cannot open the workspace database ${file}: ${(e as Error).message}`);
  }
  try {
    // A file that is not a SQLite database fails on its first read; say so before anything writes to it.
    db.pragma('schema_version');
    // Refuse a newer schema before anything (even the journal mode) touches the file.
    if (options.migrate !== false) assertKnownVersion(db);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: an acknowledged event survives a power cut as well as a crash; this is evidence.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // A page cache big enough for the hot parts of the indexes at a million cases (default is 2 MB).
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    if (options.migrate !== false && !options.readonly) migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof DomainError) throw e;
    const message = (e as Error).message;
    if (/not a database|malformed|file is encrypted/i.test(message)) {
      throw new DomainError('STORAGE_ERROR', `The workspace database ${file} is damaged or is not a Casebench database (${message}). It was left untouched; restore it from a backup or choose another data folder.`);
    }
    throw new DomainError('STORAGE_ERROR', `Cannot open the workspace database ${file}: ${message}`);
  }
};
