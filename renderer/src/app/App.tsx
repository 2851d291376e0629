import { Suspense, useEffect } from 'react';
import { DemoProgress } from '../components/DemoProgress.tsx';
import { lazyComponent } from '../components/lazy.ts';
import { QueueView } from '../features/queue/QueueView.tsx';
import { workspaceService } from '../services/workspace.ts';
import { casesSelectors, useCasesStore } from '../stores/cases/index.ts';
import { useSettingsStore } from '../stores/settings/index.ts';
import { useWorkspaceStore } from '../stores/workspace/index.ts';
import { AppHeader } from './AppHeader.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';

// The queue draws first; the case panel and the dialogs (with the shared validation schemas they use)
// load in their own chunk, so the first rows do not wait for code the first screen does not need.
const CaseDetailPanel = lazyComponent(async () => (await import('../features/caseDetail/CaseDetailPanel.tsx')).CaseDetailPanel);
const Overlays = lazyComponent(async () => (await import('./Overlays.tsx')).Overlays);

export const App = () => {
  const isEmpty = useCasesStore(casesSelectors.isWorkspaceEmpty);
  useEffect(() => {
    const workspace = useWorkspaceStore.getState();
    const cases = useCasesStore.getState();
    const stopWorkspace = workspace.startLive();
    const stopCases = cases.startLive();
    // The application menu (Electron only) sends the same actions the screen offers.
    const stopMenu = workspaceService.onMenuCommand((command) => {
      const ws = useWorkspaceStore.getState();
      if (command === 'claims.new') ws.setOverlay('newClaim');
      else if (command === 'help.shortcuts') ws.setOverlay('shortcuts');
      else if (command === 'demo.create') void ws.startDemo();
    });
    // The queue's first page is asked for first: core answers in order, and app.info counts every event.
    void cases.refresh();
    void useSettingsStore.getState().load();
    void workspace.loadInfo();
    return () => {
      stopWorkspace();
      stopCases();
      stopMenu();
    };
  }, []);

  return (
    <div className="app">
      <AppHeader />
      <ConnectionBanner />
      {!isEmpty && <DemoProgress banner />}
      <main className="app-main">
        <QueueView />
      </main>
      <Suspense fallback={null}>
        <CaseDetailPanel />
        <Overlays />
      </Suspense>
    </div>
  );
};
