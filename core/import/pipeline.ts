import type Database from 'better-sqlite3';
import { ClaimDraft } from '../../common/domain/case.ts';
import { IMPORT_BATCH_SIZE, PREVIEW_SAMPLE, type ImportFormat, type ImportRejection, type ImportSampleRow } from '../../common/calls/import.ts';
import { DomainError } from '../../common/result.ts';
import type { JobContext } from '../jobs.ts';
import type { Workspace } from '../workspace.ts';
import { CSV_COLUMNS, csvRowToDraft } from './claims.ts';
import { CsvReader, type CsvRecord } from './csv.ts';
import { FRAUD_ORACLE_COLUMNS, FRAUD_ORACLE_REQUIRED, fraudOracleRowToDraft } from './fraudOracle.ts';
import { JsonArrayReader, type JsonRecord } from './json.ts';
import { fingerprint, readTextChunks, type FileFingerprint } from './source.ts';

// One pass over an import file: the format is detected from its content (a JSON array, our CSV columns,
// or the fraud_oracle columns), and each row comes out as a claim draft or a rejection with its reason.
// The preview and the import run the same pass, so what the preview promised is what gets imported.

export type ScanHeader = { kind: 'header'; format: ImportFormat; ignoredColumns: string[] };
export type ScannedRow =
  | { kind: 'valid'; row: number; draft: ClaimDraft; source?: { record: Record<string, string>; label: string } }
  | { kind: 'rejected'; row: number; reason: string }
  | { kind: 'duplicate'; row: number; reason: string };

const REQUIRED = ['policy_number', 'policy_type', 'policy_inception_date', 'incident_at', 'amount_claimed', 'claimant_name'] as const;

const issueText = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');

/** A reason may quote a cell; a cell can be long, a reason stays readable (and the preview small). */
const MAX_REASON_CHARS = 300;
const short = (reason: string) => (reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason);

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

type CsvLayout = { format: 'claims-csv' | 'fraud-oracle'; header: string[]; ignoredColumns: string[] };

/** Which of the known layouts a CSV header is; throws a message that says what a header should look like. */
export const detectCsvLayout = (cells: string[]): CsvLayout => {
  const raw = cells.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of raw) {
    if (h && seen.has(h.toLowerCase())) throw new DomainError('INVALID_INPUT', `The header line names the column "${h}" twice; each column may appear once.`);
    seen.add(h.toLowerCase());
  }
  const lowerFraud = FRAUD_ORACLE_REQUIRED.map((c) => c.toLowerCase());
  if (lowerFraud.every((c) => seen.has(c))) {
    // Keep the data set's own spelling so the mapping can read the columns by name.
    const canonical = new Map(FRAUD_ORACLE_COLUMNS.map((c) => [c.toLowerCase(), c as string]));
    return { format: 'fraud-oracle', header: raw.map((h) => canonical.get(h.toLowerCase()) ?? h), ignoredColumns: [] };
  }
  const header = raw.map((h) => h.toLowerCase());
  const known = header.filter((h) => (CSV_COLUMNS as readonly string[]).includes(h));
  if (known.length === 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `The first line of the file does not name any column Casebench knows, so it is not a claims CSV. It should be a header such as "claim_number,policy_number,policy_type,…" (see docs/import.md) or the header of the vehicle claim fraud data set.`,
    );
  }
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new DomainError('INVALID_INPUT', `The CSV has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}; see docs/import.md.`);
  return { format: 'claims-csv', header, ignoredColumns: raw.filter((h, i) => h !== '' && !(CSV_COLUMNS as readonly string[]).includes(header[i])) };
};

export type ScanOptions = {
  /** True when a claim number is already used in the workspace. */
  numberTaken: (claimNumber: string) => boolean;
  /** Bytes read so far, after each chunk. */
  onBytes?: (bytesRead: number) => void;
};

