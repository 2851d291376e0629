import { STATUS_LABELS, type CaseStatus } from '../../../common/domain/workflow.ts';

type Tone = 'new' | 'active' | 'flag' | 'done' | 'refused';

const TONES: Record<CaseStatus, Tone> = {
  intake: 'new',
  open: 'new',
  investigation: 'active',
  assessment: 'active',
  approval: 'active',
  payment: 'active',
  under_investigation: 'active',
  referred_siu: 'flag',
  referred_for_prosecution: 'flag',
  denied: 'refused',
  closed: 'done',
};

export const StatusBadge = ({ status }: { status: CaseStatus }) => (
  <span className={`status-badge status-${TONES[status]}`}>{STATUS_LABELS[status]}</span>
);
