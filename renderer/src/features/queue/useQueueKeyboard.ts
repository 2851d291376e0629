import { useEffect } from 'react';
import { isDialogOpen } from '../../components/Dialog.tsx';
import { focusSelectedCaseRow } from '../../components/focus.ts';
import { useCasesStore } from '../../stores/cases/index.ts';
import { useWorkspaceStore } from '../../stores/workspace/index.ts';

export const SEARCH_INPUT_ID = 'case-search';

const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
};

/** The keys the help overlay lists; one list, so the overlay and the handler cannot disagree. */
export const SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['/'], action: 'Search cases' },
  { keys: ['j', '↓'], action: 'Next case' },
  { keys: ['k', '↑'], action: 'Previous case' },
  { keys: ['Enter'], action: 'Open the selected case' },
  { keys: ['Esc'], action: 'Close the case, a dialog, or clear the search' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Ctrl', 'N'], action: 'New claim (application menu)' },
];

/**
 * The queue's keys: `/` search, j/k or arrows move through cases, Enter opens, Escape closes, ? help.
 * With a case open, moving the selection opens the next case, so a person can read down the queue.
 */
export const useQueueKeyboard = () => {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isDialogOpen()) return;
      const cases = useCasesStore.getState();
      if (e.key === 'Escape') {
        if (cases.detail.caseId && !isTyping(e.target)) {
          e.preventDefault();
          cases.closeCase();
          focusSelectedCaseRow();
        }
        return;
      }
      if (isTyping(e.target)) return;
      // Arrow keys inside the case panel scroll it or move between its tabs; j/k still move the queue.
      const inPanel = e.target instanceof HTMLElement && e.target.closest('.detail-panel') !== null;
      switch (e.key) {
        case '?': {
          e.preventDefault();
          useWorkspaceStore.getState().setOverlay('shortcuts');
          return;
        }
        case '/': {
          e.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          return;
        }
        case 'ArrowDown':
        case 'ArrowUp':
        case 'j':
        case 'k': {
          if (inPanel && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return;
          e.preventDefault();
          cases.moveSelection(e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1);
          const { selectedId, detail } = useCasesStore.getState();
          if (detail.caseId && selectedId && selectedId !== detail.caseId) void useCasesStore.getState().openCase(selectedId);
          if (!inPanel) focusSelectedCaseRow();
          return;
        }
        case 'Enter': {
          // A focused button answers Enter itself.
          if (e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement) return;
          const { selectedId } = cases;
          if (selectedId) {
            e.preventDefault();
            void cases.openCase(selectedId);
          }
          return;
        }
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
};
