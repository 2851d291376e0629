import { useEffect } from 'react';
import { ImportDialog } from './ImportDialog.tsx';
import { importSelectors, useImportStore } from './store/index.ts';

/** The header's Import button; while an import runs with the dialog closed it shows how far it is. */
export const ImportButton = () => {
  const open = useImportStore(importSelectors.open);
  const phase = useImportStore(importSelectors.phase);
  const done = useImportStore(importSelectors.done);
  const total = useImportStore(importSelectors.total);
  const openDialog = useImportStore((s) => s.openDialog);

  useEffect(() => useImportStore.getState().startLive(), []);

  const running = phase === 'importing' && !open;
  const ended = phase === 'finished' && !open;
  return (
    <>
      <button type="button" className="button import-header-button" aria-haspopup="dialog" onClick={openDialog}>
        {running ? `Importing… ${total ? Math.floor((done / total) * 100) : 0}%` : ended ? 'Import finished' : 'Import'}
      </button>
      {open && <ImportDialog />}
    </>
  );
};
