import { useEffect } from 'react';
import { focusSelectedCaseRow } from '../../components/focus.ts';
import { useCasesStore } from '../../stores/cases/index.ts';

export const SEARCH_INPUT_ID = 'case-search';

const isTyping = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
};


/**
 * The queue's keys: `/` search, j/k or arrows move through cases, Enter opens, Escape closes.
 * With a case open, moving the selection opens the next case, so a person can read down the queue.
 */
export const useQueueKeyboard = () => {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
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
      switch (e.key) {
        case '/': {
          e.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          return;
        }
        case 'j':
        case 'ArrowDown':
        case 'k':
        case 'ArrowUp': {
          e.preventDefault();
          cases.moveSelection(e.key === 'j' || e.key === 'ArrowDown' ? 1 : -1);
          const { selectedId, detail } = useCasesStore.getState();
          if (detail.caseId && selectedId && selectedId !== detail.caseId) void useCasesStore.getState().openCase(selectedId);
          focusSelectedCaseRow();
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
