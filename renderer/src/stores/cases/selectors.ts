import type { SortColumn } from '../../../../common/contract.ts';
import { rowCountOf } from './actions.ts';
import { initialQuery, type SortDirection } from './initialState.ts';
import type { CasesStore } from './index.ts';

// Components read the store only through these, so a change of state shape stays in this folder.
// Each returns a stored value or a primitive: a fresh object per call would re-render forever.

const hasFilters = (s: CasesStore): boolean => {
  const q = s.query;
  return (
    q.search.trim() !== '' ||
    q.kind !== 'all' ||
    q.statuses.length > 0 ||
    q.assignee.trim() !== '' ||
    q.incidentFrom !== '' ||
    q.incidentTo !== '' ||
    q.amountMin.trim() !== '' ||
    q.amountMax.trim() !== ''
  );
};

export const casesSelectors = {
  query: (s: CasesStore) => s.query,
  search: (s: CasesStore) => s.query.search,
  kind: (s: CasesStore) => s.query.kind,
  statuses: (s: CasesStore) => s.query.statuses,
  pages: (s: CasesStore) => s.pages,
  rowCount: rowCountOf,
  total: (s: CasesStore) => s.total,
  totalExact: (s: CasesStore) => s.totalExact,
  isLoading: (s: CasesStore) => s.loading,
  hasLoaded: (s: CasesStore) => s.loaded,
  error: (s: CasesStore) => s.error,
  hasFilters,
  isDefaultSort: (s: CasesStore) => s.query.sort === initialQuery.sort && s.query.direction === initialQuery.direction,
  /** Nothing at all in the workspace (not just nothing matching): the moment to offer a demo workspace. */
  isWorkspaceEmpty: (s: CasesStore) => s.loaded && s.error === null && s.total === 0 && !hasFilters(s),
  selectedId: (s: CasesStore) => s.selectedId,
  selectedIndex: (s: CasesStore) => s.selectedIndex,
  activeViewId: (s: CasesStore) => s.activeViewId,
  sortDirectionOf:
    (column: SortColumn) =>
    (s: CasesStore): SortDirection | null =>
      s.query.sort === column ? s.query.direction : null,
  detail: (s: CasesStore) => s.detail,
  openCaseId: (s: CasesStore) => s.detail.caseId,
};
