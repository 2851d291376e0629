import type { CallOutput, CaseListQuery, EventBody } from '../../../common/contract.ts';
import type { Result } from '../../../common/result.ts';
import { call, subscribe } from '../api/client.ts';

// Case calls as the stores use them. Thin on purpose: names and shapes come from the contract.

export type CaseList = CallOutput<'cases.list'>;
export type CaseRecord = CallOutput<'cases.get'>;
export type CaseTimeline = CallOutput<'cases.timeline'>;
export type CaseChange = EventBody<'case.changed'>;

export const caseService = {
  list: (query: CaseListQuery): Promise<Result<CaseList>> => call('cases.list', query),
  get: (id: string): Promise<Result<CaseRecord>> => call('cases.get', { id }),
  timeline: (id: string): Promise<Result<CaseTimeline>> => call('cases.timeline', { id }),
  onChanged: (listener: (change: CaseChange) => void): (() => void) => subscribe('case.changed', listener),
};
