import { useId, useRef, useState, type ReactNode } from 'react';
import { PARTY_ROLES, PartyDraft, VehicleDraft, type CaseDocument } from '../../../../common/domain/case.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { NOT_SET, formatDate, formatDateTime } from '../../components/format.ts';
import { PARTY_ROLE_LABELS, roleLabel } from '../../components/labels.ts';
import { useCasesStore } from '../../stores/cases/index.ts';
import { EvidencePanel } from '../evidence/EvidencePanel.tsx';
import type { CaseRecord, CaseTimeline } from '../../services/cases.ts';
import { describeEvent } from './describeEvent.ts';
import { EditableFact } from './EditableFact.tsx';

export type TabId = 'overview' | 'parties' | 'vehicles' | 'evidence' | 'notes' | 'timeline';

const Empty = ({ children }: { children: ReactNode }) => <p className="section-empty">{children}</p>;

const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="fact">
    <dt>{label}</dt>
    <dd>{children || NOT_SET}</dd>
  </div>
);

const FormError = ({ id, message }: { id: string; message: string | null }) =>
  message ? (
    <p id={id} className="form-error" role="alert">
      {message}
    </p>
  ) : null;

const firstIssue = (error: { issues: { path: PropertyKey[]; message: string }[] }, labels: Record<string, string>): string => {
  const issue = error.issues[0];
  const field = labels[String(issue?.path[0] ?? '')] ?? 'A value';
  return `${field} ${issue?.message ?? 'is invalid'}.`;
};

const OverviewTab = ({ doc }: { doc: CaseDocument }) =>
  doc.kind === 'claim' ? (
    <>
      <h3 className="section-title">Incident</h3>
      <dl className="fact-grid">
        <EditableFact doc={doc} field="incident.description" wide />
        <EditableFact doc={doc} field="incident.occurredAt" label="Happened" />
        <EditableFact doc={doc} field="reportedAt" label="Reported" />
        <EditableFact doc={doc} field="incident.place" label="Place" />
        <EditableFact doc={doc} field="incident.fault" />
        <EditableFact doc={doc} field="incident.policeReportFiled" />
        <EditableFact doc={doc} field="incident.policeReportNumber" />
        <EditableFact doc={doc} field="incident.witnessesPresent" />
        <EditableFact doc={doc} field="repairShop" />
        <EditableFact doc={doc} field="amountClaimedCents" />
      </dl>
      <h3 className="section-title">Policy</h3>
      {doc.policy ? (
        <dl className="fact-grid">
          <EditableFact doc={doc} field="policy.number" />
          <EditableFact doc={doc} field="policy.type" />
          <EditableFact doc={doc} field="policy.inceptionDate" label="Policy since" />
          <EditableFact doc={doc} field="policy.insuredValueCents" />
          <EditableFact doc={doc} field="policy.deductibleCents" />
        </dl>
      ) : (
        <Empty>No policy recorded.</Empty>
      )}
    </>
  ) : (
    <>
      <h3 className="section-title">Case</h3>
      <dl className="fact-grid">
        <EditableFact doc={doc} field="summary" wide />
        <EditableFact doc={doc} field="offenceType" />
        <Fact label="Linked claims">{String(doc.linkedClaimIds.length)}</Fact>
        <Fact label="Last change">{formatDateTime(doc.updatedAt)}</Fact>
      </dl>
    </>
  );

const PARTY_LABELS = { name: 'Name', phone: 'Phone', email: 'Email', address: 'Address', role: 'Role' };

