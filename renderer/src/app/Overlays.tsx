import { useId, useState } from 'react';
import { ROLES } from '../../../common/contract.ts';
import { ClaimDraft, POLICY_TYPES } from '../../../common/domain/case.ts';
import { Dialog, FormFooter } from '../components/Dialog.tsx';
import { formatCents } from '../components/format.ts';
import { POLICY_TYPE_LABELS, ROLE_LABELS } from '../components/labels.ts';
import { SHORTCUTS } from '../features/queue/useQueueKeyboard.ts';
import { caseService } from '../services/cases.ts';
import { parseDollars, useCasesStore } from '../stores/cases/index.ts';
import { settingsSelectors, useSettingsStore } from '../stores/settings/index.ts';
import { useWorkspaceStore, workspaceSelectors } from '../stores/workspace/index.ts';

const ShortcutsDialog = ({ onClose }: { onClose: () => void }) => (
  <Dialog title="Keyboard shortcuts" onClose={onClose}>
    <table className="shortcut-table">
      <caption className="visually-hidden">Keys and what they do</caption>
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {SHORTCUTS.map((s) => (
          <tr key={s.action}>
            <td>
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && (s.keys[0] === 'Ctrl' ? ' + ' : ' or ')}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </td>
            <td>{s.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <div className="dialog-actions">
      <button type="button" className="button button-primary" onClick={onClose} autoFocus>
        Done
      </button>
    </div>
  </Dialog>
);

const ProfileDialog = ({ onClose }: { onClose: () => void }) => {
  const profile = useWorkspaceStore(workspaceSelectors.profile);
  const updateProfile = useWorkspaceStore((s) => s.updateProfile);
  const threshold = useSettingsStore(settingsSelectors.approvalThresholdCents);
  const setThreshold = useSettingsStore((s) => s.setApprovalThreshold);
  const [name, setName] = useState(profile?.name ?? '');
  const [role, setRole] = useState(profile?.role ?? 'adjuster');
  const [amount, setAmount] = useState(threshold === null ? '' : (threshold / 100).toFixed(2));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameId = useId();
  const roleId = useId();
  const amountId = useId();
  const errorId = useId();
  const isSupervisor = profile?.role === 'supervisor';

  const save = async () => {
    if (!name.trim()) return setError('Your name is required: it is recorded on every change you make.');
    setBusy(true);
    // The threshold is saved first, while the role that may change it is still the current one.
    const cents = parseDollars(amount);
    if (isSupervisor && cents !== threshold) {
      if (cents === null) {
        setBusy(false);
        return setError('The approval amount must be dollars, like 10000 or 12,500.00.');
      }
      const saved = await setThreshold(cents);
      if (!saved.ok) {
        setBusy(false);
        return setError(saved.error.message);
      }
    }
    const result = await updateProfile({ name: name.trim(), role });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    // What this person may do (and "My open claims") follows the profile.
    void useSettingsStore.getState().loadViews();
    void useCasesStore.getState().reloadCase();
    onClose();
  };

  return (
    <Dialog title="Your profile" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <p className="dialog-text">Every change you make is recorded with this name and role. Roles decide what you may approve.</p>
        <label className="form-field" htmlFor={nameId}>
          <span className="field-label">Name</span>
          <input id={nameId} className="input" value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="form-field" htmlFor={roleId}>
          <span className="field-label">Role</span>
          <select id={roleId} className="input select" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field" htmlFor={amountId}>
          <span className="field-label">Payments above this amount need a supervisor</span>
          <input id={amountId} className="input" inputMode="decimal" value={amount} disabled={!isSupervisor} onChange={(e) => setAmount(e.target.value)} />
        </label>
        {!isSupervisor && threshold !== null && <p className="meta">Now {formatCents(threshold)}. Only a supervisor can change it.</p>}
        <FormFooter error={error} errorId={errorId} busy={busy} submitLabel={'Save profile'} onCancel={onClose} />
      </form>
    </Dialog>
  );
};

const today = () => new Date().toISOString().slice(0, 10);

const NewClaimDialog = ({ onClose }: { onClose: () => void }) => {
  const openCase = useCasesStore((s) => s.openCase);
  const me = useWorkspaceStore(workspaceSelectors.profileName);
  const [f, setF] = useState({ claimant: '', phone: '', plate: '', policyNumber: '', policyType: 'collision', inception: '', occurredAt: '', place: '', description: '', amount: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((d) => ({ ...d, [k]: e.target.value }));
  const submit = async () => {
    const amount = parseDollars(f.amount);
    if (!f.claimant.trim()) return setError('The claimant’s name is required.');
    if (amount === null) return setError('Amount claimed must be dollars, like 1450 or 1,450.00.');
    const draft = ClaimDraft.safeParse({
      policy: { number: f.policyNumber, type: f.policyType, inceptionDate: f.inception },
      parties: [{ role: 'claimant', name: f.claimant, phone: f.phone || undefined }],
      vehicles: f.plate.trim() ? [{ plate: f.plate }] : [],
      incident: { occurredAt: f.occurredAt, place: f.place, description: f.description, policeReportFiled: false, witnessesPresent: false, fault: 'unknown' },
      amountClaimedCents: amount,
      assignee: me ?? undefined,
    });
    if (!draft.success) {
      const issue = draft.error.issues[0];
      const where: Record<string, string> = { policy: 'Policy', incident: 'Incident' };
      return setError(`${where[String(issue.path[0])] ?? 'A field'} ${String(issue.path.slice(1).join(' ') || '')} ${issue.message}.`.replace(/\s+/g, ' '));
    }
    setBusy(true);
    const created = await caseService.createClaim(draft.data);
    setBusy(false);
    if (!created.ok) return setError(created.error.message);
    onClose();
    void useCasesStore.getState().refresh();
    void openCase(created.value.id);
  };
  const field = (k: keyof typeof f, label: string, type = 'text', wide = false) => (
    <label className={`form-field${wide ? ' form-field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      <input className="input" type={type} value={f[k]} onChange={set(k)} aria-describedby={error ? errorId : undefined} max={type === 'date' ? today() : undefined} />
    </label>
  );
  return (
    <Dialog title="New claim" onClose={onClose} wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          {field('claimant', 'Claimant name')}
          {field('phone', 'Claimant phone')}
          {field('policyNumber', 'Policy number')}
          <label className="form-field">
            <span className="field-label">Policy type</span>
            <select className="input select" value={f.policyType} onChange={set('policyType')}>
              {POLICY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {POLICY_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          {field('inception', 'Policy since', 'date')}
          {field('occurredAt', 'Incident date and time', 'datetime-local')}
          {field('place', 'Incident place')}
          {field('plate', 'Vehicle plate')}
          {field('amount', 'Amount claimed ($)')}
          {field('description', 'What happened', 'text', true)}
        </div>
        <FormFooter error={error} errorId={errorId} busy={busy} submitLabel={'Create claim'} onCancel={onClose} />
      </form>
    </Dialog>
  );
};

/** The dialog the menu, a shortcut or a button asked for. */
export const Overlays = () => {
  const overlay = useWorkspaceStore(workspaceSelectors.overlay);
  const setOverlay = useWorkspaceStore((s) => s.setOverlay);
  const close = () => setOverlay(null);
  if (overlay === 'shortcuts') return <ShortcutsDialog onClose={close} />;
  if (overlay === 'profile') return <ProfileDialog onClose={close} />;
  if (overlay === 'newClaim') return <NewClaimDialog onClose={close} />;
  return null;
};
