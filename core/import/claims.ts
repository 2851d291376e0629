import { ClaimDraft } from '../../common/domain/case.ts';
import type { Workspace } from '../workspace.ts';

// Claims from CSV (columns in docs/import.md) or JSON (an array of claim drafts as the contract defines).
// Every row is checked first; a rejected row is reported with its reason and never half-imported.

export type RowRejection = { row: number; reason: string };
export type ImportPreview = { format: 'csv' | 'json'; valid: ClaimDraft[]; rejected: RowRejection[]; rows: number };

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; returns rows of strings. */
export const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
};

export const CSV_COLUMNS = [
  'claim_number', 'policy_number', 'policy_type', 'policy_inception_date', 'insured_value', 'deductible',
  'incident_at', 'incident_place', 'latitude', 'longitude', 'description', 'police_report_filed', 'police_report_number',
  'witnesses_present', 'fault', 'amount_claimed', 'repair_shop', 'assignee', 'reported_at',
  'claimant_name', 'claimant_phone', 'claimant_email', 'claimant_address', 'claimant_licence', 'claimant_dob',
  'vehicle_vin', 'vehicle_plate', 'vehicle_make', 'vehicle_model', 'vehicle_year',
] as const;
const REQUIRED = ['policy_number', 'policy_type', 'policy_inception_date', 'incident_at', 'amount_claimed', 'claimant_name'] as const;

const money = (s: string, column: string): number | undefined => {
  if (s.trim() === '') return undefined;
  const n = Number(s.replace(/[,\s]/g, ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`${column} "${s}" is not an amount`);
  return Math.round(n * 100);
};
const bool = (s: string, column: string): boolean => {
  const v = s.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(v)) return true;
  if (['no', 'n', 'false', '0', ''].includes(v)) return false;
  throw new Error(`${column} "${s}" must be yes or no`);
};
const num = (s: string, column: string): number | undefined => {
  if (s.trim() === '') return undefined;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error(`${column} "${s}" is not a number`);
  return n;
};
const opt = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : undefined);

export const csvRowToDraft = (r: Record<string, string>): unknown => ({
  claimNumber: opt(r.claim_number),
  policy: {
    number: r.policy_number,
    type: r.policy_type,
    inceptionDate: r.policy_inception_date,
    insuredValueCents: money(r.insured_value ?? '', 'insured_value'),
    deductibleCents: money(r.deductible ?? '', 'deductible'),
  },
  incident: {
    occurredAt: r.incident_at,
    place: r.incident_place ?? '',
    latitude: num(r.latitude ?? '', 'latitude'),
    longitude: num(r.longitude ?? '', 'longitude'),
    description: r.description ?? '',
    policeReportFiled: bool(r.police_report_filed ?? '', 'police_report_filed'),
    policeReportNumber: opt(r.police_report_number),
    witnessesPresent: bool(r.witnesses_present ?? '', 'witnesses_present'),
    fault: opt(r.fault) ?? 'unknown',
  },
  amountClaimedCents: money(r.amount_claimed ?? '', 'amount_claimed'),
  repairShop: opt(r.repair_shop),
  assignee: opt(r.assignee),
  reportedAt: opt(r.reported_at),
  parties: [
    {
      role: 'claimant',
      name: r.claimant_name,
      phone: opt(r.claimant_phone),
      email: opt(r.claimant_email),
      address: opt(r.claimant_address),
      licenceNumber: opt(r.claimant_licence),
      dateOfBirth: opt(r.claimant_dob),
    },
  ],
  vehicles:
    opt(r.vehicle_vin) || opt(r.vehicle_plate)
      ? [{ vin: opt(r.vehicle_vin), plate: opt(r.vehicle_plate), make: opt(r.vehicle_make), model: opt(r.vehicle_model), year: num(r.vehicle_year ?? '', 'vehicle_year') }]
      : [],
});

const issueText = (e: { issues: { path: PropertyKey[]; message: string }[] }) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');

export const previewImport = (text: string, format: 'csv' | 'json'): ImportPreview => {
  const valid: ClaimDraft[] = [];
  const rejected: RowRejection[] = [];
  let records: unknown[];
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`The file is not valid JSON: ${(e as Error).message}`, { cause: e });
    }
    if (!Array.isArray(data)) throw new Error('A JSON import must be an array of claims.');
    records = data;
  } else {
    const rows = parseCsv(text);
    if (rows.length === 0) throw new Error('The file is empty.');
    const header = rows[0].map((h) => h.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length) throw new Error(`The CSV has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}; see docs/import.md.`);
    records = [];
    rows.slice(1).forEach((cells, i) => {
      if (cells.length !== header.length) {
        rejected.push({ row: i + 2, reason: `has ${cells.length} fields where the header has ${header.length}` });
        records.push(undefined);
        return;
      }
      try {
        records.push(csvRowToDraft(Object.fromEntries(header.map((h, j) => [h, cells[j]]))));
      } catch (e) {
        rejected.push({ row: i + 2, reason: (e as Error).message });
        records.push(undefined);
      }
    });
  }
  records.forEach((record, i) => {
    if (record === undefined) return;
    const row = format === 'csv' ? i + 2 : i + 1;
    const parsed = ClaimDraft.safeParse(record);
    if (parsed.success) valid.push(parsed.data);
    else rejected.push({ row, reason: issueText(parsed.error) });
  });
  rejected.sort((a, b) => a.row - b.row);
  return { format, valid, rejected, rows: records.length };
};

/** Imports the valid rows in signed batches; a batch either lands whole or not at all. */
export const importClaims = (ws: Workspace, drafts: readonly ClaimDraft[], onProgress?: (done: number, total: number) => void, batchSize = 1000) => {
  let created = 0;
  for (let i = 0; i < drafts.length; i += batchSize) {
    created += ws.cases.createClaims(drafts.slice(i, i + batchSize)).length;
    onProgress?.(created, drafts.length);
  }
  return { created };
};
