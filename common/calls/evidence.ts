import { z } from 'zod';
import { requiredText, text } from '../domain/case.ts';

// Evidence calls (intake, custody, analysis, findings). Merged into the contract in common/contract.ts.
// File bytes never travel through a call (a message is at most 4 MiB): calls name files by path (CLI,
// Electron) or the browser shell uploads to the gateway's /upload route; viewers read bytes from
// evidence://store/<sha256> (Electron) or GET /evidence/<sha256> (browser shell), both with range requests.

const Id = requiredText(64);

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document', 'other'] as const;
export const EvidenceSource = z.enum(['picker', 'drop', 'folder', 'upload', 'cli', 'import']);

export const EvidenceItem = z.object({
  id: z.string(),
  caseId: z.string(),
  sha256: z.string(),
  originalName: z.string(),
  size: z.number(),
  mediaType: z.string(),
  kind: z.enum(MEDIA_KINDS),
  source: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  /** The file's extension suggests a different type than its bytes (e.g. a PNG named .jpg). */
  extensionMismatch: z.boolean(),
  /** Worst severity among the item's current findings, for a gallery badge; null when not analysed. */
  verdict: z.enum(['info', 'warning', 'alert', 'error']).nullable(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const CustodyEntry = z.object({
  eventId: z.string(),
  evidenceId: z.string(),
  action: z.enum(['received', 'viewed', 'exported', 'verified', 'analysed']),
  actor: z.string(),
  actorRole: z.string(),
  deviceId: z.string(),
  at: z.string(),
  detail: z.string(),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const FindingView = z.object({
  evidenceId: z.string(),
  analyzerId: z.string(),
  analyzerVersion: z.string(),
  modelId: z.string().optional(),
  modelSha256: z.string().optional(),
  inputSha256: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  score: z.number().optional(),
  label: z.string(),
  severity: z.enum(['info', 'warning', 'alert', 'error']),
  explanation: z.string(),
  /** Fetch from evidence://artifact/<sha256> or GET /artifacts/<sha256>. */
  artifacts: z.array(z.object({ sha256: z.string(), mediaType: z.string(), label: z.string() })),
  data: z.record(z.string(), z.unknown()).optional(),
  recordedAt: z.string(),
});
export type FindingView = z.infer<typeof FindingView>;

/** One file of an intake batch: stored (possibly already known) or refused with a reason a person can act on. */
export const IngestOutcome = z.object({
  path: z.string(),
  ok: z.boolean(),
  evidenceId: z.string().optional(),
  sha256: z.string().optional(),
  mediaType: z.string().optional(),
  duplicate: z.boolean().optional(),
  error: z.string().optional(),
});

export const IntegrityReport = z.object({
  checked: z.number(),
  tampered: z.array(z.object({ evidenceId: z.string(), sha256: z.string(), originalName: z.string(), problem: z.string() })),
});

export const AnalyzerInfo = z.object({ id: z.string(), version: z.string(), title: z.string(), accepts: z.array(z.enum(MEDIA_KINDS)), unavailable: z.string().nullable() });

export const evidenceCalls = {
  /** Adds files or folders (recursively) by path. Each file gets its own outcome; one bad file never stops the batch. */
  'evidence.ingest': {
    input: z.object({ caseId: Id, paths: z.array(requiredText(4096)).min(1).max(1000), source: EvidenceSource.default('picker') }),
    output: z.object({ items: z.array(IngestOutcome), stored: z.number(), failed: z.number() }),
  },
  'evidence.list': { input: z.object({ caseId: Id }), output: z.array(EvidenceItem) },
  'evidence.get': { input: z.object({ id: Id }), output: z.object({ item: EvidenceItem, findings: z.array(FindingView), custody: z.array(CustodyEntry) }) },
  'evidence.custody': { input: z.object({ id: Id }), output: z.array(CustodyEntry) },
  /** The UI calls this when a person opens an item in full (viewer, full-size compare): adds a custody entry. */
  'evidence.accessed': { input: z.object({ id: Id, purpose: text(300).optional() }), output: z.object({ eventId: z.string() }) },
  /** Copies the stored file to a path and adds a custody entry; the copy is checked against the hash first. */
  'evidence.export': { input: z.object({ id: Id, destination: requiredText(4096) }), output: z.object({ path: z.string(), sha256: z.string(), eventId: z.string() }) },
  /** Re-hashes stored files (one item, a case, or everything) and names those whose bytes changed. */
  'evidence.verify': { input: z.object({ id: Id.optional(), caseId: Id.optional() }), output: IntegrityReport },
  'analysis.analyzers': { input: z.object({}), output: z.array(AnalyzerInfo) },
  /** Starts a persisted job; progress arrives as job.progress, the result via jobs.get. */
  'analysis.run': {
    input: z.object({ evidenceId: Id.optional(), caseId: Id.optional(), analyzers: z.array(text(64)).max(50).optional() }).refine((v) => Boolean(v.evidenceId) !== Boolean(v.caseId), 'Give exactly one of evidenceId or caseId.'),
    output: z.object({ jobId: z.string() }),
  },
  'findings.list': { input: z.object({ evidenceId: Id.optional(), caseId: Id.optional() }), output: z.array(FindingView) },
  /** Near-duplicates of an image (or video keyframe) anywhere in the workspace, for side-by-side compare. */
  'evidence.similar': {
    input: z.object({ id: Id, maxDistance: z.number().int().min(0).max(16).default(10) }),
    output: z.array(z.object({ evidenceId: z.string(), caseId: z.string(), sha256: z.string(), originalName: z.string(), distance: z.number(), frame: z.number().nullable() })),
  },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
