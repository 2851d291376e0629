import { z } from 'zod';

// Import calls: a file is uploaded in chunks (every transport caps a message at 4 MiB, and the same path
// works in Electron and in the browser shell), previewed, then imported as a job whose progress comes as
// `job.progress` events and which `jobs.cancel` stops between batches. Merged into common/contract.ts.

export const IMPORT_FORMATS = ['claims-csv', 'claims-json', 'fraud-oracle'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  'claims-csv': 'Casebench claims CSV',
  'claims-json': 'Casebench claims JSON',
  'fraud-oracle': 'Vehicle claim fraud data set (fraud_oracle.csv)',
};

/** Raw bytes per upload chunk; base64 makes it about 1.4 MB, well under the 4 MiB message limit. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;
/** Claims per signed batch: one batch is one transaction, so a cancel or a failure leaves whole batches. */
export const IMPORT_BATCH_SIZE = 1000;
/** Rejected rows sent with the preview; the rest are paged with imports.rejections. */
export const PREVIEW_REJECTIONS = 200;
export const PREVIEW_SAMPLE = 10;

export const ImportRejection = z.object({ row: z.number().int(), reason: z.string() });
export type ImportRejection = z.infer<typeof ImportRejection>;

/** One claim the import will create, as the preview table shows it. */
export const ImportSampleRow = z.object({
  row: z.number().int(),
  claimNumber: z.string().nullable(),
  policyNumber: z.string(),
  policyType: z.string(),
  party: z.string().nullable(),
  incidentAt: z.string(),
  amountCents: z.number(),
  vehicle: z.string().nullable(),
});
export type ImportSampleRow = z.infer<typeof ImportSampleRow>;

export const ImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  format: z.enum(IMPORT_FORMATS),
  rows: z.number().int(),
  valid: z.number().int(),
  /** Rows skipped because an earlier valid row has the same key (fraud_oracle: PolicyNumber). */
  duplicates: z.number().int(),
  rejectedCount: z.number().int(),
  /** Every rejected row up to PREVIEW_REJECTIONS, duplicates included, in file order. */
  rejected: z.array(ImportRejection),
  sample: z.array(ImportSampleRow),
  ignoredColumns: z.array(z.string()),
  notes: z.array(z.string()),
  batchSize: z.number().int(),
  seconds: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const IMPORT_STATES = ['running', 'done', 'cancelled', 'failed', 'interrupted'] as const;
export const ImportReport = z.object({
  importId: z.string(),
  jobId: z.string(),
  state: z.enum(IMPORT_STATES),
  /** Claims created; always whole batches when cancelled or failed. */
  imported: z.number().int(),
  batches: z.number().int(),
  batchSize: z.number().int(),
  /** Valid rows the import set out to create. */
  total: z.number().int(),
  /** Rejected and duplicate rows, as in the preview, plus any that became invalid since. */
  skipped: z.number().int(),
  error: z.string().nullable(),
  seconds: z.number(),
});
export type ImportReport = z.infer<typeof ImportReport>;

const ImportId = z.string().trim().min(1).max(64);

export const importCalls = {
  'imports.begin': {
    input: z.object({ fileName: z.string().trim().min(1, 'is required').max(255), bytes: z.number().int().min(0).max(MAX_IMPORT_BYTES) }),
    output: z.object({ importId: z.string(), chunkBytes: z.number().int() }),
  },
  'imports.upload': {
    input: z.object({ importId: ImportId, offset: z.number().int().min(0), data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4) }),
    output: z.object({ received: z.number().int() }),
  },
  'imports.preview': { input: z.object({ importId: ImportId }), output: ImportPreview },
  'imports.rejections': {
    input: z.object({ importId: ImportId, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ total: z.number().int(), rows: z.array(ImportRejection) }),
  },
  'imports.start': { input: z.object({ importId: ImportId }), output: z.object({ jobId: z.string() }) },
  'imports.report': { input: z.object({ importId: ImportId }), output: ImportReport },
  'imports.discard': { input: z.object({ importId: ImportId }), output: z.object({ discarded: z.boolean() }) },
} satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
