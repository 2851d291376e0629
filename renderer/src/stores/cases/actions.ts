import type { StateCreator } from 'zustand';
import type { CaseListQuery, CaseRow, SavedViewFilters, SortColumn } from '../../../../common/contract.ts';
import { isStatusOf, type CaseStatus } from '../../../../common/domain/workflow.ts';
import type { AppError, Result } from '../../../../common/result.ts';
import { caseService, type CaseList, type FieldChangeSet, type PartyInput, type VehicleInput } from '../../services/cases.ts';
import { workspaceService } from '../../services/workspace.ts';
import { PAGE_SIZE, initialDetail, initialQuery, type KindFilter, type QueueQuery } from './initialState.ts';
import type { CasesStore } from './index.ts';

/** A burst of changes (an import, a demo workspace, another window editing) becomes one reload. */
export const LIVE_REFRESH_DELAY_MS = 150;
/**
 * Results follow typing. The pause is short because queries do not pile up anyway: while one is with
 * core, newer typing waits and only the latest query is sent when it returns.
 */
export const SEARCH_DELAY_MS = 0;
/** Pages for rows scrolled past quickly are not fetched; only where the scroll settles. */
export const SCROLL_FETCH_DELAY_MS = 60;

/** Amounts and dates are most useful largest or newest first; names and numbers A to Z. */
const DESCENDING_FIRST: ReadonlySet<SortColumn> = new Set<SortColumn>(['amount', 'incidentAt', 'updatedAt']);