const AddPartyForm = () => {
  const addParty = useCasesStore((s) => s.addParty);
  const [draft, setDraft] = useState({ role: 'witness', name: '', phone: '', email: '', address: '' });
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = async () => {
    const parsed = PartyDraft.safeParse(draft);
    if (!parsed.success) return setError(firstIssue(parsed.error, PARTY_LABELS));
    const result = await addParty(parsed.data);
    if (!result.ok) return setError(result.error.message);
    setDraft({ role: 'witness', name: '', phone: '', email: '', address: '' });
    setError(null);
  };
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  return (
    <form
      className="inline-form"
      aria-label="Add a party"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 className="form-title">Add a party</h4>
      <div className="form-grid">
        <label className="form-field">
          <span className="field-label">Role</span>
          <select className="input select" value={draft.role} onChange={set('role')}>
            {PARTY_ROLES.map((r) => (
              <option key={r} value={r}>
                {PARTY_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="field-label">Name</span>
          <input className="input" value={draft.name} onChange={set('name')} aria-describedby={error ? errorId : undefined} />
        </label>
        <label className="form-field">
          <span className="field-label">Phone</span>
          <input className="input" value={draft.phone} onChange={set('phone')} />
        </label>
        <label className="form-field">
          <span className="field-label">Email</span>
          <input className="input" value={draft.email} onChange={set('email')} />
        </label>
        <label className="form-field form-field-wide">
          <span className="field-label">Address</span>
          <input className="input" value={draft.address} onChange={set('address')} />
        </label>
      </div>
      <FormError id={errorId} message={error} />
      <button type="submit" className="button">
        Add party
      </button>
    </form>
  );
};

/** Removing a party or vehicle keeps it in the log; the reason says why it no longer belongs. */
const RemoveDialog = ({ title, onRemove, onClose }: { title: string; onRemove: (reason: string) => Promise<string | null>; onClose: () => void }) => {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const errorId = useId();
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!reason.trim()) return setError('Give a reason: it is kept in the timeline.');
          const refusal = await onRemove(reason.trim());
          if (refusal) setError(refusal);
          else onClose();
        }}
      >
        <label className="form-field" htmlFor={reasonId}>
          <span className="field-label">Reason</span>
          <textarea id={reasonId} className="input textarea" rows={3} autoFocus value={reason} aria-describedby={error ? errorId : undefined} onChange={(e) => setReason(e.target.value)} />
        </label>
        <FormError id={errorId} message={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-danger">
            Remove
          </button>
        </div>
      </form>
    </Dialog>
  );
};

const PartiesTab = ({ doc }: { doc: CaseDocument }) => {
  const removeParty = useCasesStore((s) => s.removeParty);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      {doc.parties.length === 0 ? (
        <Empty>No parties recorded.</Empty>
      ) : (
        <ul className="card-list" aria-label="Parties">
          {doc.parties.map((p) => (
            <li key={p.id} className="card">
              <p className="card-title">
                {p.name} <span className="card-tag">{PARTY_ROLE_LABELS[p.role]}</span>
              </p>
              {[p.phone, p.email, p.address].filter(Boolean).map((line) => (
                <p key={line} className="card-line">
                  {line}
                </p>
              ))}
              {p.licenceNumber && <p className="card-line">Licence {p.licenceNumber}</p>}
              {p.dateOfBirth && <p className="card-line">Born {formatDate(p.dateOfBirth)}</p>}
              <button type="button" className="button button-quiet card-action" aria-label={`Remove ${p.name}`} onClick={() => setRemoving({ id: p.id, name: p.name })}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddPartyForm />
      {removing && (
        <RemoveDialog
          title={`Remove ${removing.name} from ${doc.number}`}
          onClose={() => setRemoving(null)}
          onRemove={async (reason) => {
            const r = await removeParty(removing.id, reason);
            return r.ok ? null : r.error.message;
          }}
        />
      )}
    </>
  );
};

const VEHICLE_LABELS = { plate: 'Plate', vin: 'VIN', make: 'Make', model: 'Model', year: 'Year' };

const AddVehicleForm = () => {
  const addVehicle = useCasesStore((s) => s.addVehicle);
  const [draft, setDraft] = useState({ plate: '', vin: '', make: '', model: '', year: '' });
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const submit = async () => {
    const parsed = VehicleDraft.safeParse({ ...draft, year: draft.year.trim() ? Number(draft.year) : undefined });
    if (!parsed.success) return setError(firstIssue(parsed.error, VEHICLE_LABELS));
    const result = await addVehicle(parsed.data);
    if (!result.ok) return setError(result.error.message);
    setDraft({ plate: '', vin: '', make: '', model: '', year: '' });
    setError(null);
  };
  const set = (k: keyof typeof draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  return (
    <form
      className="inline-form"
      aria-label="Add a vehicle"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 className="form-title">Add a vehicle</h4>
      <div className="form-grid">
        {(['plate', 'vin', 'make', 'model', 'year'] as const).map((k) => (
          <label key={k} className={`form-field${k === 'vin' ? ' form-field-wide' : ''}`}>
            <span className="field-label">{VEHICLE_LABELS[k]}</span>
            <input className="input" value={draft[k]} inputMode={k === 'year' ? 'numeric' : undefined} onChange={set(k)} aria-describedby={error ? errorId : undefined} />
          </label>
        ))}
      </div>
      <FormError id={errorId} message={error} />
      <button type="submit" className="button">
        Add vehicle
      </button>
    </form>
  );
};

const VehiclesTab = ({ doc }: { doc: CaseDocument }) => {
  const removeVehicle = useCasesStore((s) => s.removeVehicle);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      {doc.vehicles.length === 0 ? (
        <Empty>No vehicles recorded.</Empty>
      ) : (
        <ul className="card-list" aria-label="Vehicles">
          {doc.vehicles.map((v) => {
            const name = [v.make, v.model, v.year].filter(Boolean).join(' ') || 'Vehicle';
            return (
              <li key={v.id} className="card">
                <p className="card-title">{name}</p>
                <p className="card-line">
                  Plate <span className="plate">{v.plate || NOT_SET}</span>
                </p>
                <p className="card-line">
                  VIN <span className="mono">{v.vin || NOT_SET}</span>
                </p>
                <button type="button" className="button button-quiet card-action" aria-label={`Remove ${name}${v.plate ? ` ${v.plate}` : ''}`} onClick={() => setRemoving({ id: v.id, name })}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {doc.kind === 'claim' && <AddVehicleForm />}
      {removing && (
        <RemoveDialog
          title={`Remove the ${removing.name} from ${doc.number}`}
          onClose={() => setRemoving(null)}
          onRemove={async (reason) => {
            const r = await removeVehicle(removing.id, reason);
            return r.ok ? null : r.error.message;
          }}
        />
      )}
    </>
  );
};

const NotesTab = ({ record }: { record: CaseRecord }) => {
  const addNote = useCasesStore((s) => s.addNote);
  const addTask = useCasesStore((s) => s.addTask);
  const completeTask = useCasesStore((s) => s.completeTask);
  const [note, setNote] = useState('');
  const [task, setTask] = useState({ title: '', due: '' });
  const [noteError, setNoteError] = useState<string | null>(null);
  // A ticked task shows as done at once; core's answer (or its refusal) follows.
  const [completing, setCompleting] = useState<ReadonlySet<string>>(new Set());
  const [taskError, setTaskError] = useState<string | null>(null);
  const noteId = useId();
  const noteErrorId = useId();
  const taskErrorId = useId();
  return (
    <>
      <h3 className="section-title">
        Tasks <span className="section-count">{record.tasks.filter((t) => !t.done).length} open</span>
      </h3>
      {record.tasks.length === 0 ? (
        <Empty>No tasks yet.</Empty>
      ) : (
        <ul className="plain-list task-list" aria-label="Tasks">
          {record.tasks.map((t) => (
            <li key={t.id} className={`task${t.done ? ' is-done' : ''}`}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={t.done || completing.has(t.id)}
                  disabled={t.done || completing.has(t.id)}
                  onChange={async () => {
                    setCompleting((c) => new Set(c).add(t.id));
                    const r = await completeTask(t.id);
                    setCompleting((c) => {
                      const next = new Set(c);
                      next.delete(t.id);
                      return next;
                    });
                    setTaskError(r.ok ? null : r.error.message);
                  }}
                />
                <span className="task-title">{t.title}</span>
              </label>
              {t.dueDate && <span className="meta">due {formatDate(t.dueDate)}</span>}
              {t.done && <span className="meta">done {formatDateTime(t.completedAt)}</span>}
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form inline-row"
        aria-label="Add a task"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!task.title.trim()) return setTaskError('Say what needs doing.');
          const r = await addTask(task.title.trim(), task.due || undefined);
          if (!r.ok) return setTaskError(r.error.message);
          setTask({ title: '', due: '' });
          setTaskError(null);
        }}
      >
        <label className="form-field form-field-grow">
          <span className="field-label">New task</span>
          <input className="input" value={task.title} maxLength={300} aria-describedby={taskError ? taskErrorId : undefined} onChange={(e) => setTask((t) => ({ ...t, title: e.target.value }))} />
        </label>
        <label className="form-field">
          <span className="field-label">Due</span>
          <input className="input input-date" type="date" value={task.due} onChange={(e) => setTask((t) => ({ ...t, due: e.target.value }))} />
        </label>
        <button type="submit" className="button">
          Add task
        </button>
      </form>
      <FormError id={taskErrorId} message={taskError} />

      <h3 className="section-title">
        Notes <span className="section-count">{record.notes.length}</span>
      </h3>
      {record.notes.length === 0 ? (
        <Empty>No notes yet.</Empty>
      ) : (
        <ul className="plain-list note-list" aria-label="Notes">
          {record.notes.map((n) => (
            <li key={n.id} className="note">
              <p className="note-text">{n.text}</p>
              <p className="meta">
                {n.author} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        aria-label="Add a note"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!note.trim()) return setNoteError('Write the note first.');
          const r = await addNote(note.trim());
          if (!r.ok) return setNoteError(r.error.message);
          setNote('');
          setNoteError(null);
        }}
      >
        <label className="form-field" htmlFor={noteId}>
          <span className="field-label">New note</span>
          <textarea id={noteId} className="input textarea" rows={3} maxLength={20000} value={note} aria-describedby={noteError ? noteErrorId : undefined} onChange={(e) => setNote(e.target.value)} />
        </label>
        <FormError id={noteErrorId} message={noteError} />
        <button type="submit" className="button">
          Add note
        </button>
      </form>
    </>
  );
};

const shortDevice = (id: string): string => id.slice(0, 8);

const TimelineTab = ({ timeline }: { timeline: CaseTimeline }) =>
  timeline.length === 0 ? (
    <Empty>No events recorded.</Empty>
  ) : (
    <ol className="timeline" aria-label="Case timeline">
      {[...timeline].reverse().map((entry) => {
        const { title, summary, changes } = describeEvent(entry);
        return (
          <li key={entry.id} className="timeline-entry">
            <p className="timeline-title">{title}</p>
            {changes.length > 0 && (
              <ul className="plain-list timeline-changes">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            )}
            {summary && <p className="timeline-summary">{summary}</p>}
            <p className="meta">
              {entry.actor} · {roleLabel(entry.actorRole)} · device <span className="mono">{shortDevice(entry.deviceId)}</span> ·{' '}
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
            </p>
          </li>
        );
      })}
    </ol>
  );

const tabsFor = (record: CaseRecord, timeline: CaseTimeline): { id: TabId; label: string; count?: number }[] => {
  const doc = record.case;
  return [
    { id: 'overview', label: 'Details' },
    { id: 'parties', label: 'Parties', count: doc.parties.length },
    ...(doc.kind === 'claim' ? [{ id: 'vehicles' as const, label: 'Vehicles', count: doc.vehicles.length }] : []),
    { id: 'evidence', label: 'Evidence' },
    { id: 'notes', label: 'Notes & tasks', count: record.notes.length + record.tasks.filter((t) => !t.done).length },
    { id: 'timeline', label: 'Timeline', count: timeline.length },
  ];
};

/** The case in tabs; arrow keys move between tabs as in any tab list. */
export const CaseSections = ({ record, timeline, tab, onTab }: { record: CaseRecord; timeline: CaseTimeline; tab: TabId; onTab: (t: TabId) => void }) => {
  const tabs = tabsFor(record, timeline);
  const current = tabs.some((t) => t.id === tab) ? tab : 'overview';
  const listRef = useRef<HTMLDivElement>(null);
  const doc = record.case;
  const move = (delta: number) => {
    const i = tabs.findIndex((t) => t.id === current);
    const next = tabs[(i + delta + tabs.length) % tabs.length];
    onTab(next.id);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>(`#tab-${next.id}`)?.focus());
  };
  return (
    <>
      {record.conflicts.length > 0 && (
        <div className="notice notice-warning" role="note">
          <h3 className="notice-title">{record.conflicts.length === 1 ? 'One change needs a decision' : `${record.conflicts.length} changes need a decision`}</h3>
          <ul className="plain-list">
            {record.conflicts.map((c) => (
              <li key={c.id}>{c.description}</li>
            ))}
          </ul>
        </div>
      )}
      <div
        className="tab-list"
        role="tablist"
        aria-label="Case sections"
        ref={listRef}
        onKeyDown={(e) => {
          if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
            e.preventDefault();
            move(e.key === 'ArrowRight' ? 1 : -1);
          }
        }}
      >
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current ? 0 : -1}
            className="tab"
            onClick={() => onTab(t.id)}
          >
            {t.label}
            {t.count !== undefined && <span className="tab-count">{t.count}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`}>
        {current === 'overview' && <OverviewTab doc={doc} />}
        {current === 'parties' && <PartiesTab doc={doc} />}
        {current === 'vehicles' && <VehiclesTab doc={doc} />}
        {current === 'evidence' && <EvidencePanel caseId={doc.id} />}
        {current === 'notes' && <NotesTab record={record} />}
        {current === 'timeline' && <TimelineTab timeline={timeline} />}
      </div>
    </>
  );
};
