import type { StateCreator } from 'zustand';
import type { CaseListQuery, SortColumn } from '../../../../common/contract.ts';
import { isStatusOf, type CaseStatus } from '../../../../common/domain/workflow.ts';
import { caseService } from '../../services/cases.ts';
import { workspaceService } from '../../services/workspace.ts';
import { PAGE_SIZE, initialDetail, initialQuery, type KindFilter, type QueueQuery } from './initialState.ts';
import type { CasesStore } from './index.ts';

/** A burst of changes (an import, a demo workspace, another window editing) becomes one reload. */
export const LIVE_REFRESH_DELAY_MS = 150;
/** Results follow typing without a query per keystroke. */
export const SEARCH_DELAY_MS = 200;

/** Amounts and dates are most useful largest or newest first; names and numbers A to Z. */
const DESCENDING_FIRST: ReadonlySet<SortColumn> = new Set<SortColumn>(['amount', 'incidentAt', 'updatedAt']);

export const toListQuery = (q: QueueQuery): CaseListQuery => ({
  search: q.search.trim() || undefined,
  kind: q.kind === 'all' ? undefined : q.kind,
  status: q.status ? [q.status] : undefined,
  sort: q.sort,
  direction: q.direction,
  offset: q.offset,
  limit: PAGE_SIZE,
});

export type CasesActions = {
  /** Runs the current query now. */
  refresh: () => Promise<void>;
  /** Runs the current query after `delayMs`, replacing any run already waiting. */
  scheduleRefresh: (delayMs: number) => void;
  setSearch: (search: string) => void;
  setKind: (kind: KindFilter) => void;
  setStatus: (status: CaseStatus | null) => void;
  clearFilters: () => void;
  toggleSort: (column: SortColumn) => void;
  goToPage: (which: 'next' | 'previous') => void;
  selectCase: (id: string) => void;
  moveSelection: (delta: number) => void;
  openCase: (id: string) => Promise<void>;
  reloadCase: () => Promise<void>;
  closeCase: () => void;
  /** Keeps the queue and the open case current while core reports changes; returns the way to stop. */
  startLive: () => () => void;
};

export const createCasesActions: StateCreator<CasesStore, [], [], CasesActions> = (set, get) => {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let detailTimer: ReturnType<typeof setTimeout> | null = null;
  // Only the newest request may write its answer: an older one can arrive later.
  let listRequest = 0;
  let detailRequest = 0;

  const cancelRefresh = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
  };

  const refresh = async (): Promise<void> => {
    cancelRefresh();
    const request = ++listRequest;
    const { query } = get();
    set({ loading: true });
    const result = await caseService.list(toListQuery(query));
    if (request !== listRequest) return;
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    const { rows, total, totalExact } = result.value;
    if (rows.length === 0 && total > 0 && query.offset > 0) {
      // The page emptied under us (cases left the filter): show the last page that has cases.
      set((s) => ({ query: { ...s.query, offset: Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE } }));
      return refresh();
    }
    set((s) => {
      const stillThere = s.selectedId !== null && rows.some((r) => r.id === s.selectedId);
      const previousIndex = Math.max(0, s.rows.findIndex((r) => r.id === s.selectedId));
      const selectedId = stillThere ? s.selectedId : (rows[Math.min(previousIndex, rows.length - 1)]?.id ?? null);
      return { rows, total, totalExact, loading: false, loaded: true, error: null, selectedId };
    });
  };

  const scheduleRefresh = (delayMs: number) => {
    cancelRefresh();
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, delayMs);
  };

  /** A new query starts at its first page, with the first row selected. */
  const changeQuery = (patch: Partial<QueueQuery>, delayMs = 0) => {
    set((s) => ({ query: { ...s.query, offset: 0, ...patch }, selectedId: null }));
    if (delayMs > 0) scheduleRefresh(delayMs);
    else void refresh();
  };

  const openCase = async (id: string): Promise<void> => {
    if (detailTimer) clearTimeout(detailTimer);
    detailTimer = null;
    const request = ++detailRequest;
    set((s) => ({
      selectedId: s.rows.some((r) => r.id === id) ? id : s.selectedId,
      detail: s.detail.caseId === id ? { ...s.detail, loading: true } : { ...initialDetail, caseId: id, loading: true },
    }));
    const [record, timeline] = await Promise.all([caseService.get(id), caseService.timeline(id)]);
    if (request !== detailRequest) return;
    if (!record.ok || !timeline.ok) {
      const error = !record.ok ? record.error : !timeline.ok ? timeline.error : null;
      set((s) => ({ detail: { ...s.detail, loading: false, error } }));
      return;
    }
    set({ detail: { caseId: id, loading: false, error: null, record: record.value, timeline: timeline.value } });
  };

  const reloadCase = async (): Promise<void> => {
    const id = get().detail.caseId;
    if (id) await openCase(id);
  };

  return {
    refresh,
    scheduleRefresh,
    setSearch: (search) => changeQuery({ search }, SEARCH_DELAY_MS),
    setKind: (kind) => {
      const { status } = get().query;
      // A status of the other kind would match nothing: drop it rather than show an empty queue.
      changeQuery({ kind, status: status !== null && kind !== 'all' && !isStatusOf(kind, status) ? null : status });
    },
    setStatus: (status) => changeQuery({ status }),
    clearFilters: () => changeQuery({ search: initialQuery.search, kind: initialQuery.kind, status: initialQuery.status }),
    toggleSort: (column) => {
      const { sort, direction } = get().query;
      const next = sort === column ? (direction === 'asc' ? 'desc' : 'asc') : DESCENDING_FIRST.has(column) ? 'desc' : 'asc';
      changeQuery({ sort: column, direction: next });
    },
    goToPage: (which) => {
      const { query, total, totalExact } = get();
      const offset = which === 'next' ? query.offset + PAGE_SIZE : Math.max(0, query.offset - PAGE_SIZE);
      // Past a capped count there may be more pages than `total` says.
      if (offset === query.offset || (offset >= total && totalExact)) return;
      set((s) => ({ query: { ...s.query, offset }, selectedId: null }));
      void refresh();
    },
    selectCase: (id) => set({ selectedId: id }),
    moveSelection: (delta) => {
      const { rows, selectedId } = get();
      if (rows.length === 0) return;
      const index = rows.findIndex((r) => r.id === selectedId);
      const next = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + delta));
      set({ selectedId: rows[next].id });
    },
    openCase,
    reloadCase,
    closeCase: () => {
      detailRequest++;
      if (detailTimer) clearTimeout(detailTimer);
      detailTimer = null;
      set({ detail: initialDetail });
    },
    startLive: () => {
      const stopChanges = caseService.onChanged((change) => {
        scheduleRefresh(LIVE_REFRESH_DELAY_MS);
        const openId = get().detail.caseId;
        // An empty list of ids means "many cases changed".
        if (openId && (change.caseIds.length === 0 || change.caseIds.includes(openId))) {
          if (detailTimer) clearTimeout(detailTimer);
          detailTimer = setTimeout(() => {
            detailTimer = null;
            void reloadCase();
          }, LIVE_REFRESH_DELAY_MS);
        }
      });
      // Changes made while the link was down were never announced: catch up once it is back.
      let lastState = workspaceService.connection().state;
      const stopConnection = workspaceService.onConnectionChange((status) => {
        if (status.state === 'open' && lastState === 'lost') {
          void refresh();
          void reloadCase();
        }
        lastState = status.state;
      });
      return () => {
        stopChanges();
        stopConnection();
        cancelRefresh();
        if (detailTimer) clearTimeout(detailTimer);
        detailTimer = null;
      };
    },
  };
};

