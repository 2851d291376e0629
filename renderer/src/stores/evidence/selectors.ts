import type { FindingView } from '../../services/evidence.ts';
import type { EvidenceStore } from './index.ts';

// Components read the store only through these. Each returns a stored value or a primitive, never a fresh
// object, so a component re-renders only when what it shows changed.

const NO_FINDINGS: FindingView[] = [];

const isRunning = (s: EvidenceStore): boolean => s.job !== null && (s.job.state === 'starting' || s.job.state === 'running');

export const evidenceSelectors = {
  caseId: (s: EvidenceStore) => s.caseId,
  items: (s: EvidenceStore) => s.items,
  itemCount: (s: EvidenceStore) => s.items.length,
  isLoading: (s: EvidenceStore) => s.loading,
  hasLoaded: (s: EvidenceStore) => s.loaded,
  error: (s: EvidenceStore) => s.error,
  findingsOf:
    (evidenceId: string) =>
    (s: EvidenceStore): FindingView[] =>
      s.findings[evidenceId] ?? NO_FINDINGS,
  findings: (s: EvidenceStore) => s.findings,
  analyzers: (s: EvidenceStore) => s.analyzers,
  uploads: (s: EvidenceStore) => s.uploads,
  isUploading: (s: EvidenceStore) => s.uploads.some((u) => u.state === 'waiting' || u.state === 'sending'),
  job: (s: EvidenceStore) => s.job,
  isAnalysing: isRunning,
  tampered: (s: EvidenceStore) => s.tampered,
  caseIntegrity: (s: EvidenceStore) => s.caseIntegrity,
  viewer: (s: EvidenceStore) => s.viewer,
  openItemId: (s: EvidenceStore) => s.viewer.evidenceId,
  itemById:
    (evidenceId: string | null) =>
    (s: EvidenceStore) =>
      evidenceId ? (s.items.find((i) => i.id === evidenceId) ?? null) : null,
};
