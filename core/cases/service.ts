import type Database from 'better-sqlite3';
import { uuidv7 } from '../ids.ts';
import {
  CLAIM_ONLY_FIELDS,
  EDITABLE_FIELDS,
  POLICE_ONLY_FIELDS,
  type CaseDocument,
  type ClaimDraft,
  type EditableField,
  type FieldChanges,
  type Party,
  type PoliceCaseDraft,
  type Vehicle,
} from '../../common/domain/case.ts';
import { STATUS_LABELS, transitionRefusal, type CaseStatus } from '../../common/domain/workflow.ts';
import { DomainError } from '../../common/result.ts';
import type { Actor, EventDraft, EventStore, StoredEvent } from '../events/store.ts';
import { getPath } from './projection.ts';
import { formatMoney, readSettings } from './settings.ts';

type PartyInput = Omit<Party, 'id'> & { id?: string };
type VehicleInput = Omit<Vehicle, 'id'> & { id?: string };

const withIds = <T extends { id?: string }>(items: readonly T[]): (T & { id: string })[] => items.map((i) => ({ ...i, id: i.id ?? uuidv7() }));

/** Drops empty optional strings so the log does not record "" where a person entered nothing. */
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

/**
 * The commands people give about cases. Each one checks the rules against the current projection, then
 * appends events; it never writes a projection itself.
 */
