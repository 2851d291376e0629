import { userInfo } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { Profile } from '../common/contract.ts';
import type { EventBody, EventName } from '../common/contract.ts';
import { createCaseQueries, type CaseQueries } from './cases/queries.ts';
import { createProjector } from './cases/projection.ts';
import { CaseService } from './cases/service.ts';
import { ensureWritableFolder, openDatabase } from './db/open.ts';
import { writeChainHead } from './events/head.ts';
import { loadOrCreateDeviceKey } from './events/keys.ts';
import { EventStore, type Actor } from './events/store.ts';
import { JobRunner } from './jobs.ts';
import { createAnalysisService, type AnalysisService } from './analysis/runner.ts';
import { createHashIndex } from './analysis/near-duplicates.ts';
import { createEvidenceService, type EvidenceService } from './evidence/service.ts';
import { log, setLogFile } from './logger.ts';

export type Emit = <K extends EventName>(name: K, body: EventBody<K>) => void;

export type Workspace = {
  dataDir: string;
  db: Database.Database;
  store: EventStore;
  cases: CaseService;
  jobs: JobRunner;
  evidence: EvidenceService;
  analysis: AnalysisService;
  queries: CaseQueries;
  profile: () => Profile;
  setProfile: (p: Profile) => Profile;
  subscribe: (listener: Emit) => () => void;
  emit: Emit;
  close: () => void;
};

const defaultProfile = (): Profile => {
  let name = 'Local user';
  try {
    name = userInfo().username || name;
  } catch {
    // no passwd entry (some containers): keep the default
  }
  return { name, role: 'adjuster' };
};

/** Opens (creating on first run) the workspace in a data folder: database, device key, services. */
export const openWorkspace = (dataDir: string): Workspace => {
  ensureWritableFolder(dataDir);
  setLogFile(join(dataDir, 'logs', 'core.log'));
  const db = openDatabase(dataDir);
  try {
    const key = loadOrCreateDeviceKey(dataDir);
    const store = new EventStore(db, key, createProjector(db), Date.now, (head) =>
      writeChainHead(dataDir, key, { deviceSeq: head.deviceSeq, eventId: head.id, hash: head.hash }),
    );
    const listeners = new Set<Emit>();
    const emit: Emit = (name, body) => {
      for (const l of listeners) l(name, body);
    };

    const readProfile = (): Profile => {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'profile'").pluck().get() as string | undefined;
      const parsed = row ? Profile.safeParse(JSON.parse(row)) : null;
      return parsed?.success ? parsed.data : defaultProfile();
    };
    let profile = readProfile();
    const actor = (): Actor => ({ name: profile.name, role: profile.role });

    const cases = new CaseService(db, store, actor, (events) => {
      const caseIds = [...new Set(events.map((e) => e.caseId))];
      emit('case.changed', { caseIds: caseIds.length > 200 ? [] : caseIds, reason: events.length === 1 ? events[0].type : 'batch' });
    });
    const jobs = new JobRunner(db, ({ jobId, label, done, total, state }) => emit('job.progress', { jobId, label, done, total, state }));
    const hashIndex = createHashIndex(db);
    const evidence = createEvidenceService({ db, dataDir, cases, index: hashIndex });
    const analysis = createAnalysisService({ db, dataDir, cases, jobs, evidence, index: hashIndex });
    log.info('workspace opened', { dataDir, deviceId: key.deviceId });
    return {
      dataDir,
      db,
      store,
      cases,
      jobs,
      evidence,
      analysis,
      queries: createCaseQueries(db),
      profile: () => profile,
      setProfile: (p) => {
        db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('profile', ?)").run(JSON.stringify(p));
        profile = p;
        return p;
      },
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      emit,
      close: () => {
        jobs.cancelAll();
        void analysis.close();
        listeners.clear();
        db.close();
      },
    };
  } catch (e) {
    db.close();
    throw e;
  }
};
