import { create } from 'zustand';
import { createCasesActions, type CasesActions } from './actions.ts';
import { initialCasesState, type CasesState } from './initialState.ts';

export type CasesStore = CasesState & CasesActions;

export const createCasesStore = () =>
  create<CasesStore>()((...args) => ({
    ...initialCasesState,
    ...createCasesActions(...args),
  }));

export const useCasesStore = createCasesStore();

export { casesSelectors } from './selectors.ts';
export { LIVE_REFRESH_DELAY_MS, type Outcome, SCROLL_FETCH_DELAY_MS, SEARCH_DELAY_MS, parseDollars, queryFromView, rowAt, toListQuery, viewFromQuery, type FilterPatch } from './actions.ts';
export { PAGE_SIZE, type CaseDetailState, type KindFilter, type QueueQuery, type SortDirection } from './initialState.ts';
