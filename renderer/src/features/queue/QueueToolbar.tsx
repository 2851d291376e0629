import { useId, useState } from 'react';
import { CLAIM_STATUSES, POLICE_STATUSES, STATUS_LABELS, type CaseStatus } from '../../../../common/domain/workflow.ts';
import { Dialog, FormFooter } from '../../components/Dialog.tsx';
import { formatCaseCount } from '../../components/format.ts';
import { Popover } from '../../components/Popover.tsx';
import { casesSelectors, parseDollars, useCasesStore, viewFromQuery, type KindFilter } from '../../stores/cases/index.ts';
import { settingsSelectors, useSettingsStore } from '../../stores/settings/index.ts';
import { useWorkspaceStore } from '../../stores/workspace/index.ts';
import { QUEUE_COLUMNS } from './columns.tsx';
import { SEARCH_INPUT_ID } from './useQueueKeyboard.ts';

const SearchBox = () => {
  const search = useCasesStore(casesSelectors.search);
  const setSearch = useCasesStore((s) => s.setSearch);
  return (
    <div className="search-box">
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        Search cases
      </label>
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        className="input search-input"
        placeholder="Number, name, plate, VIN, phone…"
        autoComplete="off"
        spellCheck={false}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            if (search) setSearch('');
            else e.currentTarget.blur();
          }
        }}
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
    </div>
  );
};

const CUSTOM = 'custom';
const ALL = 'all';

const SaveViewDialog = ({ onClose }: { onClose: () => void }) => {
  const query = useCasesStore(casesSelectors.query);
  const saveView = useSettingsStore((s) => s.saveView);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  const errorId = useId();
  const submit = async () => {
    if (!name.trim()) return setError('Give the view a name.');
    setBusy(true);
    const saved = await saveView(name.trim(), viewFromQuery(query));
    setBusy(false);
    if (!saved.ok) return setError(saved.error.message);
    useCasesStore.setState({ activeViewId: saved.value.id });
    onClose();
  };
  return (
    <Dialog title="Save this view" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="dialog-text">The search, filters and sort of the queue are saved under a name, in this workspace.</p>
        <label className="form-field" htmlFor={inputId}>
          <span className="field-label">Name</span>
          <input id={inputId} className="input" value={name} maxLength={80} autoFocus aria-invalid={error !== null} aria-describedby={error ? errorId : undefined} onChange={(e) => setName(e.target.value)} />
        </label>
        <FormFooter error={error} errorId={errorId} busy={busy} submitLabel={'Save view'} onCancel={onClose} />
      </form>
    </Dialog>
  );
};

