import type Database from 'better-sqlite3';
import type { CaseDocument, Party, Vehicle } from '../../common/domain/case.ts';
import type { EventPayload } from '../../common/domain/events.ts';
import { hlcToIso } from '../../common/hlc.ts';
import { DomainError } from '../../common/result.ts';
import type { StoredEvent } from '../events/store.ts';
import { EVIDENCE_PROJECTION_TABLES, createEvidenceProjector } from '../evidence/projection.ts';

/** Tables derived from the log; `rebuild` empties exactly these. */
export const PROJECTION_TABLES = [...EVIDENCE_PROJECTION_TABLES, 'case_search', 'note_search', 'case_parties', 'case_vehicles', 'notes', 'tasks', 'conflicts', 'cases'] as const;

export const normalisePhone = (s: string | undefined): string | null => {
  const digits = (s ?? '').replace(/\D/g, '');
  return digits.length >= 5 ? digits : null;
};
export const normaliseText = (s: string | undefined): string | null => {
  const t = (s ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return t.length > 0 ? t : null;
};
export const normalisePlate = (s: string | undefined): string | null => {
  const t = (s ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return t.length > 0 ? t : null;
};

const claimantOf = (doc: CaseDocument): string | null =>
  (doc.parties.find((p) => p.role === 'claimant') ?? doc.parties.find((p) => p.role === 'insured') ?? doc.parties.find((p) => p.role === 'suspect'))?.name ?? null;

/** What full-text search sees of a case: every number, name, phone, address, plate and VIN on it. */
export const searchBody = (doc: CaseDocument): string => {
  const parts: (string | undefined | null)[] = [doc.number, doc.assignee, doc.repairShop, doc.offenceType, doc.summary, doc.policy?.number, doc.incident?.place, doc.incident?.policeReportNumber];
  for (const p of doc.parties) parts.push(p.name, p.phone, normalisePhone(p.phone), p.email, p.address, p.licenceNumber);
  for (const v of doc.vehicles) parts.push(v.vin, v.plate, normalisePlate(v.plate), v.make, v.model);
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
};

/** A case being changed by the current batch: written back once at flush, not once per event. */
/** The columns of `cases` that indexes cover, as derived from a document. */
type IndexedColumns = ReturnType<typeof indexedColumns>;
const indexedColumns = (doc: CaseDocument) => ({
  status: doc.status,
  claimant: claimantOf(doc),
  plate: doc.vehicles.find((v) => v.plate)?.plate ?? null,
  incident_at: doc.incident?.occurredAt ?? null,
  amount_cents: doc.amountClaimedCents ?? null,
  assignee: doc.assignee ?? null,
  updated_at: doc.updatedAt,
});

/** The editable fields that searchBody reads; editing one of them re-indexes the case. */
const SEARCHED_FIELDS = new Set(['assignee', 'repairShop', 'offenceType', 'summary', 'policy.number', 'incident.place', 'incident.policeReportNumber']);

type CaseState = { rowid: number; doc: CaseDocument; fieldHlc: Record<string, string>; dirty: boolean; searchDirty: boolean; indexed: IndexedColumns };

const setPath = (doc: CaseDocument, path: string, value: unknown): void => {
  const [head, tail] = path.split('.', 2);
  const target = doc as unknown as Record<string, unknown>;
  if (tail === undefined) {
    if (value === null) delete target[head];
    else target[head] = value;
    return;
  }
  const inner = (target[head] ?? {}) as Record<string, unknown>;
  if (value === null) delete inner[tail];
  else inner[tail] = value;
  target[head] = inner;
};

export const getPath = (doc: CaseDocument, path: string): unknown => {
  const [head, tail] = path.split('.', 2);
  const value = (doc as unknown as Record<string, unknown>)[head];
  if (tail === undefined) return value;
  return (value as Record<string, unknown> | undefined)?.[tail];
};

export type Projector = ReturnType<typeof createProjector>;

/**
 * Applies one event to the projections. Called inside the append transaction, and by rebuild in replay
 * order. Field edits are last-writer-wins per field by HLC; a transition whose starting state no longer
 * holds is kept as a conflict for a person to resolve.
 */
export const createProjector = (db: Database.Database) => {
  const q = {
    load: db.prepare('SELECT rowid, doc, field_hlc FROM cases WHERE id = ?'),
    insertCase: db.prepare(
      `INSERT INTO cases (id, kind, number, status, claimant, plate, incident_at, amount_cents, assignee, created_at, updated_at, doc, field_hlc)
       VALUES (@id, @kind, @number, @status, @claimant, @plate, @incidentAt, @amountCents, @assignee, @createdAt, @updatedAt, @doc, @fieldHlc)`,
    ),
    searchInsert: db.prepare('INSERT INTO case_search (rowid, body) VALUES (?, ?)'),
    searchDelete: db.prepare('DELETE FROM case_search WHERE rowid = ?'),
    partyUpsert: db.prepare(
      `INSERT OR REPLACE INTO case_parties (case_id, party_id, role, name, phone_norm, email_norm, address_norm, licence_norm)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    partyDelete: db.prepare('DELETE FROM case_parties WHERE case_id = ? AND party_id = ?'),
    vehicleUpsert: db.prepare('INSERT OR REPLACE INTO case_vehicles (case_id, vehicle_id, vin, plate_norm) VALUES (?, ?, ?, ?)'),
    vehicleDelete: db.prepare('DELETE FROM case_vehicles WHERE case_id = ? AND vehicle_id = ?'),
    noteInsert: db.prepare('INSERT OR IGNORE INTO notes (id, case_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)'),
    noteSearch: db.prepare('INSERT INTO note_search (rowid, body) VALUES (?, ?)'),
    taskInsert: db.prepare(
      'INSERT OR IGNORE INTO tasks (id, case_id, title, due_date, assignee, done, created_by, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
    ),
    taskComplete: db.prepare('UPDATE tasks SET done = 1, completed_at = ? WHERE id = ? AND case_id = ? AND done = 0'),
    conflict: db.prepare('INSERT INTO conflicts (id, case_id, event_id, description) VALUES (?, ?, ?, ?)'),
  };

  const pending = new Map<string, CaseState>();
  const evidence = createEvidenceProjector(db);

  const load = (caseId: string): CaseState => {
    const cached = pending.get(caseId);
    if (cached) return cached;
    const row = q.load.get(caseId) as { rowid: number; doc: string; field_hlc: string } | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No case with id ${caseId}.`);
    const doc = JSON.parse(row.doc) as CaseDocument;
    const state = { rowid: row.rowid, doc, fieldHlc: JSON.parse(row.field_hlc) as Record<string, string>, dirty: false, searchDirty: false, indexed: indexedColumns(doc) };
    pending.set(caseId, state);
    return state;
  };

  const columns = (doc: CaseDocument, fieldHlc: Record<string, string>) => ({
    id: doc.id,
    kind: doc.kind,
    number: doc.number,
    status: doc.status,
    claimant: claimantOf(doc),
    plate: doc.vehicles.find((v) => v.plate)?.plate ?? null,
    incidentAt: doc.incident?.occurredAt ?? null,
    amountCents: doc.amountClaimedCents ?? null,
    assignee: doc.assignee ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    doc: JSON.stringify(doc),
    fieldHlc: JSON.stringify(fieldHlc),
  });

  const indexParty = (caseId: string, p: Party) =>
    q.partyUpsert.run(caseId, p.id, p.role, p.name, normalisePhone(p.phone), normaliseText(p.email), normaliseText(p.address), normalisePlate(p.licenceNumber));
  const indexVehicle = (caseId: string, v: Vehicle) => q.vehicleUpsert.run(caseId, v.id, v.vin || null, normalisePlate(v.plate));

  const create = (doc: CaseDocument) => {
    const body = searchBody(doc);
    const info = q.insertCase.run(columns(doc, {}));
    const rowid = Number(info.lastInsertRowid);
    q.searchInsert.run(rowid, body);
    for (const p of doc.parties) indexParty(doc.id, p);
    for (const v of doc.vehicles) indexVehicle(doc.id, v);
    pending.set(doc.id, { rowid, doc, fieldHlc: {}, dirty: false, searchDirty: false, indexed: indexedColumns(doc) });
  };

  /** `searchable`: the event changed something full-text search sees. */
  const save = (state: CaseState, at: string, searchable = false) => {
    if (at > state.doc.updatedAt) state.doc.updatedAt = at;
    state.dirty = true;
    if (searchable) state.searchDirty = true;
  };
  const touch = (at: string, caseId: string) => save(load(caseId), at);

  const updates = new Map<string, Database.Statement>();
  const updateStatement = (changed: string[]): Database.Statement => {
    const key = changed.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      // Column names come from indexedColumns' fixed keys, never from input.
      const sets = ['doc = @doc', 'field_hlc = @field_hlc', ...changed.map((c) => `${c} = @${c}`)].join(', ');
      stmt = db.prepare(`UPDATE cases SET ${sets} WHERE id = @id`);
      updates.set(key, stmt);
    }
    return stmt;
  };

  /** Writes every changed case back; re-indexes search only where what search sees changed. */
  const flush = () => {
    for (const state of pending.values()) {
      if (!state.dirty) continue;
      // Only the indexed columns that changed are written, so a note does not rewrite nine index entries.
      const now = indexedColumns(state.doc);
      const changed = (Object.keys(now) as (keyof IndexedColumns)[]).filter((k) => now[k] !== state.indexed[k]);
      const values: Record<string, unknown> = { id: state.doc.id, doc: JSON.stringify(state.doc), field_hlc: JSON.stringify(state.fieldHlc) };
      for (const k of changed) values[k] = now[k];
      updateStatement(changed).run(values);
      if (state.searchDirty) {
        q.searchDelete.run(state.rowid);
        q.searchInsert.run(state.rowid, searchBody(state.doc));
      }
    }
    pending.clear();
  };

  const apply = (e: StoredEvent): void => {
    if (pending.size >= 5000) flush();
    const at = hlcToIso(e.hlc);
    switch (e.type) {
      case 'claim.created': {
        const { claim, parties, vehicles } = e.payload as EventPayload<'claim.created'>;
        create({
          id: e.caseId,
          kind: 'claim',
          number: claim.claimNumber,
          status: 'intake',
          assignee: claim.assignee || undefined,
          createdAt: at,
          updatedAt: at,
          policy: claim.policy,
          incident: claim.incident,
          amountClaimedCents: claim.amountClaimedCents,
          repairShop: claim.repairShop || undefined,
          reportedAt: claim.reportedAt,
          parties,
          vehicles,
          linkedClaimIds: [],
        });
        return;
      }
      case 'policeCase.created': {
        const { policeCase, parties } = e.payload as EventPayload<'policeCase.created'>;
        create({
          id: e.caseId,
          kind: 'police',
          number: policeCase.caseNumber,
          status: 'open',
          assignee: policeCase.assignee || undefined,
          createdAt: at,
          updatedAt: at,
          offenceType: policeCase.offenceType,
          summary: policeCase.summary,
          parties,
          vehicles: [],
          linkedClaimIds: [...new Set(policeCase.linkedClaimIds)],
        });
        return;
      }
      case 'case.fieldsChanged': {
        const { changes } = e.payload as EventPayload<'case.fieldsChanged'>;
        const state = load(e.caseId);
        let searchable = false;
        for (const [field, value] of Object.entries(changes)) {
          const last = state.fieldHlc[field];
          if (last !== undefined && last >= e.hlc) continue; // a later edit of this field already won
          setPath(state.doc, field, value === '' ? null : value);
          state.fieldHlc[field] = e.hlc;
          if (SEARCHED_FIELDS.has(field)) searchable = true;
        }
        save(state, at, searchable);
        return;
      }
      case 'case.transitioned': {
        const { from, to } = e.payload as EventPayload<'case.transitioned'>;
        const state = load(e.caseId);
        if (state.doc.status !== from) {
          q.conflict.run(`conflict-${e.id}`, e.caseId, e.id, `A move from ${from} to ${to} by ${e.actor} was made while the case was in ${state.doc.status}; it was not applied.`);
          touch(at, e.caseId);
          return;
        }
        state.doc.status = to;
        save(state, at);
        return;
      }
      case 'case.partyAdded':
      case 'case.vehicleAdded':
      case 'case.partyRemoved':
      case 'case.vehicleRemoved':
      case 'case.claimLinked': {
        const state = load(e.caseId);
        if (e.type === 'case.partyAdded') {
          const { party } = e.payload as EventPayload<'case.partyAdded'>;
          state.doc.parties = [...state.doc.parties.filter((p) => p.id !== party.id), party];
          indexParty(e.caseId, party);
        } else if (e.type === 'case.partyRemoved') {
          const { partyId } = e.payload as EventPayload<'case.partyRemoved'>;
          state.doc.parties = state.doc.parties.filter((p) => p.id !== partyId);
          q.partyDelete.run(e.caseId, partyId);
        } else if (e.type === 'case.vehicleAdded') {
          const { vehicle } = e.payload as EventPayload<'case.vehicleAdded'>;
          state.doc.vehicles = [...state.doc.vehicles.filter((v) => v.id !== vehicle.id), vehicle];
          indexVehicle(e.caseId, vehicle);
        } else if (e.type === 'case.vehicleRemoved') {
          const { vehicleId } = e.payload as EventPayload<'case.vehicleRemoved'>;
          state.doc.vehicles = state.doc.vehicles.filter((v) => v.id !== vehicleId);
          q.vehicleDelete.run(e.caseId, vehicleId);
        } else {
          const { claimId } = e.payload as EventPayload<'case.claimLinked'>;
          if (!state.doc.linkedClaimIds.includes(claimId)) state.doc.linkedClaimIds.push(claimId);
        }
        save(state, at, true);
        return;
      }
      case 'note.added': {
        const { noteId, text } = e.payload as EventPayload<'note.added'>;
        touch(at, e.caseId);
        const info = q.noteInsert.run(noteId, e.caseId, text, e.actor, at);
        if (info.changes === 1) q.noteSearch.run(Number(info.lastInsertRowid), text);
        return;
      }
      case 'task.added': {
        const { taskId, title, dueDate, assignee } = e.payload as EventPayload<'task.added'>;
        touch(at, e.caseId);
        q.taskInsert.run(taskId, e.caseId, title, dueDate ?? null, assignee ?? null, e.actor, at);
        return;
      }
      case 'task.completed': {
        const { taskId } = e.payload as EventPayload<'task.completed'>;
        q.taskComplete.run(at, taskId, e.caseId);
        touch(at, e.caseId);
        return;
      }
      case 'evidence.added':
      case 'evidence.custody':
      case 'analysis.recorded':
        evidence.apply(e);
        return;
      default: {
        const unknown: never = e.type;
        throw new DomainError('INTERNAL', `No projection for event type ${String(unknown)}.`);
      }
    }
  };

  /** discard: the batch's transaction rolled back, so forget what it changed. */
  return { apply, flush, discard: () => pending.clear() };
};
