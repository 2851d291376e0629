import type { Profile } from '../../../common/contract.ts';
import type { FAULTS, PARTY_ROLES, POLICY_TYPES } from '../../../common/domain/case.ts';
import type { CaseKind } from '../../../common/domain/workflow.ts';

// Stored codes in the words an adjuster or investigator uses. Status words live in common
// (STATUS_LABELS) because core writes them into its messages too.

export const KIND_LABELS: Record<CaseKind, string> = { claim: 'Claim', police: 'Police case' };

export const ROLE_LABELS: Record<Profile['role'], string> = { adjuster: 'Adjuster', investigator: 'Investigator', supervisor: 'Supervisor' };

export const PARTY_ROLE_LABELS: Record<(typeof PARTY_ROLES)[number], string> = {
  insured: 'Insured',
  claimant: 'Claimant / suspect',
  driver: 'Driver',
  witness: 'Witness',
  third_party: 'Third party',
  suspect: 'Suspect',
  victim: 'Victim',
  officer: 'Officer',
};

export const POLICY_TYPE_LABELS: Record<(typeof POLICY_TYPES)[number], string> = {
  liability: 'Liability',
  collision: 'Collision',
  comprehensive: 'Comprehensive',
  all_perils: 'All perils',
  other: 'Other',
};

export const FAULT_LABELS: Record<(typeof FAULTS)[number], string> = {
  policyholder: 'Policyholder',
  third_party: 'Third party',
  shared: 'Shared',
  unknown: 'Not yet known',
};

/** Actor roles arrive as free text on events; known ones read as words, others as written. */
export const roleLabel = (role: string): string => ROLE_LABELS[role as Profile['role']] ?? role;