export class CaseService {
  private readonly loadDoc: Database.Statement;
  private readonly numberTaken: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly actor: () => Actor,
    private readonly onCommitted: (events: StoredEvent[]) => void = () => {},
  ) {
    this.loadDoc = db.prepare('SELECT doc FROM cases WHERE id = ?');
    this.numberTaken = db.prepare('SELECT 1 FROM cases WHERE number = ?');
  }

  /** Appends prepared events as one signed batch (imports and the demo build their own). */
  append(drafts: EventDraft[]): StoredEvent[] {
    const stored = this.store.append(drafts, this.actor());
    this.onCommitted(stored);
    return stored;
  }

  get(id: string): CaseDocument {
    const row = this.loadDoc.get(id) as { doc: string } | undefined;
    if (!row) throw new DomainError('NOT_FOUND', `No case with id ${id}. It may have been removed or never synced to this device.`);
    return JSON.parse(row.doc) as CaseDocument;
  }

  nextNumber(prefix: string): string {
    const year = new Date().getUTCFullYear();
    const key = `next_number:${prefix}`;
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    let n = row ? Number(row.value) : 1;
    let number = `${prefix}-${year}-${String(n).padStart(6, '0')}`;
    while (this.numberTaken.get(number)) {
      n += 1;
      number = `${prefix}-${year}-${String(n).padStart(6, '0')}`;
    }
    this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, String(n + 1));
    return number;
  }

  claimEvent(draft: ClaimDraft, seen: Set<string>): EventDraft {
    const number = draft.claimNumber ?? this.nextNumber('CLM');
    if (seen.has(number) || this.numberTaken.get(number)) throw new DomainError('CONFLICT', `Claim number ${number} is already used by another case.`);
    seen.add(number);
    const { parties, vehicles, ...claim } = draft;
    return {
      caseId: uuidv7(),
      type: 'claim.created',
      payload: {
        claim: compact({ ...claim, claimNumber: number }),
        parties: withIds(parties).map(compact),
        vehicles: withIds(vehicles).map(compact),
      },
    };
  }

  createClaim(draft: ClaimDraft): { id: string; number: string } {
    return this.createClaims([draft])[0];
  }

  /** Creates many claims in one signed batch: all of them, or (on any error) none. */
  createClaims(drafts: readonly ClaimDraft[]): { id: string; number: string }[] {
    const seen = new Set<string>();
    const events = drafts.map((d) => this.claimEvent(d, seen));
    this.append(events);
    return events.map((e) => ({ id: e.caseId, number: (e.payload as { claim: { claimNumber: string } }).claim.claimNumber }));
  }

  createPoliceCase(draft: PoliceCaseDraft): { id: string; number: string } {
    const number = draft.caseNumber ?? this.nextNumber('PC');
    if (this.numberTaken.get(number)) throw new DomainError('CONFLICT', `Case number ${number} is already used by another case.`);
    for (const claimId of draft.linkedClaimIds) this.requireClaim(claimId);
    const { parties, ...policeCase } = draft;
    const caseId = uuidv7();
    this.append([{ caseId, type: 'policeCase.created', payload: { policeCase: compact({ ...policeCase, caseNumber: number }), parties: withIds(parties).map(compact) } }]);
    return { id: caseId, number };
  }

  private requireClaim(claimId: string): CaseDocument {
    const doc = this.get(claimId);
    if (doc.kind !== 'claim') throw new DomainError('INVALID_INPUT', `${doc.number} is a police case, not a claim; only claims can be linked.`);
    return doc;
  }

  update(id: string, changes: FieldChanges): StoredEvent {
    const doc = this.get(id);
    const applied: Record<string, unknown> = {};
    const previous: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(changes)) {
      const label = EDITABLE_FIELDS[field as EditableField].label;
      if (doc.kind === 'police' && CLAIM_ONLY_FIELDS.has(field)) throw new DomainError('INVALID_INPUT', `${label} belongs to claims; ${doc.number} is a police case.`);
      if (doc.kind === 'claim' && POLICE_ONLY_FIELDS.has(field)) throw new DomainError('INVALID_INPUT', `${label} belongs to police cases; ${doc.number} is a claim.`);
      if ((field.startsWith('policy.') && !doc.policy) || (field.startsWith('incident.') && !doc.incident)) {
        throw new DomainError('INVALID_INPUT', `${doc.number} has no ${field.split('.')[0]} to change.`);
      }
      const before = getPath(doc, field);
      const normalized = value === '' ? null : value;
      if ((before ?? null) === normalized) continue;
      applied[field] = normalized;
      previous[field] = before ?? null;
    }
    if (Object.keys(applied).length === 0) throw new DomainError('INVALID_INPUT', 'Nothing changed: every field already has that value.');
    return this.append([{ caseId: id, type: 'case.fieldsChanged', payload: { changes: applied, previous } }])[0];
  }

  /**
   * Why the current person may not make a move the state machine allows, or null. Paying a claim above
   * the workspace's approval threshold takes a supervisor.
   */
  permissionRefusal(doc: CaseDocument, to: CaseStatus): string | null {
    if (doc.kind !== 'claim' || doc.status !== 'approval' || to !== 'payment') return null;
    const threshold = readSettings(this.db).approvalThresholdCents;
    const amount = doc.amountClaimedCents ?? 0;
    if (amount <= threshold || this.actor().role === 'supervisor') return null;
    return `Payments over ${formatMoney(threshold)} need a supervisor's approval. ${doc.number} claims ${formatMoney(amount)}, so a supervisor has to move it to Payment.`;
  }

  blockedTransitions(doc: CaseDocument, allowed: readonly CaseStatus[]): { to: CaseStatus; reason: string }[] {
    return allowed.flatMap((to) => {
      const reason = this.permissionRefusal(doc, to);
      return reason ? [{ to, reason }] : [];
    });
  }

  transition(id: string, to: CaseStatus, reason: string): StoredEvent {
    const doc = this.get(id);
    const refusal = transitionRefusal(doc.kind, doc.status, to);
    if (refusal) throw new DomainError('ILLEGAL_TRANSITION', refusal, { from: doc.status, to });
    const forbidden = this.permissionRefusal(doc, to);
    if (forbidden) throw new DomainError('FORBIDDEN', forbidden, { from: doc.status, to });
    if (reason.trim().length === 0) throw new DomainError('INVALID_INPUT', `Give a reason for moving ${doc.number} to ${STATUS_LABELS[to]}.`);
    return this.append([{ caseId: id, type: 'case.transitioned', payload: { from: doc.status, to, reason } }])[0];
  }

  addParty(id: string, party: PartyInput): string {
    this.get(id);
    const [withId] = withIds([compact(party)]);
    this.append([{ caseId: id, type: 'case.partyAdded', payload: { party: withId } }]);
    return withId.id;
  }

  removeParty(id: string, partyId: string, reason: string): StoredEvent {
    const doc = this.get(id);
    if (!doc.parties.some((p) => p.id === partyId)) throw new DomainError('NOT_FOUND', `${doc.number} has no party with id ${partyId}.`);
    return this.append([{ caseId: id, type: 'case.partyRemoved', payload: { partyId, reason } }])[0];
  }

  addVehicle(id: string, vehicle: VehicleInput): string {
    const doc = this.get(id);
    if (doc.kind !== 'claim') throw new DomainError('INVALID_INPUT', `Vehicles are recorded on claims; ${doc.number} is a police case.`);
    const [withId] = withIds([compact(vehicle)]);
    this.append([{ caseId: id, type: 'case.vehicleAdded', payload: { vehicle: withId } }]);
    return withId.id;
  }

  removeVehicle(id: string, vehicleId: string, reason: string): StoredEvent {
    const doc = this.get(id);
    if (!doc.vehicles.some((v) => v.id === vehicleId)) throw new DomainError('NOT_FOUND', `${doc.number} has no vehicle with id ${vehicleId}.`);
    return this.append([{ caseId: id, type: 'case.vehicleRemoved', payload: { vehicleId, reason } }])[0];
  }

  linkClaim(id: string, claimId: string): StoredEvent {
    const doc = this.get(id);
    if (doc.kind !== 'police') throw new DomainError('INVALID_INPUT', `Claims are linked to police cases; ${doc.number} is a claim.`);
    const claim = this.requireClaim(claimId);
    if (doc.linkedClaimIds.includes(claimId)) throw new DomainError('CONFLICT', `${claim.number} is already linked to ${doc.number}.`);
    return this.append([{ caseId: id, type: 'case.claimLinked', payload: { claimId } }])[0];
  }

  addNote(caseId: string, text: string): string {
    this.get(caseId);
    const noteId = uuidv7();
    this.append([{ caseId, type: 'note.added', payload: { noteId, text } }]);
    return noteId;
  }

  addTask(caseId: string, title: string, dueDate?: string, assignee?: string): string {
    this.get(caseId);
    const taskId = uuidv7();
    this.append([{ caseId, type: 'task.added', payload: compact({ taskId, title, dueDate, assignee }) }]);
    return taskId;
  }

  completeTask(caseId: string, taskId: string): StoredEvent {
    const task = this.db.prepare('SELECT done FROM tasks WHERE id = ? AND case_id = ?').get(taskId, caseId) as { done: number } | undefined;
    if (!task) throw new DomainError('NOT_FOUND', 'That task is not on this case.');
    if (task.done === 1) throw new DomainError('CONFLICT', 'That task is already done.');
    return this.append([{ caseId, type: 'task.completed', payload: { taskId } }])[0];
  }
}
