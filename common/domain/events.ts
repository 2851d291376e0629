import { z } from 'zod';
import { CaseStatusSchema, ClaimDraft, FieldChanges, Party, PoliceCaseDraft, Vehicle, text } from './case.ts';

// Every change to a case is one of these events. The payload schemas are the source of truth for what
// the log may hold; the projection and the timeline both read them.

const withId = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

export const EVENT_PAYLOADS = {
  'claim.created': withId({ claim: ClaimDraft.omit({ parties: true, vehicles: true }).extend({ claimNumber: z.string() }), parties: z.array(Party), vehicles: z.array(Vehicle) }),
  'policeCase.created': withId({ policeCase: PoliceCaseDraft.omit({ parties: true }).extend({ caseNumber: z.string() }), parties: z.array(Party) }),
  'case.fieldsChanged': withId({ changes: FieldChanges, previous: z.record(z.string(), z.unknown()) }),
  'case.transitioned': withId({ from: CaseStatusSchema, to: CaseStatusSchema, reason: text(2000) }),
  'case.partyAdded': withId({ party: Party }),
  'case.partyRemoved': withId({ partyId: z.string(), reason: text(2000) }),
  'case.vehicleAdded': withId({ vehicle: Vehicle }),
  'case.vehicleRemoved': withId({ vehicleId: z.string(), reason: text(2000) }),
  'case.claimLinked': withId({ claimId: z.string() }),
  'note.added': withId({ noteId: z.string(), text: text(20000) }),
  'task.added': withId({ taskId: z.string(), title: text(300), dueDate: z.string().optional(), assignee: z.string().optional() }),
  'task.completed': withId({ taskId: z.string() }),
  // Evidence (core/evidence): the file itself lives in the content-addressed store, named by sha256.
  'evidence.added': withId({ evidenceId: z.string(), sha256: z.string(), originalName: z.string(), size: z.number(), mediaType: z.string(), kind: z.string(), source: z.string(), extensionMismatch: z.boolean() }),
  'evidence.custody': withId({ evidenceId: z.string(), action: z.enum(['received', 'viewed', 'exported', 'verified', 'analysed']), detail: z.string() }),
  'analysis.recorded': withId({ evidenceId: z.string(), sha256: z.string(), analyzerId: z.string(), analyzerVersion: z.string(), findings: z.array(z.record(z.string(), z.unknown())) }),
} as const;

export type EventType = keyof typeof EVENT_PAYLOADS;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_PAYLOADS)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

export const EventType = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** One entry of a case timeline: a stored event as a person reads it. */
export const TimelineEntry = z.object({
  id: z.string(),
  type: EventType,
  hlc: z.string(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  deviceId: z.string(),
  payload: z.unknown(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;