/** The header (first), then every row of the file in order. */
export async function* scanImportFile(path: string, options: ScanOptions): AsyncGenerator<ScanHeader | ScannedRow> {
  let reader: { kind: 'csv'; csv: CsvReader } | { kind: 'json'; json: JsonArrayReader } | null = null;
  let layout: CsvLayout | null = null;
  const seenKeys = new Map<string, number>();
  let pendingText = '';

  const check = (row: number, draft: unknown, key: string | undefined, source?: { record: Record<string, string>; label: string }): ScannedRow => {
    const parsed = ClaimDraft.safeParse(draft);
    if (!parsed.success) return { kind: 'rejected', row, reason: issueText(parsed.error) };
    const claimNumber = parsed.data.claimNumber;
    const dedupe = key ?? claimNumber;
    if (dedupe !== undefined) {
      const earlier = seenKeys.get(dedupe);
      if (earlier !== undefined) {
        return layout?.format === 'fraud-oracle'
          ? { kind: 'duplicate', row, reason: `duplicate of row ${earlier} (same PolicyNumber ${dedupe}); skipped` }
          : { kind: 'rejected', row, reason: `claim number ${dedupe} is also on row ${earlier}` };
      }
    }
    if (claimNumber !== undefined && options.numberTaken(claimNumber)) return { kind: 'rejected', row, reason: `claim number ${claimNumber} is already used by another case (already imported?)` };
    if (dedupe !== undefined) seenKeys.set(dedupe, row);
    return { kind: 'valid', row, draft: parsed.data, source };
  };

  const csvRow = (r: CsvRecord): ScannedRow => {
    const l = layout!;
    if (r.error) return { kind: 'rejected', row: r.row, reason: `malformed CSV: ${r.error}` };
    if (r.cells.length !== l.header.length) return { kind: 'rejected', row: r.row, reason: `has ${r.cells.length} fields where the header has ${l.header.length}` };
    const record: Record<string, string> = {};
    l.header.forEach((h, j) => (record[h] = r.cells[j]));
    try {
      if (l.format === 'fraud-oracle') {
        const mapped = fraudOracleRowToDraft(record, r.row);
        return check(r.row, mapped.draft, mapped.dedupeKey, { record, label: mapped.label });
      }
      return check(r.row, csvRowToDraft(record), undefined);
    } catch (e) {
      return { kind: 'rejected', row: r.row, reason: (e as Error).message };
    }
  };
  const jsonRow = (r: JsonRecord): ScannedRow => (r.error ? { kind: 'rejected', row: r.row, reason: `claim ${r.row} ${r.error}` } : check(r.row, r.value, undefined));

  function* drain(csv: CsvRecord[] | null, json: JsonRecord[] | null): Generator<ScanHeader | ScannedRow> {
    for (const r of json ?? []) yield jsonRow(r);
    for (const r of csv ?? []) {
      if (!layout) {
        if (r.error) throw new DomainError('INVALID_INPUT', `The header line of the file is malformed CSV: ${r.error}.`);
        layout = detectCsvLayout(r.cells);
        yield { kind: 'header', format: layout.format, ignoredColumns: layout.ignoredColumns };
        continue;
      }
      yield csvRow(r);
    }
  }

  for await (const { text, bytesRead } of readTextChunks(path)) {
    options.onBytes?.(bytesRead);
    if (!reader) {
      pendingText += text;
      const start = pendingText.search(/\S/);
      if (start < 0) continue;
      if (pendingText[start] === '[') {
        reader = { kind: 'json', json: new JsonArrayReader() };
        yield { kind: 'header', format: 'claims-json', ignoredColumns: [] };
      } else reader = { kind: 'csv', csv: new CsvReader() };
      const first = pendingText;
      pendingText = '';
      yield* reader.kind === 'json' ? drain(null, reader.json.push(first)) : drain(reader.csv.push(first), null);
      continue;
    }
    yield* reader.kind === 'json' ? drain(null, reader.json.push(text)) : drain(reader.csv.push(text), null);
  }
  if (!reader) throw new DomainError('INVALID_INPUT', 'The file is empty: it has only blank space, no header line and no rows.');
  yield* reader.kind === 'json' ? drain(null, reader.json.end()) : drain(reader.csv.end(), null);
  if (reader.kind === 'csv' && !layout) throw new DomainError('INVALID_INPUT', 'The file is empty: it has no header line and no rows.');
}

const sampleOf = (row: number, d: ClaimDraft): ImportSampleRow => {
  const party = d.parties.find((p) => p.role === 'claimant') ?? d.parties[0];
  const v = d.vehicles[0];
  return {
    row,
    claimNumber: d.claimNumber ?? null,
    policyNumber: d.policy.number,
    policyType: d.policy.type,
    party: party?.name ?? null,
    incidentAt: d.incident.occurredAt,
    amountCents: d.amountClaimedCents,
    vehicle: v ? [v.make, v.model, v.plate].filter(Boolean).join(' ') || null : null,
  };
};

export type FilePreview = {
  format: ImportFormat;
  rows: number;
  valid: number;
  duplicates: number;
  /** Every rejected and duplicate row, in file order. */
  rejected: ImportRejection[];
  sample: ImportSampleRow[];
  ignoredColumns: string[];
  notes: string[];
  fingerprint: FileFingerprint;
  seconds: number;
};

const formatNotes = (format: ImportFormat): string[] =>
  format === 'fraud-oracle'
    ? [
        'Detected the vehicle claim fraud data set (fraud_oracle.csv): it has no names, addresses, exact dates or amounts, so incident and report dates are derived from its month, week and weekday bands, the amount claimed is 0, and every column without a field of its own is written into the incident description (docs/import.md).',
        'Rows with the same PolicyNumber as an earlier row are skipped.',
        'FraudFound_P is an evaluation label: it is kept with the import record, never shown on the claim and never used as a finding.',
      ]
    : [];

