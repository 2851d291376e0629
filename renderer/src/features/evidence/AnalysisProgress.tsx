import { formatCount } from '../../components/format.ts';
import { evidenceSelectors, useEvidenceStore } from '../../stores/evidence/index.ts';
import { jobPercent } from './verdict.ts';

/** The analysis job this window started: a bar with Cancel while it runs, then how it ended. */
export const AnalysisProgress = () => {
  const job = useEvidenceStore(evidenceSelectors.job);
  const { cancelAnalysis, dismissAnalysis } = useEvidenceStore.getState();
  if (!job) return null;
  const running = job.state === 'starting' || job.state === 'running';
  const pct = jobPercent(job);
  return (
    <div className="analysis-progress">
      {running && (
        <div className="analysis-row">
          <div
            className={`progress${pct === null ? ' is-indeterminate' : ''}`}
            role="progressbar"
            aria-label="Analysis progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            aria-valuetext={pct === null ? 'Starting' : `${pct}%`}
          >
            <div className="progress-bar" style={pct === null ? undefined : { width: `${pct}%` }} />
          </div>
          <button type="button" className="button" disabled={!job.jobId} onClick={() => void cancelAnalysis()}>
            Cancel analysis
          </button>
        </div>
      )}
      <p className="analysis-text" role="status">
        {running
          ? pct === null
            ? 'Starting analysis…'
            : `Analysing: ${formatCount(job.done)} of ${formatCount(job.total)} steps (${pct}%)`
          : job.state === 'done'
            ? 'Analysis finished. The badges and findings below are up to date.'
            : job.state === 'cancelled'
              ? 'Analysis cancelled. Findings recorded before you cancelled are kept.'
              : `Analysis did not finish: ${job.error?.message ?? 'core stopped the job.'}`}
        {!running && (
          <>
            {' '}
            <button type="button" className="button button-quiet" onClick={dismissAnalysis}>
              Dismiss
            </button>
          </>
        )}
      </p>
      {running && job.error && (
        <p className="evidence-note" role="alert">
          {job.error.message}
        </p>
      )}
    </div>
  );
};

/** Analyzers that cannot run here, said plainly with how to make them available. */
export const AnalyzerStatus = () => {
  const analyzers = useEvidenceStore(evidenceSelectors.analyzers);
  if (!analyzers || analyzers.length === 0) return null;
  const missing = analyzers.filter((a) => a.unavailable);
  return (
    <details className="analyzer-status">
      <summary>
        {formatCount(analyzers.length - missing.length)} of {formatCount(analyzers.length)} analyzers available
        {missing.length ? ` · ${formatCount(missing.length)} not available` : ''}
      </summary>
      <ul className="plain-list analyzer-list">
        {analyzers.map((a) => (
          <li key={a.id} className={a.unavailable ? 'is-unavailable' : ''}>
            <span className="analyzer-title">{a.title}</span> <span className="meta mono">{`${a.id} ${a.version}`}</span>
            {a.unavailable ? <p className="analyzer-missing">Not available: {a.unavailable}</p> : <span className="meta"> · ready</span>}
          </li>
        ))}
      </ul>
    </details>
  );
};
