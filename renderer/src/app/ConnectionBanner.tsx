import { useWorkspaceStore, workspaceSelectors } from '../stores/workspace/index.ts';

/** After this many failed attempts the likeliest cause is that Casebench stopped or restarted. */
const ATTEMPTS_BEFORE_ADVICE = 4;

export const ConnectionBanner = () => {
  const state = useWorkspaceStore(workspaceSelectors.connectionState);
  const attempts = useWorkspaceStore(workspaceSelectors.reconnectAttempts);
  if (state !== 'lost') return null;
  return (
    <div className="connection-banner" role="alert">
      <strong>The connection to Casebench was lost.</strong>{' '}
      {attempts < ATTEMPTS_BEFORE_ADVICE
        ? 'Reconnecting… The list catches up by itself once the connection is back.'
        : 'Still trying to reconnect. Check that Casebench is running; if it was restarted, open the new address it printed.'}
    </div>
  );
};