/** Reads the whole file once and says what an import would create and what it would reject. */
export const previewFile = async (db: Database.Database | null, path: string, onBytes?: (bytesRead: number) => void): Promise<FilePreview> => {
  const started = performance.now();
  const print = fingerprint(path);
  const numberTaken = db?.prepare('SELECT 1 FROM cases WHERE number = ?');
  let format: ImportFormat = 'claims-csv';
  let ignoredColumns: string[] = [];
  let rows = 0;
  let valid = 0;
  let duplicates = 0;
  const rejected: ImportRejection[] = [];
  const sample: ImportSampleRow[] = [];
  for await (const item of scanImportFile(path, { numberTaken: (n) => numberTaken?.get(n) !== undefined, onBytes })) {
    if (item.kind === 'header') {
      format = item.format;
      ignoredColumns = item.ignoredColumns;
      continue;
    }
    rows++;
    if (item.kind === 'valid') {
      valid++;
      if (sample.length < PREVIEW_SAMPLE) sample.push(sampleOf(item.row, item.draft));
    } else {
      if (item.kind === 'duplicate') duplicates++;
      rejected.push({ row: item.row, reason: short(item.reason) });
    }
  }
  const notes = formatNotes(format);
  if (ignoredColumns.length) notes.push(`${plural(ignoredColumns.length, 'column')} not imported because Casebench has no field for ${ignoredColumns.length === 1 ? 'it' : 'them'}: ${ignoredColumns.join(', ')}.`);
  return { format, rows, valid, duplicates, rejected, sample, ignoredColumns, notes, fingerprint: print, seconds: (performance.now() - started) / 1000 };
};

export type ImportOutcome = { imported: number; batches: number; batchSize: number; skipped: number; total: number; cancelled: boolean; seconds: number };

const INSERT_SOURCE = `INSERT OR REPLACE INTO import_sources (case_id, import_id, format, file_name, source_row, record, label, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Imports the valid rows of a previewed file as claim.created events, one signed batch (one transaction)
 * per `batchSize` claims: a bad row is never half-imported, and a cancel stops between batches, so the
 * workspace holds whole batches only. Refuses a file that changed since its preview.
 */
export const importFile = async (
  ws: Workspace,
  path: string,
  expected: { format: ImportFormat; fingerprint: FileFingerprint; valid: number; importId: string; fileName: string },
  ctx: Pick<JobContext, 'signal' | 'progress'>,
  batchSize = IMPORT_BATCH_SIZE,
  /** Updated as batches land, so a caller can report a failed import's whole batches. */
  tally: { imported: number; batches: number; skipped: number } = { imported: 0, batches: 0, skipped: 0 },
): Promise<ImportOutcome> => {
  const started = performance.now();
  const now = fingerprint(path);
  if (now.size !== expected.fingerprint.size || now.mtimeMs !== expected.fingerprint.mtimeMs) {
    throw new DomainError('CONFLICT', 'The file changed after it was previewed. Preview it again before importing.');
  }
  const numberTaken = ws.db.prepare('SELECT 1 FROM cases WHERE number = ?');
  const insertSource = ws.db.prepare(INSERT_SOURCE);
  const removeSources = ws.db.prepare('DELETE FROM import_sources WHERE case_id IN (SELECT value FROM json_each(?))');
  let batch: Extract<ScannedRow, { kind: 'valid' }>[] = [];
  const total = expected.valid;
  ctx.progress(0, total);

  const commit = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    // Numbers and the source records are written first, in one transaction; the signed append is the
    // batch's own transaction. A failed append removes the source records again.
    const at = new Date().toISOString();
    const events = ws.db.transaction(() => {
      const seen = new Set<string>();
      return rows.map((r) => {
        const e = ws.cases.claimEvent(r.draft, seen);
        if (r.source) insertSource.run(e.caseId, expected.importId, expected.format, expected.fileName, r.row, JSON.stringify(r.source.record), r.source.label, at);
        return e;
      });
    })();
    try {
      ws.cases.append(events);
    } catch (e) {
      if (rows.some((r) => r.source)) removeSources.run(JSON.stringify(events.map((ev) => ev.caseId)));
      throw e;
    }
    tally.imported += events.length;
    tally.batches++;
    ctx.progress(tally.imported, total);
    // Let calls (a cancel among them) be answered between batches.
    await new Promise((r) => setImmediate(r));
  };

  for await (const item of scanImportFile(path, { numberTaken: (n) => numberTaken.get(n) !== undefined })) {
    if (item.kind === 'header') {
      if (item.format !== expected.format) throw new DomainError('CONFLICT', 'The file changed after it was previewed. Preview it again before importing.');
      continue;
    }
    if (ctx.signal.aborted) break;
    if (item.kind !== 'valid') {
      tally.skipped++;
      continue;
    }
    batch.push(item);
    if (batch.length >= batchSize) {
      if (ctx.signal.aborted) break;
      await commit();
    }
  }
  const cancelled = ctx.signal.aborted;
  if (!cancelled) await commit();
  else batch = [];
  return { ...tally, batchSize, total, cancelled, seconds: (performance.now() - started) / 1000 };
};