const ViewPicker = () => {
  const views = useSettingsStore(settingsSelectors.views);
  const removeView = useSettingsStore((s) => s.removeView);
  const activeViewId = useCasesStore(casesSelectors.activeViewId);
  const hasFilters = useCasesStore(casesSelectors.hasFilters);
  const defaultSort = useCasesStore(casesSelectors.isDefaultSort);
  const applyView = useCasesStore((s) => s.applyView);
  const clearFilters = useCasesStore((s) => s.clearFilters);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const custom = activeViewId === null && (hasFilters || !defaultSort);
  const value = activeViewId ?? (custom ? CUSTOM : ALL);
  const active = views.find((v) => v.id === activeViewId);
  return (
    <div className="view-picker">
      <label className="field">
        <span className="field-label">View</span>
        <select
          className="input select"
          value={value}
          onChange={(e) => {
            setError(null);
            const id = e.target.value;
            if (id === ALL) {
              clearFilters();
              return;
            }
            const view = views.find((v) => v.id === id);
            if (view) applyView(view.id, view.filters);
          }}
        >
          <option value={ALL}>All cases</option>
          {views.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
          {custom && <option value={CUSTOM}>Custom filters</option>}
        </select>
      </label>
      {custom && (
        <button type="button" className="button button-quiet" onClick={() => setSaving(true)}>
          Save view…
        </button>
      )}
      {(hasFilters || activeViewId !== null) && (
        <button type="button" className="button button-quiet" onClick={clearFilters}>
          Clear filters
        </button>
      )}
      {active && !active.builtIn && (
        <button
          type="button"
          className="button button-quiet"
          onClick={async () => {
            const removed = await removeView(active.id);
            if (!removed.ok) setError(removed.error.message);
            else clearFilters();
          }}
        >
          Delete view
        </button>
      )}
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
      {saving && <SaveViewDialog onClose={() => setSaving(false)} />}
    </div>
  );
};

const ColumnChooser = () => {
  const columns = useSettingsStore(settingsSelectors.columns);
  const toggleColumn = useSettingsStore((s) => s.toggleColumn);
  return (
    <Popover label="Columns" className="column-chooser">
      <fieldset className="checkbox-group">
        <legend className="field-label">Show columns</legend>
        {QUEUE_COLUMNS.map((c) => (
          <label key={c.id} className="checkbox">
            <input type="checkbox" checked={c.id === 'number' || columns.includes(c.id)} disabled={c.id === 'number'} onChange={() => void toggleColumn(c.id)} />
            {c.label}
          </label>
        ))}
        <p className="meta popover-note">Risk band: not available yet. Risk scores arrive with evidence analysis.</p>
      </fieldset>
    </Popover>
  );
};

const StatusChecks = ({ title, statuses }: { title: string; statuses: readonly CaseStatus[] }) => {
  const selected = useCasesStore(casesSelectors.statuses);
  const setStatuses = useCasesStore((s) => s.setStatuses);
  return (
    <fieldset className="checkbox-group">
      <legend className="field-label">{title}</legend>
      {statuses.map((s) => (
        <label key={s} className="checkbox">
          <input type="checkbox" checked={selected.includes(s)} onChange={(e) => setStatuses(e.target.checked ? [...selected, s] : selected.filter((x) => x !== s))} />
          {STATUS_LABELS[s]}
        </label>
      ))}
    </fieldset>
  );
};

const StatusFilter = () => {
  const kind = useCasesStore(casesSelectors.kind);
  const selected = useCasesStore(casesSelectors.statuses);
  const setStatuses = useCasesStore((s) => s.setStatuses);
  const summary = selected.length === 0 ? 'All' : selected.length === 1 ? STATUS_LABELS[selected[0]] : `${selected.length} selected`;
  return (
    <Popover label={`Status: ${summary}`} accessibleLabel={`Status filter: ${summary}`} className="status-filter">
      <div className="status-groups">
        {kind !== 'police' && <StatusChecks title="Claims" statuses={CLAIM_STATUSES} />}
        {kind !== 'claim' && <StatusChecks title="Police cases" statuses={POLICE_STATUSES} />}
      </div>
      {selected.length > 0 && (
        <button type="button" className="button button-quiet" onClick={() => setStatuses([])}>
          Any status
        </button>
      )}
    </Popover>
  );
};

const FilterBar = () => {
  const query = useCasesStore(casesSelectors.query);
  const setKind = useCasesStore((s) => s.setKind);
  const setFilters = useCasesStore((s) => s.setFilters);
  const badMin = query.amountMin.trim() !== '' && parseDollars(query.amountMin) === null;
  const badMax = query.amountMax.trim() !== '' && parseDollars(query.amountMax) === null;
  const riskNote = useId();
  return (
    <div className="filter-bar" role="group" aria-label="Filters">
      <label className="field">
        <span className="visually-hidden">Type</span>
        <select className="input select" value={query.kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
          <option value="all">All types</option>
          <option value="claim">Claims</option>
          <option value="police">Police cases</option>
        </select>
      </label>
      <StatusFilter />
      <label className="field">
        <span className="visually-hidden">Assignee</span>
        <input className="input input-name" value={query.assignee} placeholder="Any assignee" onChange={(e) => setFilters({ assignee: e.target.value })} />
      </label>
      <span className="field">
        <span className="field-label" id="incident-range">
          Incident
        </span>
        <input type="date" className="input input-date" aria-label="Incident from" value={query.incidentFrom} onChange={(e) => setFilters({ incidentFrom: e.target.value })} />
        <span className="field-label" aria-hidden="true">
          to
        </span>
        <input type="date" className="input input-date" aria-label="Incident to" value={query.incidentTo} onChange={(e) => setFilters({ incidentTo: e.target.value })} />
      </span>
      <span className="field">
        <span className="field-label">Amount</span>
        <input className="input input-amount" inputMode="decimal" aria-label="Amount from" placeholder="$ min" aria-invalid={badMin} value={query.amountMin} onChange={(e) => setFilters({ amountMin: e.target.value })} />
        <span className="field-label" aria-hidden="true">
          to
        </span>
        <input className="input input-amount" inputMode="decimal" aria-label="Amount to" placeholder="$ max" aria-invalid={badMax} value={query.amountMax} onChange={(e) => setFilters({ amountMax: e.target.value })} />
      </span>
      <label className="field">
        <span className="field-label">Risk</span>
        <select className="input select" disabled aria-describedby={riskNote} value="na">
          <option value="na">Not available</option>
        </select>
        <span id={riskNote} className="visually-hidden">
          Risk scores arrive with evidence analysis; until then the queue cannot be filtered by risk.
        </span>
      </label>
      {(badMin || badMax) && (
        <span className="form-error" role="alert">
          Amounts are dollars, like 1200 or 1,250.50.
        </span>
      )}
    </div>
  );
};

export const QueueToolbar = () => {
  const total = useCasesStore(casesSelectors.total);
  const exact = useCasesStore(casesSelectors.totalExact);
  const loaded = useCasesStore(casesSelectors.hasLoaded);
  const setOverlay = useWorkspaceStore((s) => s.setOverlay);
  return (
    <div className="queue-toolbar">
      <div className="queue-toolbar-row">
        <div className="queue-heading">
          <h1 id="queue-title" className="queue-title">
            Cases
          </h1>
          <p className="queue-count" role="status">
            {loaded ? formatCaseCount(total, exact) : ''}
          </p>
        </div>
        <div className="queue-filters" role="search" aria-label="Find cases">
          <SearchBox />
          <ViewPicker />
        </div>
        <ColumnChooser />
        <button type="button" className="button button-primary" onClick={() => setOverlay('newClaim')}>
          New claim
        </button>
      </div>
      <FilterBar />
    </div>
  );
};
