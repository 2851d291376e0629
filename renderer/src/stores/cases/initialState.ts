import type { CaseRow, SortColumn } from '../../../../common/contract.ts';
import type { CaseKind, CaseStatus } from '../../../../common/domain/workflow.ts';
import type { AppError } from '../../../../common/result.ts';
import type { CaseRecord, CaseTimeline } from '../../services/cases.ts';

export const PAGE_SIZE = 50;

export type KindFilter = CaseKind | 'all';
export type SortDirection = 'asc' | 'desc';

/** What the queue is showing: the person's search, filters, sort and page. */
export type QueueQuery = {
  search: string;
  kind: KindFilter;
  status: CaseStatus | null;
  sort: SortColumn;
  direction: SortDirection;
  offset: number;
};

/** The case open in the detail panel. `record` stays while the same case reloads, so the panel does not flash. */
export type CaseDetailState = {
  caseId: string | null;
  loading: boolean;
  error: AppError | null;
  record: CaseRecord | null;
  timeline: CaseTimeline;
};

export type CasesState = {
  query: QueueQuery;
  rows: CaseRow[];
  total: number;
  /** False when core stopped counting at its cap: `total` is then a lower bound ("100,000+"). */
  totalExact: boolean;
  loading: boolean;
  /** True once a list has arrived, so "no cases" is never shown before the first answer. */
  loaded: boolean;
  error: AppError | null;
  /** Selection follows the case, not the row position, so a live refresh that reorders rows keeps it. */
  selectedId: string | null;
  detail: CaseDetailState;
};

export const initialQuery: QueueQuery = { search: '', kind: 'all', status: null, sort: 'updatedAt', direction: 'desc', offset: 0 };

export const initialDetail: CaseDetailState = { caseId: null, loading: false, error: null, record: null, timeline: [] };

export const initialCasesState: CasesState = {
  query: initialQuery,
  rows: [],
  total: 0,
  totalExact: true,
  loading: false,
  loaded: false,
  error: null,
  selectedId: null,
  detail: initialDetail,
};
