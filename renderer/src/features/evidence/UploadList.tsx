import { formatCount } from '../../components/format.ts';
import { evidenceSelectors, useEvidenceStore, type UploadEntry } from '../../stores/evidence/index.ts';
import { formatBytes } from './verdict.ts';

const STATE_TEXT: Record<UploadEntry['state'], string> = {
  waiting: 'Waiting',
  sending: 'Sending',
  stored: 'Stored',
  duplicate: 'Already stored',
  failed: 'Not added',
  stopped: 'Stopped',
};

/** Each file of the current batch with its own progress and, if it was refused, why. */
export const UploadList = () => {
  const uploads = useEvidenceStore(evidenceSelectors.uploads);
  const busy = useEvidenceStore(evidenceSelectors.isUploading);
  const { stopUploads, clearUploads } = useEvidenceStore.getState();
  if (uploads.length === 0) return null;
  const stored = uploads.filter((u) => u.state === 'stored' || u.state === 'duplicate').length;
  const failed = uploads.filter((u) => u.state === 'failed' || u.state === 'stopped').length;
  const known = uploads.filter((u) => u.state === 'duplicate').length;
  return (
    <div className="upload-list" aria-label="Files being added" role="region">
      <div className="upload-summary">
        <p role="status">
          {busy ? `Adding ${formatCount(uploads.length)} file${uploads.length === 1 ? '' : 's'}: ${formatCount(stored)} stored` : `${formatCount(stored)} of ${formatCount(uploads.length)} added`}
          {known ? ` (${formatCount(known)} already stored: same bytes as an earlier file)` : ''}
          {failed ? `, ${formatCount(failed)} not added` : ''}
        </p>
        {busy ? (
          <button type="button" className="button" onClick={stopUploads}>
            Stop adding
          </button>
        ) : (
          <button type="button" className="button button-quiet" onClick={clearUploads}>
            Dismiss
          </button>
        )}
      </div>
      <ul className="plain-list upload-rows">
        {/* Once a batch is done, only the files that need attention stay listed. */}
        {(busy ? uploads : uploads.filter((u) => u.state === 'failed' || u.state === 'stopped')).map((u) => {
          const pct = u.size > 0 ? Math.round((u.sent / u.size) * 100) : u.state === 'stored' ? 100 : 0;
          return (
            <li key={u.key} className={`upload-row is-${u.state}`}>
              <span className="upload-name" title={u.path}>
                {u.path}
              </span>
              <span className="upload-size meta">{formatBytes(u.size)}</span>
              {u.state === 'sending' ? (
                <div className="progress upload-progress" role="progressbar" aria-label={`Sending ${u.path}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
                  <div className="progress-bar" style={{ width: `${pct}%` }} />
                </div>
              ) : (
                <span className={`upload-state is-${u.state}`}>{STATE_TEXT[u.state]}</span>
              )}
              {u.error && <span className="upload-error">{u.error}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
};
