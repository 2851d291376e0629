import { useEffect, useRef } from 'react';
import type { SortColumn } from '../../../../common/contract.ts';
import { casesSelectors, useCasesStore } from '../../stores/cases/index.ts';
import { QUEUE_COLUMNS, type QueueColumn } from './columns.tsx';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

const SortHeader = ({ column }: { column: QueueColumn }) => {
  const direction = useCasesStore(casesSelectors.sortDirectionOf(column.id));
  const toggleSort = useCasesStore((s) => s.toggleSort);
  return (
    <th scope="col" aria-sort={direction ? ARIA_SORT[direction] : 'none'} className={column.numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={() => toggleSort(column.id as SortColumn)}>
        {column.label}
        <span className={`sort-arrow${direction ? ' is-active' : ''}`} aria-hidden="true">
          {direction === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </th>
  );
};

export const CaseTable = () => {
  const rows = useCasesStore(casesSelectors.rows);
  const selectedId = useCasesStore(casesSelectors.selectedId);
  const openCaseId = useCasesStore(casesSelectors.openCaseId);
  const loading = useCasesStore(casesSelectors.isLoading);
  const openCase = useCasesStore((s) => s.openCase);
  const selectCase = useCasesStore((s) => s.selectCase);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // Keep the selected row in view; when a refresh redraws the rows, focus stays with the selected case.
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !selectedId) return;
    const button = body.querySelector<HTMLButtonElement>(`tr[data-case-id="${CSS.escape(selectedId)}"] .row-open`);
    if (!button) return;
    button.closest('tr')?.scrollIntoView({ block: 'nearest' });
    const active = document.activeElement;
    if (active && body.contains(active) && active !== button) button.focus();
  }, [selectedId, rows]);

  return (
    <div className="table-scroll">
      <table className="case-table" aria-label="Cases" aria-busy={loading}>
        <thead>
          <tr>
            {QUEUE_COLUMNS.map((c) => (
              <SortHeader key={c.id} column={c} />
            ))}
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {rows.map((row) => {
            const selected = row.id === selectedId;
            return (
              <tr
                key={row.id}
                data-case-id={row.id}
                aria-selected={selected}
                className={`${selected ? 'is-selected' : ''}${row.id === openCaseId ? ' is-open' : ''}`}
                onClick={() => void openCase(row.id)}
              >
                {QUEUE_COLUMNS.map((c) =>
                  c.id === 'number' ? (
                    <th key={c.id} scope="row" className="cell-number">
                      <button
                        type="button"
                        className="row-open"
                        tabIndex={selected || (!selectedId && row === rows[0]) ? 0 : -1}
                        onFocus={() => selectCase(row.id)}
                        onClick={(e) => {
                          e.stopPropagation();
                          void openCase(row.id);
                        }}
                      >
                        {row.number}
                      </button>
                    </th>
                  ) : (
                    <td key={c.id} className={c.numeric ? 'numeric' : undefined}>
                      {c.render(row)}
                    </td>
                  ),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
