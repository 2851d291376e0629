import { useId, useState } from 'react';
import { STATUS_LABELS, type CaseStatus } from '../../../../common/domain/workflow.ts';
import { Dialog, FormFooter } from '../../components/Dialog.tsx';
import { useCasesStore } from '../../stores/cases/index.ts';
import { useWorkspaceStore, workspaceSelectors } from '../../stores/workspace/index.ts';
import type { CaseRecord } from '../../services/cases.ts';

/** The words on the button for a move, in the order a person reads a case's next steps. */
export const actionLabel = (from: CaseStatus, to: CaseStatus): string => {
  if (to === 'referred_siu') return 'Refer to SIU';
  if (to === 'denied') return 'Deny';
  if (to === 'referred_for_prosecution') return 'Refer for prosecution';
  if ((from === 'closed' || from === 'denied') && (to === 'investigation' || to === 'under_investigation')) return 'Reopen';
  if (to === 'closed') return from === 'payment' ? 'Close as paid' : 'Close case';
  if (from === 'referred_siu' && to === 'investigation') return 'Return from SIU';
  if (to === 'payment') return 'Approve for payment';
  return `Move to ${STATUS_LABELS[to]}`;
};

const TransitionDialog = ({ record, to, onClose }: { record: CaseRecord; to: CaseStatus; onClose: () => void }) => {
  const transition = useCasesStore((s) => s.transition);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonId = useId();
  const errorId = useId();
  const from = record.case.status;
  const label = actionLabel(from, to);

  const submit = async () => {
    if (!reason.trim()) return setError('Give a reason: it is recorded in the timeline with the move.');
    setBusy(true);
    const result = await transition(to, reason.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onClose();
  };

  return (
    <Dialog title={`${label}: ${record.case.number}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="dialog-text">
          {STATUS_LABELS[from]} → {STATUS_LABELS[to]}. The reason is kept in the case timeline with your name and role.
        </p>
        <label className="form-field" htmlFor={reasonId}>
          <span className="field-label">Reason</span>
          <textarea
            id={reasonId}
            className="input textarea"
            rows={4}
            maxLength={2000}
            autoFocus
            value={reason}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setError(null);
              setReason(e.target.value);
            }}
          />
        </label>
        <FormFooter error={error} errorId={errorId} busy={busy} submitLabel={label} onCancel={onClose} />
      </form>
    </Dialog>
  );
};

const AssignDialog = ({ record, onClose }: { record: CaseRecord; onClose: () => void }) => {
  const updateFields = useCasesStore((s) => s.updateFields);
  const me = useWorkspaceStore(workspaceSelectors.profileName);
  const [name, setName] = useState(record.case.assignee ?? '');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();
  const assign = async (assignee: string) => {
    if (assignee.trim() === (record.case.assignee ?? '')) return onClose();
    const result = await updateFields({ assignee: assignee.trim() === '' ? null : assignee.trim() });
    if (!result.ok) return setError(result.error.message);
    onClose();
  };
  return (
    <Dialog title={`Assign ${record.case.number}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void assign(name);
        }}
      >
        <label className="form-field" htmlFor={inputId}>
          <span className="field-label">Assignee</span>
          <input id={inputId} className="input" value={name} maxLength={120} autoFocus placeholder="Unassigned" aria-invalid={error !== null} aria-describedby={error ? errorId : undefined} onChange={(e) => setName(e.target.value)} />
        </label>
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          {me && me !== record.case.assignee && (
            <button type="button" className="button" onClick={() => void assign(me)}>
              Assign to me
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary">
            Assign
          </button>
        </div>
      </form>
    </Dialog>
  );
};

/** The moves the case's state allows, each asking for a reason; moves this person may not make say who can. */
export const WorkflowActions = ({ record }: { record: CaseRecord }) => {
  const [moving, setMoving] = useState<CaseStatus | null>(null);
  const [assigning, setAssigning] = useState(false);
  const noteId = useId();
  const from = record.case.status;
  const blocked = new Map(record.blockedTransitions.map((b) => [b.to, b.reason]));
  return (
    <div className="workflow" role="group" aria-label="Workflow">
      <div className="workflow-actions">
        {record.allowedTransitions.map((to) => (
          <button
            key={to}
            type="button"
            className={`button${to === record.allowedTransitions[0] && !blocked.has(to) ? ' button-primary' : ''}`}
            disabled={blocked.has(to)}
            aria-describedby={blocked.has(to) ? noteId : undefined}
            onClick={() => setMoving(to)}
          >
            {actionLabel(from, to)}
          </button>
        ))}
        <button type="button" className="button button-quiet" onClick={() => setAssigning(true)}>
          {record.case.assignee ? 'Reassign…' : 'Assign…'}
        </button>
      </div>
      {blocked.size > 0 && (
        <p id={noteId} className="workflow-note" role="note">
          {[...blocked.values()].join(' ')}
        </p>
      )}
      {moving && <TransitionDialog record={record} to={moving} onClose={() => setMoving(null)} />}
      {assigning && <AssignDialog record={record} onClose={() => setAssigning(false)} />}
    </div>
  );
};
