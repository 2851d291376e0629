import { formatDateTime } from '../../components/format.ts';
import { artifactUrl, type FindingView } from '../../services/evidence.ts';
import { frameTimeOf, reuseMatchOf, type ReuseMatch } from './overlays.ts';
import { SEVERITY_LABELS, isNotAvailable } from './verdict.ts';

const ORDER: Record<FindingView['severity'], number> = { alert: 0, warning: 1, error: 2, info: 3 };

type Props = {
  findings: FindingView[];
  onCompare?: (match: ReuseMatch) => void;
  onSeek?: (seconds: number) => void;
};

/** Every finding, worst first: what it says in plain words, its score, and which analyzer (and model) said it. */
export const FindingsList = ({ findings, onCompare, onSeek }: Props) => {
  if (findings.length === 0) {
    return <p className="section-empty">No findings yet. Analyse this item to check its metadata, look for re-use in other cases and test it for manipulation.</p>;
  }
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (isNotAvailable(a) ? 1 : 0) - (isNotAvailable(b) ? 1 : 0) || a.analyzerId.localeCompare(b.analyzerId));
  return (
    <ul className="plain-list findings-list" aria-label="Findings">
      {sorted.map((f, i) => {
        const unavailable = isNotAvailable(f);
        const match = reuseMatchOf(f);
        const at = frameTimeOf(f);
        return (
          <li key={`${f.analyzerId}:${f.label}:${i}`} className={`finding severity-${unavailable ? 'unavailable' : f.severity}`}>
            <div className="finding-head">
              <span className={`severity-chip severity-${unavailable ? 'unavailable' : f.severity}`}>{unavailable ? 'Not available' : SEVERITY_LABELS[f.severity]}</span>
              <span className="finding-label mono">{f.label}</span>
              {f.score !== undefined && (
                <span className="finding-score" title="Score from 0 to 1">
                  score {f.score.toFixed(2)}
                </span>
              )}
            </div>
            <p className="finding-explanation">{f.explanation}</p>
            <p className="finding-source meta">
              <span className="mono">
                {f.analyzerId} {f.analyzerVersion}
              </span>
              {f.modelId && (
                <>
                  {' · model '}
                  <span className="mono">{f.modelId}</span>
                  {f.modelSha256 && <span className="mono" title={f.modelSha256}>{` (${f.modelSha256.slice(0, 12)}…)`}</span>}
                </>
              )}
              {at !== null && ` · frame at ${at.toFixed(2)} s`}
              {` · ${formatDateTime(f.recordedAt)}`}
            </p>
            {f.artifacts.length > 0 && (
              <ul className="plain-list finding-artifacts" aria-label="Heatmaps and crops">
                {f.artifacts.map((a) => (
                  <li key={a.sha256}>
                    <a href={artifactUrl(a.sha256)} target="_blank" rel="noreferrer" className="artifact-link" aria-label={`Open ${a.label} in a new tab`}>
                      <img src={artifactUrl(a.sha256)} alt="" loading="lazy" />
                      <span className="meta">{a.label}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
            {(match || (at !== null && onSeek)) && (
              <div className="finding-actions">
                {match && onCompare && (
                  <button type="button" className="button" onClick={() => onCompare(match)}>
                    Compare with {match.name}
                    {match.caseNumber ? ` (${match.caseNumber})` : ''}
                  </button>
                )}
                {at !== null && onSeek && (
                  <button type="button" className="button" onClick={() => onSeek(at)}>
                    Go to frame at {at.toFixed(2)} s
                  </button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
};
