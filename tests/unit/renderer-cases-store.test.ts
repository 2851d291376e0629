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

const { createCasesStore, casesSelectors, LIVE_REFRESH_DELAY_MS } = await import('../../renderer/src/stores/cases/index.ts');

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
    expect(lastQuery()).toEqual({ sort: 'updatedAt', direction: 'desc', offset: 0, limit: 50 });
    const s = store.getState();
    expect(casesSelectors.total(s)).toBe(3040);
    expect(casesSelectors.selectedId(s)).toBe('case-1');
    expect([casesSelectors.pageStart(s), casesSelectors.pageEnd(s)]).toEqual([1, 2]);
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

  it('sorts amounts largest first on the first click and flips on the second, from the first page', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)], 200));
    store.getState().goToPage('next');
    await store.getState().refresh();
    store.getState().goToPage('next');
    await vi.runAllTimersAsync();
    expect(lastQuery().offset).toBe(50);

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

  it('keeps paging past a count that core capped', async () => {
    const store = createCasesStore();
    const full = Array.from({ length: 50 }, (_, i) => row(i));
    services.list.mockResolvedValue(page(full, 100_000, false));
    store.setState((s) => ({ query: { ...s.query, offset: 99_950 } }));
    await store.getState().refresh();
    expect(casesSelectors.hasNextPage(store.getState())).toBe(true);
    store.getState().goToPage('next');
    await vi.runAllTimersAsync();
    expect(lastQuery().offset).toBe(100_000);

    services.list.mockResolvedValue(page(full, 3040, true));
    store.setState((s) => ({ query: { ...s.query, offset: 3000 } }));
    await store.getState().refresh();
    expect(casesSelectors.hasNextPage(store.getState())).toBe(false);
  });

  it('waits for typing to pause before searching, and sends the words trimmed', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().setSearch('A');
    store.getState().setSearch('AB');
    store.getState().setSearch('AB12 CDE ');
    expect(services.list).not.toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(services.list).toHaveBeenCalledTimes(1);
    expect(lastQuery().search).toBe('AB12 CDE');
  });

  it('drops a status of the other kind when the kind filter changes', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValue(page([row(1)]));
    store.getState().setStatus('assessment');
    store.getState().setKind('claim');
    expect(store.getState().query.status).toBe('assessment');
    store.getState().setKind('police');
    expect(store.getState().query.status).toBeNull();
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
    expect(store.getState().rows.map((r) => r.id)).toEqual(['case-2']);
  });

  it('shows a failed load as an error and clears it when a retry succeeds', async () => {
    const store = createCasesStore();
    services.list.mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'The connection to Casebench was lost.' } });
    await store.getState().refresh();
    expect(casesSelectors.error(store.getState())?.message).toBe('The connection to Casebench was lost.');
    services.list.mockResolvedValueOnce(page([row(1)]));
    await store.getState().refresh();
    expect(casesSelectors.error(store.getState())).toBeNull();
    expect(store.getState().rows).toHaveLength(1);
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
