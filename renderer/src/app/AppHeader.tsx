import { Suspense } from 'react';
import { ROLE_LABELS } from '../components/labels.ts';
import { lazyComponent } from '../components/lazy.ts';
import { useWorkspaceStore, workspaceSelectors } from '../stores/workspace/index.ts';

// Its own chunk (it brings the import file schemas), so the queue's first rows do not wait for it.
const ImportButton = lazyComponent(async () => (await import('../features/import/ImportButton.tsx')).ImportButton);

export const AppHeader = () => {
  const name = useWorkspaceStore(workspaceSelectors.profileName);
  const role = useWorkspaceStore(workspaceSelectors.profileRole);
  const version = useWorkspaceStore(workspaceSelectors.version);
  const setOverlay = useWorkspaceStore((s) => s.setOverlay);

  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-mark" aria-hidden="true" />
        <span className="app-name">Casebench</span>
        {version && <span className="app-version">v{version}</span>}
      </div>
      <div className="app-actions">
        <Suspense fallback={null}>
          <ImportButton />
        </Suspense>
        <button type="button" className="button button-quiet" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOverlay('shortcuts')}>
          <span aria-hidden="true">?</span>
        </button>
        {name && role && (
          <button type="button" className="app-profile" onClick={() => setOverlay('profile')}>
            <span className="visually-hidden">Working as </span>
            <span className="profile-avatar" aria-hidden="true">
              {initials(name)}
            </span>
            <span className="profile-text">
              <span className="profile-name">{name}</span>
              <span className="visually-hidden">, </span>
              <span className="profile-role">{ROLE_LABELS[role]}</span>
              <span className="visually-hidden">. Change profile</span>
            </span>
          </button>
        )}
      </div>
    </header>
  );
};

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('') || '?';
