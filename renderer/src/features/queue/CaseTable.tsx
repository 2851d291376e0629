import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties } from 'react';
import { casesSelectors, rowAt, useCasesStore } from '../../stores/cases/index.ts';
import { settingsSelectors, useSettingsStore } from '../../stores/settings/index.ts';
import { columnsFor, type QueueColumn } from './columns.tsx';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;
export const ROW_HEIGHT = 36;

const SortHeader = ({ column }: { column: QueueColumn }) => {
  const direction = useCasesStore(casesSelectors.sortDirectionOf(column.id));
  const toggleSort = useCasesStore((s) => s.toggleSort);
  return (
    <div role="columnheader" aria-sort={direction ? ARIA_SORT[direction] : 'none'} className={`case-cell case-head${column.numeric ? ' numeric' : ''}`}>
      <button type="button" className="sort-button" onClick={() => toggleSort(column.id)}>
        {column.label}
        <span className={`sort-arrow${direction ? ' is-active' : ''}`} aria-hidden="true">
          {direction === 'asc' ? '▲' : '▼'}
        </span>
      </button>
    </div>
  );
};

/**
 * The queue as a virtualized table: only the rows in view are drawn, and their pages are fetched from
 * core as they scroll in, so a million cases scroll like fifty. ARIA row indexes tell a screen reader
 * where in the whole list a drawn row is.
 */
export const CaseTable = () => {
  const rowCount = useCasesStore(casesSelectors.rowCount);
  const pages = useCasesStore(casesSelectors.pages);
  const selectedIndex = useCasesStore(casesSelectors.selectedIndex);
  const openCaseId = useCasesStore(casesSelectors.openCaseId);
  const loading = useCasesStore(casesSelectors.isLoading);
  const openCase = useCasesStore((s) => s.openCase);
  const selectRow = useCasesStore((s) => s.selectRow);
  const showRows = useCasesStore((s) => s.showRows);
  const columnIds = useSettingsStore(settingsSelectors.columns);
  const columns = columnsFor(columnIds);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Whether the keyboard is working in the table, so focus follows the selection as rows are redrawn.
  const keyboardInTable = useRef(false);

  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    showRows(first, last);
  }, [first, last, showRows]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  useEffect(() => {
    if (!keyboardInTable.current || selectedIndex < 0) return;
    const button = scrollRef.current?.querySelector<HTMLButtonElement>(`[aria-rowindex="${selectedIndex + 2}"] .row-open`);
    if (button && document.activeElement !== button) button.focus({ preventScroll: true });
  });

  const style = { '--case-columns': columns.map((c) => c.width).join(' ') } as CSSProperties;

  return (
    <div className="table-scroll" ref={scrollRef}>
      <div role="table" aria-label="Cases" aria-rowcount={rowCount + 1} aria-busy={loading} className="case-table" style={style}>
        <div role="rowgroup" className="case-thead">
          <div role="row" aria-rowindex={1} className="case-row">
            {columns.map((c) => (
              <SortHeader key={c.id} column={c} />
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="case-tbody"
          style={{ height: virtualizer.getTotalSize() }}
          onFocus={() => (keyboardInTable.current = true)}
          onBlur={(e) => {
            if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget as Node)) keyboardInTable.current = false;
          }}
        >
          {items.map((item) => {
            const row = rowAt({ pages }, item.index);
            const selected = item.index === selectedIndex || (selectedIndex < 0 && item.index === 0);
            const position = { transform: `translateY(${item.start}px)` };
            if (!row) {
              return (
                <div key={item.key} role="row" aria-rowindex={item.index + 2} className="case-row is-placeholder" style={position}>
                  <div role="cell" className="case-cell row-loading">
                    Loading…
                  </div>
                </div>
              );
            }
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={item.index === selectedIndex}
                data-case-id={row.id}
                className={`case-row${item.index === selectedIndex ? ' is-selected' : ''}${row.id === openCaseId ? ' is-open' : ''}`}
                style={position}
                onClick={() => {
                  selectRow(item.index);
                  void openCase(row.id);
                }}
              >
                {columns.map((c) =>
                  c.id === 'number' ? (
                    <div key={c.id} role="rowheader" className="case-cell cell-number">
                      <button
                        type="button"
                        className="row-open"
                        tabIndex={selected ? 0 : -1}
                        onFocus={() => {
                          if (item.index !== selectedIndex) selectRow(item.index);
                        }}
                        onClick={(e) => {
                          e.stopPropagation();
                          selectRow(item.index);
                          void openCase(row.id);
                        }}
                      >
                        {row.number}
                      </button>
                    </div>
                  ) : (
                    <div key={c.id} role="cell" className={`case-cell${c.numeric ? ' numeric' : ''}`}>
                      {c.render(row)}
                    </div>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
};
