import type { CallInput, CallOutput, CaseListQuery, EventBody } from '../../../common/contract.ts';
import type { CaseStatus } from '../../../common/domain/workflow.ts';
import type { Result } from '../../../common/result.ts';
import { call, subscribe } from '../api/client.ts';

// Case calls as the stores use them. Thin on purpose: names and shapes come from the contract.

export type CaseList = CallOutput<'cases.list'>;
export type CaseRecord = CallOutput<'cases.get'>;
export type CaseTimeline = CallOutput<'cases.timeline'>;
export type CaseChange = EventBody<'case.changed'>;
export type FieldChangeSet = CallInput<'cases.update'>['changes'];
export type PartyInput = CallInput<'cases.addParty'>['party'];
export type VehicleInput = CallInput<'cases.addVehicle'>['vehicle'];
export type ClaimInput = CallInput<'claims.create'>;

export const caseService = {
  list: (query: CaseListQuery): Promise<Result<CaseList>> => call('cases.list', query),
  get: (id: string): Promise<Result<CaseRecord>> => call('cases.get', { id }),
  timeline: (id: string): Promise<Result<CaseTimeline>> => call('cases.timeline', { id }),
  update: (id: string, changes: FieldChangeSet) => call('cases.update', { id, changes }),
  transition: (id: string, to: CaseStatus, reason: string) => call('cases.transition', { id, to, reason }),
  addParty: (id: string, party: PartyInput) => call('cases.addParty', { id, party }),
  removeParty: (id: string, partyId: string, reason: string) => call('cases.removeParty', { id, partyId, reason }),
  addVehicle: (id: string, vehicle: VehicleInput) => call('cases.addVehicle', { id, vehicle }),
  removeVehicle: (id: string, vehicleId: string, reason: string) => call('cases.removeVehicle', { id, vehicleId, reason }),
  addNote: (caseId: string, text: string) => call('notes.add', { caseId, text }),
  addTask: (caseId: string, title: string, dueDate?: string) => call('tasks.add', { caseId, title, dueDate }),
  completeTask: (caseId: string, taskId: string) => call('tasks.complete', { caseId, taskId }),
  createClaim: (draft: ClaimInput) => call('claims.create', draft),
  onChanged: (listener: (change: CaseChange) => void): (() => void) => subscribe('case.changed', listener),
};
