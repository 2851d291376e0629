import type { CaseRow, SortColumn } from '../../../../common/contract.ts';
import type { CaseKind, CaseStatus } from '../../../../common/domain/workflow.ts';
import type { AppError } from '../../../../common/result.ts';
import type { CaseRecord, CaseTimeline } from '../../services/cases.ts';

/** Rows are fetched from core in pages of this many as the table scrolls. */
export const PAGE_SIZE = 100;

export type KindFilter = CaseKind | 'all';
export type SortDirection = 'asc' | 'desc';

/** What the queue is showing: the person's search, filters and sort. Text fields hold what was typed. */
export type QueueQuery = {
  search: string;
  kind: KindFilter;
  statuses: CaseStatus[];
  assignee: string;
  /** Calendar dates, YYYY-MM-DD, inclusive. */
  incidentFrom: string;
  incidentTo: string;
  /** Whole or decimal dollars as typed; an entry that is not an amount is ignored (and shown as such). */
  amountMin: string;
  amountMax: string;
  sort: SortColumn;
  direction: SortDirection;
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
  /** Loaded pages of the current query by page number; a page not here is fetched when it scrolls into view. */
  pages: Record<number, CaseRow[]>;
  /** Bumped by every new query or refresh, so answers to an older one are dropped. */
  generation: number;
  total: number;
  /** False when core stopped counting at its cap: `total` is then a lower bound ("100,000+"). */
  totalExact: boolean;
  loading: boolean;
  /** True once a list has arrived, so "no cases" is never shown before the first answer. */
  loaded: boolean;
  error: AppError | null;
  /** The row the keyboard is on, by position; `selectedId` is the case there once its page is loaded. */
  selectedIndex: number;
  selectedId: string | null;
  /** The saved view the query came from, until the person changes it. */
  activeViewId: string | null;
  detail: CaseDetailState;
};

export const initialQuery: QueueQuery = {
  search: '',
  kind: 'all',
  statuses: [],
  assignee: '',
  incidentFrom: '',
  incidentTo: '',
  amountMin: '',
  amountMax: '',
  sort: 'updatedAt',
  direction: 'desc',
};

export const initialDetail: CaseDetailState = { caseId: null, loading: false, error: null, record: null, timeline: [] };

export const initialCasesState: CasesState = {
  query: initialQuery,
  pages: {},
  generation: 0,
  total: 0,
  totalExact: true,
  loading: false,
  loaded: false,
  error: null,
  selectedIndex: -1,
  selectedId: null,
  activeViewId: null,
  detail: initialDetail,
};
