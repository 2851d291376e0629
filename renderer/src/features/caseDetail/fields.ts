import { EDITABLE_FIELDS, FAULTS, POLICY_TYPES, type EditableField } from '../../../../common/domain/case.ts';
import { NOT_SET, formatCents, formatDate, formatDateTime } from '../../components/format.ts';
import { FAULT_LABELS, POLICY_TYPE_LABELS } from '../../components/labels.ts';

// How each editable field is entered and read: the same table drives inline editing (input kind,
// parsing what was typed) and the timeline ("Amount claimed: $1,200.00 → $1,450.00").

export type FieldKind = 'text' | 'longText' | 'money' | 'date' | 'dateTime' | 'number' | 'boolean' | 'choice';

const KINDS: Record<EditableField, FieldKind> = {
  assignee: 'text',
  amountClaimedCents: 'money',
  repairShop: 'text',
  reportedAt: 'dateTime',
  offenceType: 'text',
  summary: 'longText',
  'policy.number': 'text',
  'policy.type': 'choice',
  'policy.inceptionDate': 'date',
  'policy.insuredValueCents': 'money',
  'policy.deductibleCents': 'money',
  'incident.occurredAt': 'dateTime',
  'incident.place': 'text',
  'incident.latitude': 'number',
  'incident.longitude': 'number',
  'incident.description': 'longText',
  'incident.policeReportFiled': 'boolean',
  'incident.policeReportNumber': 'text',
  'incident.witnessesPresent': 'boolean',
  'incident.fault': 'choice',
};

export const CHOICES: Partial<Record<EditableField, { value: string; label: string }[]>> = {
  'policy.type': POLICY_TYPES.map((value) => ({ value, label: POLICY_TYPE_LABELS[value] })),
  'incident.fault': FAULTS.map((value) => ({ value, label: FAULT_LABELS[value] })),
};

export const fieldKind = (field: EditableField): FieldKind => KINDS[field];
export const fieldLabel = (name: string): string => EDITABLE_FIELDS[name as EditableField]?.label ?? name;

/** A stored value as a person reads it. */
export const formatFieldValue = (field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return NOT_SET;
  const kind = KINDS[field as EditableField];
  if (kind === 'money' && typeof value === 'number') return formatCents(value);
  if (kind === 'boolean') return value === true ? 'Yes' : 'No';
  if (kind === 'date' && typeof value === 'string') return formatDate(value);
  if (kind === 'dateTime' && typeof value === 'string') return formatDateTime(value);
  if (kind === 'choice') return CHOICES[field as EditableField]?.find((c) => c.value === value)?.label ?? String(value);
  return String(value);
};

/** A stored value as an input shows it for editing. */
export const toInputText = (field: EditableField, value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (KINDS[field] === 'money' && typeof value === 'number') return (value / 100).toFixed(2);
  if (KINDS[field] === 'dateTime' && typeof value === 'string') return value.slice(0, 16);
  return String(value);
};

export type Parsed = { ok: true; value: string | number | boolean | null } | { ok: false; message: string };

/**
 * What was typed, as the value core stores, checked with the same schema core checks it with, so a
 * mistake shows as it is typed. Core checks again; the two cannot drift because the schema is shared.
 */
export const parseFieldInput = (field: EditableField, input: string | boolean): Parsed => {
  const spec = EDITABLE_FIELDS[field];
  const kind = KINDS[field];
  let value: string | number | boolean | null;
  if (kind === 'boolean') value = input === true;
  else {
    const text = String(input).trim();
    if (text === '') {
      // Clearing is allowed where the schema accepts an empty value.
      const cleared = spec.schema.safeParse('');
      return cleared.success || kind === 'money' || kind === 'number' ? { ok: true, value: null } : { ok: false, message: `${spec.label} is required` };
    }
    if (kind === 'money') {
      const cleaned = text.replace(/[$,\s]/g, '');
      if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return { ok: false, message: `${spec.label} must be an amount in dollars, like 1450 or 1,450.00` };
      value = Math.round(Number(cleaned) * 100);
    } else if (kind === 'number') {
      value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, message: `${spec.label} must be a number` };
    } else value = text;
  }
  const parsed = spec.schema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `${spec.label} ${parsed.error.issues[0]?.message ?? 'is invalid'}` };
  return { ok: true, value };
};