/** "1,250.50" or "$1250" as cents; null for an empty entry or one that is not an amount. */
export const parseDollars = (text: string): number | null => {
  const cleaned = text.replace(/[$,\s]/g, '');
  if (!/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
};

const dollarsText = (cents: number | undefined): string => (cents === undefined ? '' : (cents / 100).toFixed(cents % 100 === 0 ? 0 : 2));

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const toListQuery = (q: QueueQuery, offset = 0, limit = PAGE_SIZE): CaseListQuery => {
  const amountMin = parseDollars(q.amountMin);
  const amountMax = parseDollars(q.amountMax);
  return {
    search: q.search.trim() || undefined,
    kind: q.kind === 'all' ? undefined : q.kind,
    status: q.statuses.length > 0 ? q.statuses : undefined,
    assignee: q.assignee.trim() || undefined,
    incidentFrom: DATE.test(q.incidentFrom) ? q.incidentFrom : undefined,
    // Incident times carry a time of day: the "to" date includes all of that day.
    incidentTo: DATE.test(q.incidentTo) ? `${q.incidentTo}T23:59:59` : undefined,
    amountMinCents: amountMin ?? undefined,
    amountMaxCents: amountMax ?? undefined,
    sort: q.sort,
    direction: q.direction,
    offset,
    limit,
  };
};

export const queryFromView = (f: SavedViewFilters): QueueQuery => ({
  ...initialQuery,
  search: f.search ?? '',
  kind: f.kind ?? 'all',
  statuses: f.status ?? [],
  assignee: f.assignee ?? '',
  incidentFrom: f.incidentFrom ?? '',
  incidentTo: f.incidentTo?.slice(0, 10) ?? '',
  amountMin: dollarsText(f.amountMinCents),
  amountMax: dollarsText(f.amountMaxCents),
  sort: f.sort ?? initialQuery.sort,
  direction: f.direction ?? initialQuery.direction,
});

export const viewFromQuery = (q: QueueQuery): SavedViewFilters => {
  const l = toListQuery(q);
  const f: SavedViewFilters = { sort: q.sort, direction: q.direction };
  if (l.search) f.search = l.search;
  if (l.kind) f.kind = l.kind;
  if (l.status) f.status = l.status;
  if (l.assignee) f.assignee = l.assignee;
  if (l.incidentFrom) f.incidentFrom = l.incidentFrom;
  if (DATE.test(q.incidentTo)) f.incidentTo = q.incidentTo;
  if (l.amountMinCents !== undefined) f.amountMinCents = l.amountMinCents;
  if (l.amountMaxCents !== undefined) f.amountMaxCents = l.amountMaxCents;
  return f;
};

export type FilterPatch = Partial<Omit<QueueQuery, 'sort' | 'direction'>>;

export type CasesActions = {
  /** Runs the current query now: its first page and the pages in view. */
  refresh: () => Promise<void>;
  /** Runs the current query after `delayMs`, replacing any run already waiting. */
  scheduleRefresh: (delayMs: number) => void;
  /** The table reports which rows are drawn; pages missing there are fetched once scrolling settles. */
  showRows: (start: number, end: number) => void;
  setSearch: (search: string) => void;
  setKind: (kind: KindFilter) => void;
  setStatuses: (statuses: CaseStatus[]) => void;
  /** Text filters (assignee, dates, amounts) wait for typing to pause, like search. */
  setFilters: (patch: FilterPatch) => void;
  clearFilters: () => void;
  applyView: (viewId: string | null, filters: SavedViewFilters) => void;
  toggleSort: (column: SortColumn) => void;
  selectRow: (index: number) => void;
  moveSelection: (delta: number) => void;
  openCase: (id: string) => Promise<void>;
  reloadCase: () => Promise<void>;
  closeCase: () => void;
  /** Keeps the queue and the open case current while core reports changes; returns the way to stop. */
  startLive: () => () => void;
} & CaseCommands;

/** What a person does to the open case. Each answers with core's refusal in words, or ok; the case reloads after. */
export type Outcome = { ok: true } | { ok: false; error: AppError };
export type CaseCommands = {
  updateFields: (changes: FieldChangeSet) => Promise<Outcome>;
  transition: (to: CaseStatus, reason: string) => Promise<Outcome>;
  addParty: (party: PartyInput) => Promise<Outcome>;
  removeParty: (partyId: string, reason: string) => Promise<Outcome>;
  addVehicle: (vehicle: VehicleInput) => Promise<Outcome>;
  removeVehicle: (vehicleId: string, reason: string) => Promise<Outcome>;
  addNote: (text: string) => Promise<Outcome>;
  addTask: (title: string, dueDate?: string) => Promise<Outcome>;
  completeTask: (taskId: string) => Promise<Outcome>;
};

export const rowAt = (s: Pick<CasesStore, 'pages'>, index: number): CaseRow | null => s.pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE] ?? null;

/**
 * How many rows the table has. Exact when core counted them all; past its cap, as far as has been seen,
 * plus one more page while the last page seen was full, so scrolling on keeps finding more.
 */
export const rowCountOf = (s: Pick<CasesStore, 'pages' | 'total' | 'totalExact'>): number => {
  if (s.totalExact) return s.total;
  let extent = s.total;
  for (const [page, rows] of Object.entries(s.pages)) {
    const end = Number(page) * PAGE_SIZE + rows.length;
    extent = Math.max(extent, rows.length === PAGE_SIZE ? end + PAGE_SIZE : end);
  }
  return extent;
};

