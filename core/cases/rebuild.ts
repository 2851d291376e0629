import type Database from 'better-sqlite3';
import { readEvents } from '../events/store.ts';
import { PROJECTION_TABLES, createProjector } from './projection.ts';

/** Empties every projection and replays the whole log into it in merge order, in one transaction. */
export const rebuildProjections = (db: Database.Database): { events: number } => {
  const projector = createProjector(db);
  let events = 0;
  db.transaction(() => {
    for (const table of PROJECTION_TABLES) db.exec(`DELETE FROM ${table}`);
    for (const e of readEvents(db, 'replay')) {
      projector.apply(e);
      events += 1;
    }
    projector.flush();
  })();
  return { events };
};
