import type { AppError } from '../../../../common/result.ts';
import type { AnalyzerInfo, EvidenceItem, EvidenceRecord, FindingView, IntegrityReport, SimilarItem } from '../../services/evidence.ts';

/** One file of an intake batch, as the upload list shows it. */
export type UploadEntry = {
  key: string;
  name: string;
  /** Where it sat in a dropped or picked folder ("claim-photos/front.jpg"); the name alone otherwise. */
  path: string;
  size: number;
  sent: number;
  state: 'waiting' | 'sending' | 'stored' | 'duplicate' | 'failed' | 'stopped';
  error: string | null;
  evidenceId: string | null;
};

/** An analysis job this window started, followed through job.progress events. */
export type AnalysisJob = {
  jobId: string | null;
  /** The items it covers: every item of the case, or one. */
  evidenceId: string | null;
  state: 'starting' | 'running' | 'done' | 'cancelled' | 'failed';
  label: string;
  done: number;
  total: number;
  error: AppError | null;
};

export type IntegrityCheck = { state: 'idle' | 'checking' | 'done' | 'failed'; report: IntegrityReport | null; error: AppError | null; checkedAt: string | null };

/** The item open in full (viewer, findings, custody), and the one beside it in compare. */
export type ViewerState = {
  evidenceId: string | null;
  record: EvidenceRecord | null;
  loading: boolean;
  error: AppError | null;
  compareId: string | null;
  compareRecord: EvidenceRecord | null;
  compareError: AppError | null;
  similar: SimilarItem[] | null;
  integrity: IntegrityCheck;
};

export type EvidenceState = {
  caseId: string | null;
  items: EvidenceItem[];
  /** The case's findings by evidence id. */
  findings: Record<string, FindingView[]>;
  loading: boolean;
  loaded: boolean;
  error: AppError | null;
  analyzers: AnalyzerInfo[] | null;
  uploads: UploadEntry[];
  job: AnalysisJob | null;
  /** Items a verification found changed, with what was wrong, by evidence id. */
  tampered: Record<string, string>;
  caseIntegrity: IntegrityCheck;
  viewer: ViewerState;
};

export const initialIntegrity: IntegrityCheck = { state: 'idle', report: null, error: null, checkedAt: null };

export const initialViewer: ViewerState = {
  evidenceId: null,
  record: null,
  loading: false,
  error: null,
  compareId: null,
  compareRecord: null,
  compareError: null,
  similar: null,
  integrity: initialIntegrity,
};

export const initialEvidenceState: EvidenceState = {
  caseId: null,
  items: [],
  findings: {},
  loading: false,
  loaded: false,
  error: null,
  analyzers: null,
  uploads: [],
  job: null,
  tampered: {},
  caseIntegrity: initialIntegrity,
  viewer: initialViewer,
};
