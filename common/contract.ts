import { z } from 'zod';
import { CaseDocument, CaseStatusSchema, Cents, ClaimDraft, FieldChanges, Note, PartyDraft, PoliceCaseDraft, Task, VehicleDraft, requiredText, text } from './domain/case.ts';
import { TimelineEntry } from './domain/events.ts';
import { evidenceCalls } from './calls/evidence.ts';
import { importCalls } from './calls/import.ts';

// The one API contract between the renderer and core. Core validates every input against it, preload and
// the gateway expose exactly these names, and the renderer's client is typed from it.

const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

const Id = requiredText(64);
const Reason = requiredText(2000);
export const ROLES = ['adjuster', 'investigator', 'supervisor'] as const;
export const Profile = z.object({ name: requiredText(120), role: z.enum(ROLES) });
export type Profile = z.infer<typeof Profile>;

export const SORT_COLUMNS = ['number', 'kind', 'status', 'claimant', 'plate', 'incidentAt', 'amount', 'assignee', 'updatedAt'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const CaseListQuery = z.object({
  kind: z.enum(['claim', 'police']).optional(),
  status: z.array(CaseStatusSchema).max(20).optional(),
  assignee: text(120).optional(),
  search: text(200).optional(),
  incidentFrom: z.string().max(30).optional(),
  incidentTo: z.string().max(30).optional(),
  amountMinCents: z.number().int().min(0).optional(),
  amountMaxCents: z.number().int().min(0).optional(),
  sort: z.enum(SORT_COLUMNS).default('updatedAt'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;

export const LIST_COUNT_CAP = 100_000;

export const CaseRow = z.object({
  id: z.string(),
  kind: z.enum(['claim', 'police']),
  number: z.string(),
  status: CaseStatusSchema,
  claimant: z.string().nullable(),
  plate: z.string().nullable(),
  incidentAt: z.string().nullable(),
  amountCents: z.number().nullable(),
  assignee: z.string().nullable(),
  updatedAt: z.string(),
});
export type CaseRow = z.infer<typeof CaseRow>;

export const AuditReport = z.object({
  ok: z.boolean(),
  events: z.number(),
  devices: z.number(),
  signedBatches: z.number(),
  headRecordChecked: z.boolean(),
  firstBad: z.object({ eventId: z.string(), seq: z.number(), deviceId: z.string(), problem: z.string() }).nullable(),
});
export type AuditReport = z.infer<typeof AuditReport>;

export const Conflict = z.object({
  id: z.string(),
  caseId: z.string(),
  eventId: z.string(),
  description: z.string(),
});

export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled', 'interrupted']);
export const Job = z.object({ id: z.string(), kind: z.string(), label: z.string(), state: JobState, done: z.number(), total: z.number(), result: z.unknown(), error: z.string().nullable(), createdAt: z.string(), updatedAt: z.string() });

/** The queue filters a saved view remembers; the same names as CaseListQuery. */
export const SavedViewFilters = z.object({
  search: text(200).optional(),
  kind: z.enum(['claim', 'police']).optional(),
  status: z.array(CaseStatusSchema).max(20).optional(),
  assignee: text(120).optional(),
  incidentFrom: z.string().max(30).optional(),
  incidentTo: z.string().max(30).optional(),
  amountMinCents: z.number().int().min(0).optional(),
  amountMaxCents: z.number().int().min(0).optional(),
  sort: z.enum(SORT_COLUMNS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
});
export type SavedViewFilters = z.infer<typeof SavedViewFilters>;
export const SavedView = z.object({ id: z.string(), name: z.string(), filters: SavedViewFilters, builtIn: z.boolean() });
export type SavedView = z.infer<typeof SavedView>;

/** Workspace settings kept in core. `queueColumns` null means the default columns. */
export const WorkspaceSettings = z.object({
  approvalThresholdCents: Cents,
  queueColumns: z.array(z.string().max(40)).max(30).nullable(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;
export const DEFAULT_APPROVAL_THRESHOLD_CENTS = 1_000_000;

/** A move the state machine allows but this person may not make; `reason` says who can. */
export const BlockedTransition = z.object({ to: CaseStatusSchema, reason: z.string() });

const DemoInput = z.object({
  seed: z.number().int().min(0).max(2 ** 31).default(1),
  claims: z.number().int().min(1).max(200_000).default(3000),
  policeCases: z.number().int().min(0).max(10_000).default(40),
});

export const contract = {
  'app.info': call(
    z.object({}),
    z.object({
      version: z.string(),
      dataDir: z.string(),
      deviceId: z.string(),
      schemaVersion: z.number(),
      cases: z.number(),
      events: z.number(),
      profile: Profile,
    }),
  ),
  'profile.get': call(z.object({}), Profile),
  'profile.update': call(Profile, Profile),
  // total is exact up to LIST_COUNT_CAP; past that totalExact is false and total is the cap ("100,000+").
  'cases.list': call(CaseListQuery, z.object({ total: z.number(), totalExact: z.boolean(), rows: z.array(CaseRow) })),
  'cases.get': call(
    z.object({ id: Id }),
    z.object({
      case: CaseDocument,
      notes: z.array(Note),
      tasks: z.array(Task),
      conflicts: z.array(Conflict),
      allowedTransitions: z.array(CaseStatusSchema),
      blockedTransitions: z.array(BlockedTransition),
    }),
  ),
  'cases.timeline': call(z.object({ id: Id }), z.array(TimelineEntry)),
  'cases.update': call(z.object({ id: Id, changes: FieldChanges }), z.object({ eventId: z.string() })),
  'cases.transition': call(z.object({ id: Id, to: CaseStatusSchema, reason: Reason }), z.object({ eventId: z.string() })),
  'cases.addParty': call(z.object({ id: Id, party: PartyDraft }), z.object({ partyId: z.string() })),
  'cases.removeParty': call(z.object({ id: Id, partyId: Id, reason: Reason }), z.object({ eventId: z.string() })),
  'cases.addVehicle': call(z.object({ id: Id, vehicle: VehicleDraft }), z.object({ vehicleId: z.string() })),
  'cases.removeVehicle': call(z.object({ id: Id, vehicleId: Id, reason: Reason }), z.object({ eventId: z.string() })),
  'cases.linkClaim': call(z.object({ id: Id, claimId: Id }), z.object({ eventId: z.string() })),
  'claims.create': call(ClaimDraft, z.object({ id: z.string(), number: z.string() })),
  'policeCases.create': call(PoliceCaseDraft, z.object({ id: z.string(), number: z.string() })),
  'notes.add': call(z.object({ caseId: Id, text: requiredText(20000) }), z.object({ noteId: z.string() })),
  'tasks.add': call(
    z.object({ caseId: Id, title: requiredText(300), dueDate: z.string().max(30).optional(), assignee: text(120).optional() }),
    z.object({ taskId: z.string() }),
  ),
  'tasks.complete': call(z.object({ caseId: Id, taskId: Id }), z.object({ eventId: z.string() })),
  'demo.create': call(DemoInput, z.object({ claims: z.number(), policeCases: z.number(), events: z.number() })),
  // The same as demo.create, run as a job: answers at once with the job id; progress comes as job.progress.
  'demo.start': call(DemoInput, z.object({ jobId: z.string() })),
  'settings.get': call(z.object({}), WorkspaceSettings),
  'settings.update': call(WorkspaceSettings.partial(), WorkspaceSettings),
  'views.list': call(z.object({}), z.array(SavedView)),
  'views.save': call(z.object({ id: Id.optional(), name: requiredText(80), filters: SavedViewFilters }), SavedView),
  'views.remove': call(z.object({ id: Id }), z.object({ removed: z.boolean() })),
  'audit.verify': call(z.object({}), AuditReport),
  'jobs.list': call(z.object({ limit: z.number().int().min(1).max(500).default(50) }), z.array(Job)),
  'jobs.get': call(z.object({ id: Id }), Job),
  'jobs.cancel': call(z.object({ id: Id }), z.object({ cancelled: z.boolean() })),
  ...importCalls,
  ...evidenceCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;
export const CALL_NAMES = Object.keys(contract) as CallName[];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

export const events = {
  'case.changed': z.object({ caseIds: z.array(z.string()), reason: z.string() }),
  'job.progress': z.object({ jobId: z.string(), label: z.string(), done: z.number(), total: z.number(), state: JobState.optional() }),
} as const;
export type AppEvents = typeof events;
export type EventName = keyof AppEvents;
export type EventBody<K extends EventName> = z.infer<AppEvents[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Largest request a transport accepts, so an oversize message is refused before it is parsed. */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
