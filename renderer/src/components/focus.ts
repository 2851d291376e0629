/** Moves keyboard focus to the queue's selected row once React (and the virtualized table) has drawn it. */
export const focusSelectedCaseRow = (): void => {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => (document.querySelector<HTMLButtonElement>('.case-table .is-selected .row-open') ?? document.querySelector<HTMLButtonElement>('.case-table .row-open[tabindex="0"]'))?.focus()),
  );
};
