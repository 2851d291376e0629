import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { focusSelectedCaseRow } from '../../components/focus.ts';
import { NOT_SET, formatCents, formatDate, formatDateTime } from '../../components/format.ts';
import { KIND_LABELS } from '../../components/labels.ts';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { casesSelectors, useCasesStore } from '../../stores/cases/index.ts';
import { CaseSections, type TabId } from './CaseSections.tsx';
import { WorkflowActions } from './WorkflowActions.tsx';

export const CaseDetailPanel = () => {
  const detail = useCasesStore(casesSelectors.detail);
  const closeCase = useCasesStore((s) => s.closeCase);
  const reloadCase = useCasesStore((s) => s.reloadCase);
  const panelRef = useRef<HTMLElement>(null);
  // The tab stays as the person moves down the queue with j/k, so the same section of each case shows.
  const [tab, setTab] = useState<TabId>('overview');
  const open = detail.caseId !== null;

  // Focus moves into the panel when it opens (not when j/k swaps the case inside it).
  useEffect(() => {
    if (open) panelRef.current?.focus();
  }, [open]);

  if (!open) return null;
  const doc = detail.record?.case ?? null;

  const close = () => {
    closeCase();
    focusSelectedCaseRow();
  };

  return (
    <aside className="detail-panel" aria-labelledby="detail-title" aria-busy={detail.loading} tabIndex={-1} ref={panelRef}>
      <header className="detail-header">
        <div className="detail-heading">
          <p className="detail-kind">{doc ? KIND_LABELS[doc.kind] : 'Case'}</p>
          <h2 id="detail-title" className="detail-title">
            {doc ? doc.number : 'Loading case…'}
          </h2>
        </div>
        {doc && <StatusBadge status={doc.status} />}
        <button type="button" className="button button-icon detail-close" aria-label="Close case" onClick={close}>
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      {doc && (
        <dl className="detail-facts">
          <div>
            <dt>Assignee</dt>
            <dd>{doc.assignee || 'Unassigned'}</dd>
          </div>
          <div>
            <dt>{doc.kind === 'claim' ? 'Amount claimed' : 'Offence'}</dt>
            <dd>{doc.kind === 'claim' ? formatCents(doc.amountClaimedCents) : doc.offenceType || NOT_SET}</dd>
          </div>
          <div>
            <dt>{doc.kind === 'claim' ? 'Incident date' : 'Opened'}</dt>
            <dd>{formatDate(doc.kind === 'claim' ? doc.incident?.occurredAt : doc.createdAt)}</dd>
          </div>
          {doc.kind === 'claim' && (
            <>
              <div>
                <dt>Reported</dt>
                <dd>{formatDate(doc.reportedAt ?? doc.createdAt)}</dd>
              </div>
              <div>
                <dt>Policy since</dt>
                <dd>{formatDate(doc.policy?.inceptionDate)}</dd>
              </div>
            </>
          )}
          <div>
            <dt>Last change</dt>
            <dd>{formatDateTime(doc.updatedAt)}</dd>
          </div>
          <div>
            <dt>Risk</dt>
            <dd className="muted">Not scored yet</dd>
          </div>
        </dl>
      )}
      {detail.record && <WorkflowActions record={detail.record} />}
      {/* Focusable so the case can be scrolled from the keyboard. */}
      <div className="detail-body" role="region" aria-label="Case details" tabIndex={0}>
        {detail.error ? (
          <ErrorNotice title="This case could not be loaded" error={detail.error} onRetry={() => void reloadCase()} />
        ) : detail.record ? (
          <CaseSections record={detail.record} timeline={detail.timeline} tab={tab} onTab={setTab} />
        ) : (
          <div className="loading-state" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading case…
          </div>
        )}
      </div>
    </aside>
  );
};
