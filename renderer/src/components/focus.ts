/** Moves keyboard focus to the queue's selected row once React has drawn the new selection. */
export const focusSelectedCaseRow = (): void => {
  requestAnimationFrame(() => document.querySelector<HTMLButtonElement>('.case-table tr.is-selected .row-open')?.focus());
};
