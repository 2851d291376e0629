import { CLAIM_STATUSES, POLICE_STATUSES, STATUS_LABELS, type CaseStatus } from '../../../../common/domain/workflow.ts';
import { formatCaseCount, formatRange } from '../../components/format.ts';
import { casesSelectors, useCasesStore, type KindFilter } from '../../stores/cases/index.ts';
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
        placeholder="Number, name, phone, plate or VIN"
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

const KindFilterSelect = () => {
  const kind = useCasesStore(casesSelectors.kind);
  const setKind = useCasesStore((s) => s.setKind);
  return (
    <label className="field">
      <span className="field-label">Type</span>
      <select className="input select" value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
        <option value="all">All types</option>
        <option value="claim">Claims</option>
        <option value="police">Police cases</option>
      </select>
    </label>
  );
};

const StatusOptions = ({ statuses }: { statuses: readonly CaseStatus[] }) =>
  statuses.map((s) => (
    <option key={s} value={s}>
      {STATUS_LABELS[s]}
    </option>
  ));

const StatusFilterSelect = () => {
  const kind = useCasesStore(casesSelectors.kind);
  const status = useCasesStore(casesSelectors.status);
  const setStatus = useCasesStore((s) => s.setStatus);
  return (
    <label className="field">
      <span className="field-label">Status</span>
      <select className="input select" value={status ?? ''} onChange={(e) => setStatus(e.target.value ? (e.target.value as CaseStatus) : null)}>
        <option value="">All statuses</option>
        {kind !== 'police' && (
          <optgroup label="Claims">
            <StatusOptions statuses={CLAIM_STATUSES} />
          </optgroup>
        )}
        {kind !== 'claim' && (
          <optgroup label="Police cases">
            <StatusOptions statuses={POLICE_STATUSES} />
          </optgroup>
        )}
      </select>
    </label>
  );
};

const Pager = () => {
  const start = useCasesStore(casesSelectors.pageStart);
  const end = useCasesStore(casesSelectors.pageEnd);
  const total = useCasesStore(casesSelectors.total);
  const exact = useCasesStore(casesSelectors.totalExact);
  const hasPrevious = useCasesStore(casesSelectors.hasPreviousPage);
  const hasNext = useCasesStore(casesSelectors.hasNextPage);
  const goToPage = useCasesStore((s) => s.goToPage);
  // Before a list has arrived, or when it failed, there is no range to tell.
  const known = useCasesStore((s) => casesSelectors.hasLoaded(s) && casesSelectors.error(s) === null);
  return (
    <nav className="pager" aria-label="Pages">
      <span className="pager-range">{known ? formatRange(start, end, total, exact) : ''}</span>
      <button type="button" className="button button-icon" aria-label="Previous page" disabled={!hasPrevious} onClick={() => goToPage('previous')}>
        <span aria-hidden="true">‹</span>
      </button>
      <button type="button" className="button button-icon" aria-label="Next page" disabled={!hasNext} onClick={() => goToPage('next')}>
        <span aria-hidden="true">›</span>
      </button>
    </nav>
  );
};

export const QueueToolbar = () => {
  const total = useCasesStore(casesSelectors.total);
  const exact = useCasesStore(casesSelectors.totalExact);
  const loaded = useCasesStore(casesSelectors.hasLoaded);
  const hasFilters = useCasesStore(casesSelectors.hasFilters);
  const clearFilters = useCasesStore((s) => s.clearFilters);
  return (
    <div className="queue-toolbar">
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
        <KindFilterSelect />
        <StatusFilterSelect />
        {hasFilters && (
          <button type="button" className="button button-quiet" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      <Pager />
    </div>
  );
};
