import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseListQuery, CaseRow } from '../../common/contract.ts';
import type { Result } from '../../common/result.ts';
import type { CaseChange, CaseList } from '../../renderer/src/services/cases.ts';

// The cases store with its services replaced: what it asks core for, and what it does with answers
// that arrive late, fail, or are announced by a change event.

type Deferred<T> = { promise: Promise<T>; resolve: (v: T) => void };
const deferred = <T>(): Deferred<T> => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

const services = vi.hoisted(() => {
  const changeListeners = new Set<(c: CaseChange) => void>();
  const connectionListeners = new Set<(s: { state: string; attempts: number }) => void>();
  return {
    changeListeners,
    connectionListeners,
    list: vi.fn<(q: CaseListQuery) => Promise<Result<CaseList>>>(),
    get: vi.fn(),
    timeline: vi.fn(),
  };
});

vi.mock('../../renderer/src/services/cases.ts', () => ({
  caseService: {
    list: services.list,
    get: services.get,
    timeline: services.timeline,
    onChanged: (l: (c: CaseChange) => void) => {
      services.changeListeners.add(l);
      return () => services.changeListeners.delete(l);
    },
  },
}));
vi.mock('../../renderer/src/services/workspace.ts', () => ({
  workspaceService: {
    connection: () => ({ state: 'open', attempts: 0 }),
    onConnectionChange: (l: (s: { state: string; attempts: number }) => void) => {
      services.connectionListeners.add(l);
      return () => services.connectionListeners.delete(l);
    },
  },
}));

const { createCasesStore, casesSelectors, LIVE_REFRESH_DELAY_MS, PAGE_SIZE, SCROLL_FETCH_DELAY_MS, SEARCH_DELAY_MS, rowAt, viewFromQuery } = await import('../../renderer/src/stores/cases/index.ts');

const row = (n: number, overrides: Partial<CaseRow> = {}): CaseRow => ({
  id: `case-${n}`,
  kind: 'claim',
  number: `CLM-2025-${String(100000 + n)}`,
  status: 'intake',
  claimant: 'Olivia Garcia',
  plate: 'AB12 CDE',
  incidentAt: '2025-03-01T10:00',
  amountCents: 100_00 * n,
  assignee: 'Dana Reyes',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});
const page = (rows: CaseRow[], total = rows.length, totalExact = true): Result<CaseList> => ({ ok: true, value: { rows, total, totalExact } });
const announce = (change: CaseChange) => {
  for (const l of services.changeListeners) l(change);
};
const lastQuery = () => services.list.mock.calls[services.list.mock.calls.length - 1][0];