export const createCasesActions: StateCreator<CasesStore, [], [], CasesActions> = (set, get) => {
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  let detailTimer: ReturnType<typeof setTimeout> | null = null;
  let scrollTimer: ReturnType<typeof setTimeout> | null = null;
  let visible = { start: 0, end: 0 };
  const inFlight = new Set<string>();
  // Only the newest request may write its answer: an older one can arrive later.
  let detailRequest = 0;

  const cancelRefresh = () => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = null;
  };

  const visiblePages = (): number[] => {
    const pages: number[] = [];
    for (let p = Math.floor(visible.start / PAGE_SIZE); p <= Math.floor(Math.max(visible.start, visible.end) / PAGE_SIZE); p++) pages.push(p);
    return pages;
  };

  /** After new rows arrive, the selection's case is the one now at its position (or the one it followed). */
  const selectionAfter = (s: CasesStore, pages: Record<number, CaseRow[]>) => {
    if (s.selectedIndex < 0) return { selectedIndex: pages[0]?.length ? 0 : -1, selectedId: pages[0]?.[0]?.id ?? null };
    for (const [p, rows] of Object.entries(pages)) {
      const at = rows.findIndex((r) => r.id === s.selectedId);
      if (at >= 0) return { selectedIndex: Number(p) * PAGE_SIZE + at, selectedId: s.selectedId };
    }
    const row = rowAt({ pages }, s.selectedIndex);
    return { selectedIndex: s.selectedIndex, selectedId: row?.id ?? (Object.keys(pages).length ? null : s.selectedId) };
  };

  const fetchPage = (query: QueueQuery, page: number): Promise<Result<CaseList>> => caseService.list(toListQuery(query, page * PAGE_SIZE));

  let running = false;
  let rerun = false;

  /** At most one list query is with core; a refresh asked for meanwhile runs once, after it, with the newest query. */
  const refresh = async (): Promise<void> => {
    cancelRefresh();
    if (running) {
      rerun = true;
      // The answer on its way is for an older query: drop it when it comes.
      set((s) => ({ generation: s.generation + 1 }));
      return;
    }
    running = true;
    try {
      do {
        rerun = false;
        await runQuery();
      } while (rerun);
    } finally {
      running = false;
    }
  };

  const runQuery = async (): Promise<void> => {
    const generation = get().generation + 1;
    const { query } = get();
    set({ generation, loading: true });
    const wanted = [...new Set([0, ...visiblePages()])];
    const answers = await Promise.all(wanted.map(async (p) => [p, await fetchPage(query, p)] as const));
    if (get().generation !== generation) return;
    const failed = answers.find(([, r]) => !r.ok)?.[1] as { ok: false; error: AppError } | undefined;
    if (failed) {
      set({ loading: false, error: failed.error });
      return;
    }
    const pages: Record<number, CaseRow[]> = {};
    let total = 0;
    let totalExact = true;
    for (const [p, r] of answers) {
      if (!r.ok) continue;
      if (r.value.rows.length > 0 || p === 0) pages[p] = r.value.rows;
      if (p === 0) ({ total, totalExact } = r.value);
    }
    set((s) => {
      const rowCount = rowCountOf({ pages, total, totalExact });
      const selection = selectionAfter(s, pages);
      const selectedIndex = Math.min(selection.selectedIndex, rowCount - 1);
      return { pages, total, totalExact, loading: false, loaded: true, error: null, selectedIndex, selectedId: selectedIndex === selection.selectedIndex ? selection.selectedId : (rowAt({ pages }, selectedIndex)?.id ?? null) };
    });
  };

  const loadPage = async (page: number): Promise<void> => {
    const { generation, query } = get();
    const key = `${generation}:${page}`;
    if (inFlight.has(key) || get().pages[page]) return;
    inFlight.add(key);
    const result = await fetchPage(query, page);
    inFlight.delete(key);
    if (get().generation !== generation) return;
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    set((s) => {
      const pages = { ...s.pages, [page]: result.value.rows };
      const row = rowAt({ pages }, s.selectedIndex);
      return { pages, total: result.value.total, totalExact: result.value.totalExact, selectedId: s.selectedId ?? row?.id ?? null };
    });
  };

  const scheduleRefresh = (delayMs: number) => {
    cancelRefresh();
    refreshTimer = setTimeout(() => {
      refreshTimer = null;
      void refresh();
    }, delayMs);
  };

  /** A new query starts at its first row, with the first row selected, and leaves any saved view. */
  const changeQuery = (patch: Partial<QueueQuery>, delayMs = 0) => {
    visible = { start: 0, end: 0 };
    set((s) => ({ query: { ...s.query, ...patch }, selectedIndex: -1, selectedId: null, activeViewId: null }));
    if (delayMs > 0) scheduleRefresh(delayMs);
    else void refresh();
  };

  const openCase = async (id: string): Promise<void> => {
    if (detailTimer) clearTimeout(detailTimer);
    detailTimer = null;
    const request = ++detailRequest;
    set((s) => ({ detail: s.detail.caseId === id ? { ...s.detail, loading: true } : { ...initialDetail, caseId: id, loading: true } }));
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

  /** Runs a command on the open case, then reloads it (and the queue, which may reorder). */
  const onOpenCase = async (run: (id: string) => Promise<Result<unknown>>): Promise<Outcome> => {
    const id = get().detail.caseId;
    if (!id) return { ok: false, error: { code: 'NOT_FOUND', message: 'No case is open.' } };
    const result = await run(id);
    if (!result.ok) return result;
    await reloadCase();
    scheduleRefresh(LIVE_REFRESH_DELAY_MS);
    return { ok: true };
  };

  return {
    refresh,
    scheduleRefresh,
    updateFields: (changes) => onOpenCase((id) => caseService.update(id, changes)),
    transition: (to, reason) => onOpenCase((id) => caseService.transition(id, to, reason)),
    addParty: (party) => onOpenCase((id) => caseService.addParty(id, party)),
    removeParty: (partyId, reason) => onOpenCase((id) => caseService.removeParty(id, partyId, reason)),
    addVehicle: (vehicle) => onOpenCase((id) => caseService.addVehicle(id, vehicle)),
    removeVehicle: (vehicleId, reason) => onOpenCase((id) => caseService.removeVehicle(id, vehicleId, reason)),
    addNote: (text) => onOpenCase((id) => caseService.addNote(id, text)),
    addTask: (title, dueDate) => onOpenCase((id) => caseService.addTask(id, title, dueDate)),
    completeTask: (taskId) => onOpenCase((id) => caseService.completeTask(id, taskId)),
    showRows: (start, end) => {
      visible = { start, end };
      if (scrollTimer) clearTimeout(scrollTimer);
      scrollTimer = setTimeout(() => {
        scrollTimer = null;
        for (const p of visiblePages()) void loadPage(p);
      }, SCROLL_FETCH_DELAY_MS);
    },
    setSearch: (search) => changeQuery({ search }, SEARCH_DELAY_MS),
    setKind: (kind) => {
      const { statuses } = get().query;
      // A status of the other kind would match nothing: drop it rather than show an empty queue.
      changeQuery({ kind, statuses: kind === 'all' ? statuses : statuses.filter((s) => isStatusOf(kind, s)) });
    },
    setStatuses: (statuses) => changeQuery({ statuses }),
    setFilters: (patch) => changeQuery(patch, SEARCH_DELAY_MS),
    clearFilters: () => changeQuery({ ...initialQuery, sort: get().query.sort, direction: get().query.direction }),
    applyView: (viewId, filters) => {
      changeQuery(queryFromView(filters));
      set({ activeViewId: viewId });
    },
    toggleSort: (column) => {
      const { sort, direction } = get().query;
      const next = sort === column ? (direction === 'asc' ? 'desc' : 'asc') : DESCENDING_FIRST.has(column) ? 'desc' : 'asc';
      const viewId = get().activeViewId;
      changeQuery({ sort: column, direction: next });
      // Re-sorting a saved view is still looking at that view.
      set({ activeViewId: viewId });
    },
    selectRow: (index) => set((s) => ({ selectedIndex: index, selectedId: rowAt(s, index)?.id ?? null })),
    moveSelection: (delta) => {
      const s = get();
      const count = rowCountOf(s);
      if (count === 0) return;
      const index = s.selectedIndex < 0 ? 0 : Math.min(count - 1, Math.max(0, s.selectedIndex + delta));
      set({ selectedIndex: index, selectedId: rowAt(s, index)?.id ?? null });
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
