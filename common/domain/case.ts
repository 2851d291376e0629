import { z } from 'zod';
import { CLAIM_STATUSES, POLICE_STATUSES } from './workflow.ts';

// Bounded strings everywhere: an oversize string is refused at the boundary, never stored.
export const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
export const requiredText = (max: number) => text(max).min(1, 'is required');

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-31');
export const IsoDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, 'must be a date and time like 2026-03-31T14:05');
/** Money is stored in cents as an integer so sums never drift. */
export const Cents = z.number().int('must be whole cents').min(0).max(1e13);

export const PARTY_ROLES = [
  'insured',
  'claimant',
  'driver',
  'witness',
  'third_party',
  'suspect',
  'victim',
  'officer',
] as const;
export const PartyRole = z.enum(PARTY_ROLES);

export const Party = z.object({
  id: requiredText(64),
  role: PartyRole,
  name: requiredText(200),
  phone: text(40).optional(),
  email: z.union([z.literal(''), z.email('must be an email address').max(200)]).optional(),
  address: text(300).optional(),
  licenceNumber: text(40).optional(),
  dateOfBirth: IsoDate.optional(),
});
export type Party = z.infer<typeof Party>;
export const PartyDraft = Party.omit({ id: true }).extend({ id: requiredText(64).optional() });

const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;
export const Vehicle = z.object({
  id: requiredText(64),
  vin: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => v === '' || VIN_PATTERN.test(v), 'must be 17 letters and digits (no I, O or Q)')
    .optional(),
  plate: text(16).optional(),
  make: text(60).optional(),
  model: text(60).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
});
export type Vehicle = z.infer<typeof Vehicle>;
export const VehicleDraft = Vehicle.omit({ id: true }).extend({ id: requiredText(64).optional() });

export const POLICY_TYPES = ['liability', 'collision', 'comprehensive', 'all_perils', 'other'] as const;
export const Policy = z.object({
  number: requiredText(40),
  type: z.enum(POLICY_TYPES),
  inceptionDate: IsoDate,
  insuredValueCents: Cents.optional(),
  deductibleCents: Cents.optional(),
});
export type Policy = z.infer<typeof Policy>;

export const FAULTS = ['policyholder', 'third_party', 'shared', 'unknown'] as const;
export const Incident = z.object({
  occurredAt: IsoDateTime,
  place: text(300),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  description: text(5000),
  policeReportFiled: z.boolean(),
  policeReportNumber: text(40).optional(),
  witnessesPresent: z.boolean(),
  fault: z.enum(FAULTS),
});
export type Incident = z.infer<typeof Incident>;

export const ClaimDraft = z.object({
  claimNumber: requiredText(40).optional(),
  policy: Policy,
  parties: z.array(PartyDraft).max(50),
  vehicles: z.array(VehicleDraft).max(20),
  incident: Incident,
  amountClaimedCents: Cents,
  repairShop: text(200).optional(),
  assignee: text(120).optional(),
  reportedAt: IsoDateTime.optional(),
});
export type ClaimDraft = z.infer<typeof ClaimDraft>;

export const PoliceCaseDraft = z.object({
  caseNumber: requiredText(40).optional(),
  offenceType: requiredText(120),
  summary: text(5000).optional(),
  parties: z.array(PartyDraft).max(100),
  linkedClaimIds: z.array(requiredText(64)).max(200),
  assignee: text(120).optional(),
});
export type PoliceCaseDraft = z.infer<typeof PoliceCaseDraft>;

export const CaseStatusSchema = z.enum([...CLAIM_STATUSES, ...POLICE_STATUSES]);

/** The full case document the projection keeps; one shape for claims and police cases. */
export const CaseDocument = z.object({
  id: z.string(),
  kind: z.enum(['claim', 'police']),
  number: z.string(),
  status: CaseStatusSchema,
  assignee: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  policy: Policy.optional(),
  incident: Incident.optional(),
  amountClaimedCents: Cents.optional(),
  repairShop: z.string().optional(),
  reportedAt: z.string().optional(),
  offenceType: z.string().optional(),
  summary: z.string().optional(),
  parties: z.array(Party),
  vehicles: z.array(Vehicle),
  linkedClaimIds: z.array(z.string()),
});
export type CaseDocument = z.infer<typeof CaseDocument>;

/**
 * Fields that can be edited one at a time. Each edit is last-writer-wins per field by HLC when
 * devices merge, so the unit of an edit is a named path, not a whole document.
 */
export const EDITABLE_FIELDS = {
  assignee: { label: 'Assignee', schema: text(120) },
  amountClaimedCents: { label: 'Amount claimed', schema: Cents },
  repairShop: { label: 'Repair shop', schema: text(200) },
  reportedAt: { label: 'Reported at', schema: IsoDateTime },
  offenceType: { label: 'Offence type', schema: requiredText(120) },
  summary: { label: 'Summary', schema: text(5000) },
  'policy.number': { label: 'Policy number', schema: requiredText(40) },
  'policy.type': { label: 'Policy type', schema: z.enum(POLICY_TYPES) },
  'policy.inceptionDate': { label: 'Policy inception date', schema: IsoDate },
  'policy.insuredValueCents': { label: 'Insured value', schema: Cents },
  'policy.deductibleCents': { label: 'Deductible', schema: Cents },
  'incident.occurredAt': { label: 'Incident date and time', schema: IsoDateTime },
  'incident.place': { label: 'Incident place', schema: text(300) },
  'incident.latitude': { label: 'Incident latitude', schema: z.number().min(-90).max(90) },
  'incident.longitude': { label: 'Incident longitude', schema: z.number().min(-180).max(180) },
  'incident.description': { label: 'Incident description', schema: text(5000) },
  'incident.policeReportFiled': { label: 'Police report filed', schema: z.boolean() },
  'incident.policeReportNumber': { label: 'Police report number', schema: text(40) },
  'incident.witnessesPresent': { label: 'Witnesses present', schema: z.boolean() },
  'incident.fault': { label: 'Fault', schema: z.enum(FAULTS) },
} as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;
export const EDITABLE_FIELD_NAMES = Object.keys(EDITABLE_FIELDS) as EditableField[];
export const CLAIM_ONLY_FIELDS = new Set<string>(
  EDITABLE_FIELD_NAMES.filter((f) => f.startsWith('policy.') || f.startsWith('incident.') || f === 'amountClaimedCents' || f === 'repairShop' || f === 'reportedAt'),
);
export const POLICE_ONLY_FIELDS = new Set<string>(['offenceType', 'summary']);

export const FieldChanges = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .superRefine((changes, ctx) => {
    const names = Object.keys(changes);
    if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'at least one field must change' });
    for (const name of names) {
      const field = EDITABLE_FIELDS[name as EditableField];
      if (!field) {
        ctx.addIssue({ code: 'custom', path: [name], message: `"${name}" is not an editable field` });
        continue;
      }
      if (changes[name] === null) continue; // clearing a field
      const parsed = field.schema.safeParse(changes[name]);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${field.label} ${parsed.error.issues[0]?.message ?? 'is invalid'}` });
      }
    }
  });
export type FieldChanges = z.infer<typeof FieldChanges>;

export const Note = z.object({
  id: z.string(),
  caseId: z.string(),
  text: z.string(),
  author: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof Note>;

export const Task = z.object({
  id: z.string(),
  caseId: z.string(),
  title: z.string(),
  dueDate: z.string().optional(),
  assignee: z.string().optional(),
  done: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  completedAt: z.string().optional(),
});
export type Task = z.infer<typeof Task>;
