import { useEffect } from 'react';
import { CaseDetailPanel } from '../features/caseDetail/CaseDetailPanel.tsx';
import { QueueView } from '../features/queue/QueueView.tsx';
import { useCasesStore } from '../stores/cases/index.ts';
import { useWorkspaceStore } from '../stores/workspace/index.ts';
import { AppHeader } from './AppHeader.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

export const App = () => {
  useEffect(() => {
    const workspace = useWorkspaceStore.getState();
    const cases = useCasesStore.getState();
    const stopWorkspace = workspace.startLive();
    const stopCases = cases.startLive();
    void workspace.loadInfo();
    void cases.refresh();
    return () => {
      stopWorkspace();
      stopCases();
    };
  }, []);

  return (
    <div className="app">
      <AppHeader />
      <ConnectionBanner />
      <main className="app-main">
        <QueueView />
      </main>
      <CaseDetailPanel />
    </div>
  );
};
