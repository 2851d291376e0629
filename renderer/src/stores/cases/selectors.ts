import type { SortColumn } from '../../../../common/contract.ts';
import { PAGE_SIZE, type SortDirection } from './initialState.ts';
import type { CasesStore } from './index.ts';

// Components read the store only through these, so a change of state shape stays in this folder.
// Each returns a stored value or a primitive: a fresh object per call would re-render forever.

const hasFilters = (s: CasesStore): boolean => s.query.search.trim() !== '' || s.query.kind !== 'all' || s.query.status !== null;

export const casesSelectors = {
  query: (s: CasesStore) => s.query,
  search: (s: CasesStore) => s.query.search,
  kind: (s: CasesStore) => s.query.kind,
  status: (s: CasesStore) => s.query.status,
  rows: (s: CasesStore) => s.rows,
  total: (s: CasesStore) => s.total,
  totalExact: (s: CasesStore) => s.totalExact,
  isLoading: (s: CasesStore) => s.loading,
  hasLoaded: (s: CasesStore) => s.loaded,
  error: (s: CasesStore) => s.error,
  hasFilters,
  /** Nothing at all in the workspace (not just nothing matching): the moment to offer a demo workspace. */
  isWorkspaceEmpty: (s: CasesStore) => s.loaded && s.error === null && s.total === 0 && !hasFilters(s),
  pageStart: (s: CasesStore) => (s.rows.length === 0 ? 0 : s.query.offset + 1),
  pageEnd: (s: CasesStore) => s.query.offset + s.rows.length,
  hasPreviousPage: (s: CasesStore) => s.query.offset > 0,
  hasNextPage: (s: CasesStore) => (s.totalExact ? s.query.offset + PAGE_SIZE < s.total : s.rows.length === PAGE_SIZE),
  selectedId: (s: CasesStore) => s.selectedId,
  selectedIndex: (s: CasesStore) => s.rows.findIndex((r) => r.id === s.selectedId),
  sortDirectionOf:
    (column: SortColumn) =>
    (s: CasesStore): SortDirection | null =>
      s.query.sort === column ? s.query.direction : null,
  detail: (s: CasesStore) => s.detail,
  openCaseId: (s: CasesStore) => s.detail.caseId,
};
