import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { casesSelectors, useCasesStore } from '../../stores/cases/index.ts';
import { CaseTable } from './CaseTable.tsx';
import { EmptyWorkspace } from './EmptyWorkspace.tsx';
import { QueueToolbar } from './QueueToolbar.tsx';
import { useQueueKeyboard } from './useQueueKeyboard.ts';

const QueueBody = () => {
  const loaded = useCasesStore(casesSelectors.hasLoaded);
  const error = useCasesStore(casesSelectors.error);
  const isEmpty = useCasesStore(casesSelectors.isWorkspaceEmpty);
  const rowCount = useCasesStore(casesSelectors.rowCount);
  const refresh = useCasesStore((s) => s.refresh);
  const clearFilters = useCasesStore((s) => s.clearFilters);

  if (error) return <ErrorNotice title="The cases could not be loaded" error={error} onRetry={() => void refresh()} />;
  if (!loaded)
    return (
      <div className="loading-state" role="status">
        <span className="spinner" aria-hidden="true" />
        Loading cases…
      </div>
    );
  if (isEmpty) return <EmptyWorkspace />;
  if (rowCount === 0)
    return (
      <div className="notice">
        <h2 className="notice-title">No cases match</h2>
        <p className="notice-message">Nothing in this workspace matches the search and filters. Try fewer words, or clear the filters.</p>
        <button type="button" className="button" onClick={clearFilters}>
          Clear search and filters
        </button>
      </div>
    );
  return <CaseTable />;
};

export const QueueView = () => {
  useQueueKeyboard();
  const isEmpty = useCasesStore(casesSelectors.isWorkspaceEmpty);
  return (
    <section className="queue" aria-labelledby={isEmpty ? 'empty-title' : 'queue-title'}>
      {!isEmpty && <QueueToolbar />}
      <div className="queue-body">
        <QueueBody />
      </div>
    </section>
  );
};
