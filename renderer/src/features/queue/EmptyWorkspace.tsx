import { DemoProgress } from '../../components/DemoProgress.tsx';
import { useWorkspaceStore, workspaceSelectors } from '../../stores/workspace/index.ts';

/** The first screen of a new workspace: what it is for, and a way to try it with realistic cases. */
export const EmptyWorkspace = () => {
  const demo = useWorkspaceStore(workspaceSelectors.demo);
  const startDemo = useWorkspaceStore((s) => s.startDemo);
  const busy = demo.state === 'starting' || demo.state === 'running';

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
      <button type="button" className="button button-primary" disabled={busy} aria-busy={busy} onClick={() => void startDemo()}>
        {busy ? 'Creating demo workspace…' : 'Create demo workspace'}
      </button>
      <DemoProgress />
    </div>
  );
};
