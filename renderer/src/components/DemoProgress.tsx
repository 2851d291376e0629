import { useWorkspaceStore, workspaceSelectors } from '../stores/workspace/index.ts';
import { formatCount } from './format.ts';

/** The demo workspace job: a progress bar with Cancel while it runs, then how it ended. */
export const DemoProgress = ({ banner = false }: { banner?: boolean }) => {
  const demo = useWorkspaceStore(workspaceSelectors.demo);
  const cancelDemo = useWorkspaceStore((s) => s.cancelDemo);
  const dismissDemo = useWorkspaceStore((s) => s.dismissDemo);
  if (demo.state === 'idle' || (banner && demo.state === 'done')) return null;
  const known = demo.total > 0;
  const running = demo.state === 'starting' || demo.state === 'running';
  return (
    <div className={`demo-progress${banner ? ' job-banner' : ''}`}>
      {running && (
        <>
          <div className="demo-progress-row">
            <div
              className={`progress${known ? '' : ' is-indeterminate'}`}
              role="progressbar"
              aria-label={demo.label}
              aria-valuemin={0}
              aria-valuemax={known ? demo.total : undefined}
              aria-valuenow={known ? demo.done : undefined}
            >
              <div className="progress-bar" style={known ? { width: `${Math.round((demo.done / demo.total) * 100)}%` } : undefined} />
            </div>
            <button type="button" className="button" disabled={!demo.jobId} onClick={() => void cancelDemo()}>
              Cancel
            </button>
          </div>
          <p className="demo-progress-text" role="status">
            {known ? `${formatCount(demo.done)} of ${formatCount(demo.total)} cases created` : 'Starting…'}
          </p>
        </>
      )}
      {demo.state === 'cancelled' && (
        <p className="demo-progress-text" role="status">
          Stopped. The {formatCount(demo.done)} cases created before you cancelled are kept.{' '}
          <button type="button" className="button button-quiet" onClick={dismissDemo}>
            Dismiss
          </button>
        </p>
      )}
      {(demo.state === 'failed' || demo.error) && (
        <p className="empty-error" role="alert">
          The demo workspace could not be created: {demo.error?.message ?? 'core stopped the job.'}{' '}
          <button type="button" className="button button-quiet" onClick={dismissDemo}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
};