describe('cases store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    services.list.mockReset();
    services.get.mockReset();
    services.timeline.mockReset();
    services.changeListeners.clear();
    services.connectionListeners.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('loads the first page sorted by last change, newest first, and selects the first case', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1), row(2)], 3040));
    await store.getState().refresh();
    expect(lastQuery()).toEqual({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: PAGE_SIZE });
    const s = store.getState();
    expect(casesSelectors.total(s)).toBe(3040);
    expect(casesSelectors.rowCount(s)).toBe(3040);
    expect(casesSelectors.selectedId(s)).toBe('case-1');
    expect(casesSelectors.isWorkspaceEmpty(s)).toBe(false);
  });

  it('calls a workspace empty only when nothing matches without any filter', async () => {
    const store = createCasesStore();
    expect(casesSelectors.isWorkspaceEmpty(store.getState())).toBe(false); // not before the first answer
    services.list.mockResolvedValue(page([], 0));
    await store.getState().refresh();
    expect(casesSelectors.isWorkspaceEmpty(store.getState())).toBe(true);
    store.getState().setKind('police');
    await vi.runAllTimersAsync();
    expect(casesSelectors.isWorkspaceEmpty(store.getState())).toBe(false);
  });

  it('fetches the page of rows scrolled into view once scrolling settles, and only once', async () => {
    const store = createCasesStore();
    const pageOf = (start: number) => Array.from({ length: PAGE_SIZE }, (_, i) => row(start + i));
    services.list.mockImplementation(async (q) => page(pageOf(q.offset ?? 0), 3040));
    await store.getState().refresh();
    services.list.mockClear();
    // Fast scrolling past rows 1,000-1,500 asks for nothing; where it stops, that page is fetched.
    store.getState().showRows(1000, 1020);
    store.getState().showRows(1500, 1520);
    store.getState().showRows(2030, 2050);
    await vi.advanceTimersByTimeAsync(SCROLL_FETCH_DELAY_MS);
    expect(services.list.mock.calls.map((c) => c[0].offset)).toEqual([2000]);
    expect(rowAt(store.getState(), 2042)?.id).toBe('case-2042');
    store.getState().showRows(2030, 2050);
    await vi.advanceTimersByTimeAsync(SCROLL_FETCH_DELAY_MS);
    expect(services.list).toHaveBeenCalledTimes(1);
  });

  it('sorts amounts largest first on the first click and flips on the second', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)], 200));
    store.getState().toggleSort('amount');
    await vi.runAllTimersAsync();
    expect(lastQuery()).toMatchObject({ sort: 'amount', direction: 'desc', offset: 0 });
    store.getState().toggleSort('amount');
    await vi.runAllTimersAsync();
    expect(lastQuery()).toMatchObject({ sort: 'amount', direction: 'asc' });
    store.getState().toggleSort('claimant');
    await vi.runAllTimersAsync();
    expect(lastQuery()).toMatchObject({ sort: 'claimant', direction: 'asc' });
  });

  it('keeps finding more rows past a count that core capped', async () => {
    const store = createCasesStore();
    const full = Array.from({ length: PAGE_SIZE }, (_, i) => row(i));
    services.list.mockResolvedValue(page(full, 100_000, false));
    await store.getState().refresh();
    expect(casesSelectors.rowCount(store.getState())).toBe(100_000);
    store.getState().showRows(99_950, 99_990);
    await vi.advanceTimersByTimeAsync(SCROLL_FETCH_DELAY_MS);
    // The last page seen was full, so there is at least one more page to scroll to.
    expect(casesSelectors.rowCount(store.getState())).toBe(100_000 + PAGE_SIZE);
  });

  it('sends every filter as core reads it: statuses, assignee, whole-day date range, amounts in cents', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)], 1));
    store.getState().setStatuses(['intake', 'referred_siu']);
    store.getState().setFilters({ assignee: ' Dana Reyes ', incidentFrom: '2026-01-01', incidentTo: '2026-03-31', amountMin: '1,000', amountMax: '2500.50' });
    await vi.runAllTimersAsync();
    expect(lastQuery()).toMatchObject({
      status: ['intake', 'referred_siu'],
      assignee: 'Dana Reyes',
      incidentFrom: '2026-01-01',
      incidentTo: '2026-03-31T23:59:59',
      amountMinCents: 100_000,
      amountMaxCents: 250_050,
    });
    // An amount that is not one is left out rather than sent as zero.
    store.getState().setFilters({ amountMin: 'abc' });
    await vi.runAllTimersAsync();
    expect(lastQuery().amountMinCents).toBeUndefined();
  });

  it('applies a saved view and turns the query back into the same view', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)], 1));
    const filters = { kind: 'claim' as const, status: ['intake' as const], assignee: 'Dana Reyes', amountMinCents: 1_000_000, sort: 'amount' as const, direction: 'desc' as const };
    store.getState().applyView('builtin:mine', filters);
    await vi.runAllTimersAsync();
    expect(casesSelectors.activeViewId(store.getState())).toBe('builtin:mine');
    expect(lastQuery()).toMatchObject({ kind: 'claim', status: ['intake'], assignee: 'Dana Reyes', amountMinCents: 1_000_000, sort: 'amount' });
    expect(viewFromQuery(store.getState().query)).toEqual(filters);
    store.getState().setSearch('Reyes');
    expect(casesSelectors.activeViewId(store.getState())).toBeNull();
  });

  it('searches as typing starts, and while core answers keeps only the latest words for after', async () => {
    const store = createCasesStore();
    const slow = deferred<Result<CaseList>>();
    services.list.mockReturnValueOnce(slow.promise).mockResolvedValue(page([row(2)], 1));
    store.getState().setSearch('A');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(services.list).toHaveBeenCalledTimes(1);
    store.getState().setSearch('AB');
    store.getState().setSearch('AB12 CDE ');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    // Nothing more goes out while the first query is with core.
    expect(services.list).toHaveBeenCalledTimes(1);
    slow.resolve(page([row(1)], 1));
    await vi.runAllTimersAsync();
    expect(services.list).toHaveBeenCalledTimes(2);
    expect(lastQuery().search).toBe('AB12 CDE');
    // The answer for "A" came too late to be shown.
    expect(store.getState().pages[0].map((r) => r.id)).toEqual(['case-2']);
  });

  it('drops a status of the other kind when the kind filter changes', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().setStatuses(['assessment', 'open']);
    store.getState().setKind('claim');
    expect(store.getState().query.statuses).toEqual(['assessment']);
    store.getState().setKind('police');
    expect(store.getState().query.statuses).toEqual([]);
    await vi.runAllTimersAsync();
    expect(lastQuery()).toMatchObject({ kind: 'police' });
    expect(lastQuery().status).toBeUndefined();
  });

  it('re-runs the current query once for a burst of change events', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().setKind('claim');
    await vi.runAllTimersAsync();
    services.list.mockClear();
    const stop = store.getState().startLive();

    announce({ caseIds: ['x'], reason: 'batch' });
    announce({ caseIds: ['y'], reason: 'batch' });
    vi.advanceTimersByTime(LIVE_REFRESH_DELAY_MS - 1);
    announce({ caseIds: ['z'], reason: 'batch' });
    vi.advanceTimersByTime(LIVE_REFRESH_DELAY_MS - 1);
    expect(services.list).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(services.list).toHaveBeenCalledTimes(1);
    expect(lastQuery()).toMatchObject({ kind: 'claim' });

    stop();
    announce({ caseIds: ['x'], reason: 'batch' });
    await vi.runAllTimersAsync();
    expect(services.list).toHaveBeenCalledTimes(1);
  });

  it('keeps the newest answer when an older one arrives after it', async () => {
    const store = createCasesStore();
    const slow = deferred<Result<CaseList>>();
    services.list.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(page([row(2)], 1));
    const first = store.getState().refresh();
    await store.getState().refresh();
    slow.resolve(page([row(1)], 1));
    await first;
    expect(store.getState().pages[0].map((r) => r.id)).toEqual(['case-2']);
  });

  it('shows a failed load as an error and clears it when a retry succeeds', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'The connection to Casebench was lost.' } });
    await store.getState().refresh();
    expect(casesSelectors.error(store.getState())?.message).toBe('The connection to Casebench was lost.');
    services.list.mockResolvedValueOnce(page([row(1)]));
    await store.getState().refresh();
    expect(casesSelectors.error(store.getState())).toBeNull();
    expect(store.getState().pages[0]).toHaveLength(1);
  });

  it('catches up when the connection comes back', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().startLive();
    for (const l of services.connectionListeners) l({ state: 'lost', attempts: 1 });
    expect(services.list).not.toHaveBeenCalled();
    for (const l of services.connectionListeners) l({ state: 'open', attempts: 0 });
    await vi.runAllTimersAsync();
    expect(services.list).toHaveBeenCalledTimes(1);
  });

  it('keeps the selection on the same case when a refresh reorders the rows', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValueOnce(page([row(1), row(2), row(3)]));
    await store.getState().refresh();
    store.getState().moveSelection(1);
    expect(store.getState().selectedId).toBe('case-2');
    services.list.mockResolvedValueOnce(page([row(3), row(1), row(2)]));
    await store.getState().refresh();
    expect(store.getState().selectedId).toBe('case-2');
    store.getState().moveSelection(5);
    expect(store.getState().selectedId).toBe('case-2');
    store.getState().moveSelection(-1);
    expect(store.getState().selectedId).toBe('case-1');
  });

  it('opens a case with its timeline, and reloads it when a change names it', async () => {
    const store = createCasesStore();
    const record = (status: string) => ({ ok: true, value: { case: { id: 'case-1', status }, notes: [], tasks: [], conflicts: [], allowedTransitions: [] } });
    services.get.mockResolvedValueOnce(record('intake')).mockResolvedValueOnce(record('investigation'));
    services.timeline.mockResolvedValue({ ok: true, value: [{ id: 'e1', type: 'claim.created' }] });
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().startLive();

    await store.getState().openCase('case-1');
    expect(store.getState().detail.record?.case.status).toBe('intake');
    expect(store.getState().detail.timeline).toHaveLength(1);

    announce({ caseIds: ['case-9'], reason: 'note.added' });
    await vi.runAllTimersAsync();
    expect(services.get).toHaveBeenCalledTimes(1);
    announce({ caseIds: ['case-1'], reason: 'case.transitioned' });
    await vi.runAllTimersAsync();
    expect(services.get).toHaveBeenCalledTimes(2);
    expect(store.getState().detail.record?.case.status).toBe('investigation');

    store.getState().closeCase();
    expect(casesSelectors.openCaseId(store.getState())).toBeNull();
  });

  it('shows why a case could not be opened', async () => {
    const store = createCasesStore();
    services.get.mockResolvedValue({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no case with id case-7.' } });
    services.timeline.mockResolvedValue({ ok: true, value: [] });
    await store.getState().openCase('case-7');
    expect(store.getState().detail).toMatchObject({ caseId: 'case-7', loading: false, error: { message: 'There is no case with id case-7.' } });
  });
});
