// The claim and police-case lifecycles as explicit state machines. Pure: used by core to refuse
// illegal transitions and by the renderer to offer only the actions the current state allows.

export const CLAIM_STATUSES = [
  'intake',
  'investigation',
  'assessment',
  'approval',
  'payment',
  'closed',
  'denied',
  'referred_siu',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const POLICE_STATUSES = ['open', 'under_investigation', 'referred_for_prosecution', 'closed'] as const;
export type PoliceStatus = (typeof POLICE_STATUSES)[number];

export type CaseKind = 'claim' | 'police';
export type CaseStatus = ClaimStatus | PoliceStatus;

const CLAIM_TRANSITIONS: Record<ClaimStatus, readonly ClaimStatus[]> = {
  intake: ['investigation', 'denied', 'referred_siu'],
  investigation: ['assessment', 'denied', 'referred_siu'],
  assessment: ['approval', 'investigation', 'denied', 'referred_siu'],
  approval: ['payment', 'assessment', 'denied', 'referred_siu'],
  payment: ['closed'],
  // SIU hands a claim back for normal handling, or it ends there.
  referred_siu: ['investigation', 'denied', 'closed'],
  denied: ['closed', 'investigation'],
  // Reopening a closed claim is a normal part of claims work (new evidence, a complaint).
  closed: ['investigation'],
};

const POLICE_TRANSITIONS: Record<PoliceStatus, readonly PoliceStatus[]> = {
  open: ['under_investigation', 'closed'],
  under_investigation: ['referred_for_prosecution', 'closed'],
  referred_for_prosecution: ['closed', 'under_investigation'],
  closed: ['under_investigation'],
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  intake: 'Intake',
  investigation: 'Investigation',
  assessment: 'Assessment',
  approval: 'Approval',
  payment: 'Payment',
  closed: 'Closed',
  denied: 'Denied',
  referred_siu: 'Referred to SIU',
  open: 'Open',
  under_investigation: 'Under investigation',
  referred_for_prosecution: 'Referred for prosecution',
};

export const initialStatus = (kind: CaseKind): CaseStatus => (kind === 'claim' ? 'intake' : 'open');

export const allowedTransitions = (kind: CaseKind, from: string): readonly CaseStatus[] => {
  if (kind === 'claim') return CLAIM_TRANSITIONS[from as ClaimStatus] ?? [];
  return POLICE_TRANSITIONS[from as PoliceStatus] ?? [];
};

export const isStatusOf = (kind: CaseKind, status: string): boolean =>
  kind === 'claim'
    ? (CLAIM_STATUSES as readonly string[]).includes(status)
    : (POLICE_STATUSES as readonly string[]).includes(status);

/** Returns null when the move is allowed, otherwise a sentence a person can act on. */
export const transitionRefusal = (kind: CaseKind, from: string, to: string): string | null => {
  if (!isStatusOf(kind, to)) {
    return `"${to}" is not a status of a ${kind === 'claim' ? 'claim' : 'police case'}.`;
  }
  if (from === to) return `The case is already in ${STATUS_LABELS[to as CaseStatus]}.`;
  const allowed = allowedTransitions(kind, from);
  if (allowed.includes(to as CaseStatus)) return null;
  const fromLabel = STATUS_LABELS[from as CaseStatus] ?? from;
  const options = allowed.map((s) => STATUS_LABELS[s]).join(', ');
  return `A case in ${fromLabel} cannot move to ${STATUS_LABELS[to as CaseStatus]}. From ${fromLabel} it can go to: ${options || 'nowhere'}.`;
};
