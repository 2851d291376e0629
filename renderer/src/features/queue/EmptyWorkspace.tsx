import { formatCount } from '../../components/format.ts';
import { useCasesStore } from '../../stores/cases/index.ts';
import { useWorkspaceStore, workspaceSelectors } from '../../stores/workspace/index.ts';

/** The first screen of a new workspace: what it is for, and a way to try it with realistic cases. */
export const EmptyWorkspace = () => {
  const demo = useWorkspaceStore(workspaceSelectors.demo);
  const createDemo = useWorkspaceStore((s) => s.createDemo);
  const refresh = useCasesStore((s) => s.refresh);
  // Once core has finished, the progress stays up until the list has drawn the new cases.
  const busy = demo.running || (demo.error === null && demo.total > 0 && demo.done >= demo.total);

  const start = async () => {
    // The case.changed events refresh the list as well; asking once more costs one query and does not
    // depend on when those events arrive.
    if (await createDemo()) await refresh();
  };

  return (
    <div className="empty-state">
      <h1 id="empty-title" className="empty-title">
        This workspace is empty
      </h1>
      <p className="empty-text">
        There are no claims or police cases here yet. Cases appear as they are imported or created, or when they arrive from
        your team's server.
      </p>
      <p className="empty-text">
        To look around first, create a demo workspace: a few thousand made-up claims and police cases, including some planted
        fraud patterns to find.
      </p>
      <button type="button" className="button button-primary" disabled={busy} aria-busy={busy} onClick={() => void start()}>
        {busy ? 'Creating demo workspace…' : 'Create demo workspace'}
      </button>
      {busy && <DemoProgress label={demo.label} done={demo.done} total={demo.total} />}
      {demo.error && (
        <p className="empty-error" role="alert">
          The demo workspace could not be created: {demo.error.message}
        </p>
      )}
    </div>
  );
};

const DemoProgress = ({ label, done, total }: { label: string; done: number; total: number }) => {
  const known = total > 0;
  return (
    <div className="demo-progress">
      <div
        className={`progress${known ? '' : ' is-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-bar" style={known ? { width: `${Math.round((done / total) * 100)}%` } : undefined} />
      </div>
      <p className="demo-progress-text" role="status">
        {known ? `${formatCount(done)} of ${formatCount(total)} cases created` : 'Starting…'}
      </p>
    </div>
  );
};
