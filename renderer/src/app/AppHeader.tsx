import { ROLE_LABELS } from '../components/labels.ts';
import { useWorkspaceStore, workspaceSelectors } from '../stores/workspace/index.ts';

export const AppHeader = () => {
  const name = useWorkspaceStore(workspaceSelectors.profileName);
  const role = useWorkspaceStore(workspaceSelectors.profileRole);
  const version = useWorkspaceStore(workspaceSelectors.version);

  return (
    <header className="app-header">
      <div className="app-brand">
        <span className="app-mark" aria-hidden="true" />
        <span className="app-name">Casebench</span>
        {version && <span className="app-version">v{version}</span>}
      </div>
      {name && role && (
        <div className="app-profile">
          <span className="visually-hidden">Working as </span>
          <span className="profile-avatar" aria-hidden="true">
            {initials(name)}
          </span>
          <span className="profile-text">
            <span className="profile-name">{name}</span>
            <span className="visually-hidden">, </span>
            <span className="profile-role">{ROLE_LABELS[role]}</span>
          </span>
        </div>
      )}
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
