import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { FieldChanges } from '../../common/domain/case.ts';
import { allowedTransitions } from '../../common/domain/workflow.ts';
import { rebuildProjections } from '../../core/cases/rebuild.ts';
import { createProjector } from '../../core/cases/projection.ts';
import { CaseService } from '../../core/cases/service.ts';
import { createCaseQueries } from '../../core/cases/queries.ts';
import { EventStore } from '../../core/events/store.ts';
import { loadOrCreateDeviceKey } from '../../core/events/keys.ts';
import { verifyAudit } from '../../core/events/verify.ts';
import { openDatabase } from '../../core/db/open.ts';
import { claimDraft, tempDir } from '../helpers/workspace.ts';
import { rmSync } from 'node:fs';

const mulberry = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const dump = (db: Database.Database) => ({
  cases: db.prepare('SELECT id, kind, number, status, claimant, plate, incident_at, amount_cents, assignee, created_at, updated_at, doc, field_hlc FROM cases ORDER BY id').all(),
  parties: db.prepare('SELECT * FROM case_parties ORDER BY case_id, party_id').all(),
  vehicles: db.prepare('SELECT * FROM case_vehicles ORDER BY case_id, vehicle_id').all(),
  notes: db.prepare('SELECT * FROM notes ORDER BY id').all(),
  tasks: db.prepare('SELECT * FROM tasks ORDER BY id').all(),
  conflicts: db.prepare('SELECT * FROM conflicts ORDER BY id').all(),
});

describe('projections', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilt from the log equal the incrementally updated ones on a randomised history', () => {
    dir = tempDir();
    const db = openDatabase(dir);
    const rand = mulberry(20261201);
    // A wall clock that stalls and steps back now and then: the HLC must keep order anyway.
    let wall = Date.UTC(2026, 0, 1);
    const clock = () => (wall += rand() < 0.1 ? -5000 : rand() < 0.3 ? 0 : Math.floor(rand() * 1000));
    const store = new EventStore(db, loadOrCreateDeviceKey(dir), createProjector(db), clock);
    const users = [{ name: 'Dana Reyes', role: 'adjuster' }, { name: 'Ruth Okonkwo', role: 'investigator' }, { name: 'Marcus Lee', role: 'supervisor' }];
    let who = users[0];
    const service = new CaseService(db, store, () => who);
    const queries = createCaseQueries(db);
    const claims: string[] = [];
    const police: string[] = [];
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const words = ['Harbour', 'Maple', 'Kingsport', 'Riverside', 'Oak', 'Station'];

    let ops = 0;
    while (ops < 3000) {
      who = pick(users);
      const r = rand();
      try {
        if (claims.length < 5 || r < 0.12) {
          claims.push(service.createClaim(claimDraft({ claimNumber: `R-${ops}`, repairShop: `${pick(words)} Motors`, amountClaimedCents: Math.floor(rand() * 3_000_000) })).id);
        } else if (r < 0.16) {
          police.push(service.createPoliceCase({ offenceType: 'Insurance fraud', parties: [{ role: 'suspect', name: `${pick(words)} Suspect` }], linkedClaimIds: [pick(claims)] }).id);
        } else if (r < 0.4) {
          const id = pick(claims);
          const edits: FieldChanges[] = [{ assignee: pick(users).name }, { amountClaimedCents: Math.floor(rand() * 3_000_000) }, { 'incident.place': `${pick(words)} Road` }, { repairShop: null }, { 'policy.deductibleCents': 25_000 }];
          service.update(id, pick(edits));
        } else if (r < 0.6) {
          const id = pick([...claims, ...police]);
          const doc = service.get(id);
          const next = allowedTransitions(doc.kind, doc.status);
          if (next.length) service.transition(id, pick([...next]), 'randomised history');
        } else if (r < 0.7) {
          const id = pick(claims);
          if (rand() < 0.6) service.addParty(id, { role: 'witness', name: `${pick(words)} Witness`, phone: `+1 555 ${Math.floor(rand() * 1e7)}` });
          else {
            const doc = service.get(id);
            if (doc.parties.length > 1) service.removeParty(id, doc.parties[doc.parties.length - 1].id, 'entered on the wrong claim');
          }
        } else if (r < 0.76) {
          const id = pick(claims);
          if (rand() < 0.6) service.addVehicle(id, { plate: `ZX${Math.floor(rand() * 100)} ABC` });
          else {
            const doc = service.get(id);
            if (doc.vehicles.length > 0) service.removeVehicle(id, doc.vehicles[0].id, 'wrong vehicle');
          }
        } else if (r < 0.88) {
          service.addNote(pick([...claims, ...police]), `Note about ${pick(words)} ${ops}`);
        } else if (r < 0.95) {
          service.addTask(pick(claims), `Call ${pick(words)}`, '2026-12-24');
        } else if (police.length > 0) {
          service.linkClaim(pick(police), pick(claims));
        }
      } catch {
        // refused commands (already linked, nothing changed) are part of a realistic history
      }
      ops += 1;
    }
    const events = queries.counts().events;
    expect(events).toBeGreaterThan(2000);
    const incremental = dump(db);
    const searches = ['Harbour', 'Maple Witness', 'R-1', 'ZX1', 'Kingsport'].map((s) => queries.list({ search: s, sort: 'number', direction: 'asc', offset: 0, limit: 500 }));

    const { events: replayed } = rebuildProjections(db);
    expect(replayed).toBe(events);
    expect(dump(db)).toEqual(incremental);
    expect(['Harbour', 'Maple Witness', 'R-1', 'ZX1', 'Kingsport'].map((s) => queries.list({ search: s, sort: 'number', direction: 'asc', offset: 0, limit: 500 }))).toEqual(searches);
    expect(searches[0].total).toBeGreaterThan(0);
    expect(verifyAudit(db).ok).toBe(true);
    db.close();
  });
});
