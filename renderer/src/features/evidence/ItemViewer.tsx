import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatDateTime } from '../../components/format.ts';
import { evidenceUrl, type EvidenceRecord } from '../../services/evidence.ts';
import { evidenceSelectors, useEvidenceStore } from '../../stores/evidence/index.ts';
import { CustodyLog } from './CustodyLog.tsx';
import { VerdictBadge } from './EvidenceGallery.tsx';
import { FindingsList } from './FindingsList.tsx';
import { ImageViewer } from './ImageViewer.tsx';
import { AudioPlayer, DocumentViewer, VideoPlayer, type SeekRequest } from './MediaViewers.tsx';
import { declaredFpsOf, reuseMatchOf } from './overlays.ts';
import { KIND_LABELS, badgeFor, formatBytes } from './verdict.ts';

type CompareOption = { id: string; label: string };

const MediaView = ({ record, seekTo }: { record: EvidenceRecord; seekTo: SeekRequest | null }) => {
  const { item, findings } = record;
  const src = evidenceUrl(item.sha256);
  switch (item.kind) {
    case 'image':
      return <ImageViewer src={src} alt={`Photo: ${item.originalName}`} findings={findings} />;
    case 'video':
      return <VideoPlayer src={src} name={item.originalName} seekTo={seekTo} fileFps={declaredFpsOf(findings)} />;
    case 'audio':
      return <AudioPlayer src={src} name={item.originalName} />;
    case 'document':
      return <DocumentViewer src={src} name={item.originalName} mediaType={item.mediaType} />;
    default:
      return <p className="viewer-message">Casebench has no viewer for {item.mediaType} files. The file is stored unchanged; its details and custody log are beside this.</p>;
  }
};

const ComparePane = ({ record, heading }: { record: EvidenceRecord; heading: string }) => (
  <div className="compare-pane">
    <p className="compare-heading">
      <span className="compare-side">{heading}</span> <span className="compare-name">{record.item.originalName}</span>
    </p>
    {record.item.kind === 'image' ? (
      <ImageViewer src={evidenceUrl(record.item.sha256)} alt={`${heading}: ${record.item.originalName}`} findings={record.findings} compact />
    ) : (
      <p className="viewer-message">Only photos can be compared side by side; this is a {KIND_LABELS[record.item.kind].toLowerCase()}.</p>
    )}
  </div>
);

/** "Same case", or the other case by its number when a re-use finding names it. */
const compareHeading = (record: EvidenceRecord, other: EvidenceRecord): string => {
  if (other.item.caseId === record.item.caseId) return 'Same case';
  const number = record.findings.map(reuseMatchOf).find((m) => m?.evidenceId === other.item.id)?.caseNumber;
  return number ? `Other case ${number}` : 'Other case';
};

const IntegritySection = () => {
  const integrity = useEvidenceStore((s) => s.viewer.integrity);
  const record = useEvidenceStore((s) => s.viewer.record);
  const verifyItem = useEvidenceStore((s) => s.verifyItem);
  if (!record) return null;
  const problem = integrity.report?.tampered.find((t) => t.evidenceId === record.item.id)?.problem;
  return (
    <section className="viewer-section" aria-label="Integrity">
      <h3 className="section-title">Integrity</h3>
      <p className="meta">
        SHA-256 <span className="mono sha">{record.item.sha256}</span>
      </p>
      <button type="button" className="button" onClick={() => void verifyItem()} disabled={integrity.state === 'checking'}>
        {integrity.state === 'checking' ? 'Verifying…' : 'Verify integrity'}
      </button>
      {integrity.state === 'done' && (
        <p className={`evidence-integrity ${problem ? 'is-bad' : 'is-good'}`} role="status">
          {problem
            ? `Tampered: the stored bytes no longer match this SHA-256 (${problem}). Do not rely on this copy; restore it from the original source.`
            : `Intact: the stored bytes still match this SHA-256 (checked ${formatDateTime(integrity.checkedAt)}).`}
        </p>
      )}
      {integrity.state === 'failed' && integrity.error && (
        <p className="evidence-note" role="alert">
          The check could not run: {integrity.error.message}
        </p>
      )}
    </section>
  );
};

/** One item in full: its viewer (or a side-by-side compare), findings, integrity and custody log. */
export const ItemViewer = () => {
  const viewer = useEvidenceStore(evidenceSelectors.viewer);
  const items = useEvidenceStore(evidenceSelectors.items);
  const job = useEvidenceStore(evidenceSelectors.job);
  const tampered = useEvidenceStore(evidenceSelectors.tampered);
  const analysing = useEvidenceStore(evidenceSelectors.isAnalysing);
  const { closeItem, openItem, compareWith, analyse } = useEvidenceStore.getState();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const compareSelectId = useId();
  const [seekTo, setSeekTo] = useState<SeekRequest | null>(null);

  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // Focus starts on the dialog itself (its name is read out), not on whichever control comes first.
    dialog?.focus();
    return () => {
      dialog?.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => setSeekTo(null), [viewer.evidenceId]);

  const record = viewer.record;
  const item = record?.item ?? items.find((i) => i.id === viewer.evidenceId) ?? null;
  const findings = record?.findings ?? [];

  const compareOptions: CompareOption[] = [];
  if (item?.kind === 'image') {
    const seen = new Set<string>([item.id]);
    const add = (id: string, label: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      compareOptions.push({ id, label });
    };
    for (const f of findings) {
      const m = reuseMatchOf(f);
      if (m) add(m.evidenceId, `${m.name}${m.caseNumber ? ` — case ${m.caseNumber}` : ''} (near-duplicate)`);
    }
    for (const s of viewer.similar ?? []) add(s.evidenceId, `${s.originalName} (similar, ${s.distance} bits apart)`);
    for (const other of items) if (other.kind === 'image') add(other.id, `${other.originalName} — this case`);
  }

  const index = item ? items.findIndex((i) => i.id === item.id) : -1;
  const go = (delta: number) => {
    const next = items[index + delta];
    if (next) void openItem(next.id);
  };

  return (
    <dialog
      ref={ref}
      className="item-viewer"
      aria-labelledby={titleId}
      tabIndex={-1}
      onCancel={(e) => {
        e.preventDefault();
        closeItem();
      }}
    >
      <header className="item-viewer-header">
        <div className="item-viewer-heading">
          <p className="detail-kind">{item ? `${KIND_LABELS[item.kind]} · ${item.mediaType} · ${formatBytes(item.size)}` : 'Evidence'}</p>
          <h2 id={titleId} className="item-viewer-title">
            {item?.originalName ?? 'Loading…'}
          </h2>
        </div>
        {item && <VerdictBadge badge={badgeFor(item, findings, job, tampered[item.id])} />}
        <div className="item-viewer-actions">
          {compareOptions.length > 0 && (
            <label className="field" htmlFor={compareSelectId}>
              <span className="field-label">Compare with</span>
              <select id={compareSelectId} className="input select" value={viewer.compareId ?? ''} onChange={(e) => void compareWith(e.target.value || null)}>
                <option value="">Nothing (single view)</option>
                {compareOptions.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="button" disabled={!item || analysing} onClick={() => item && void analyse(item.id)}>
            {analysing ? 'Analysing…' : 'Analyse this item'}
          </button>
          <button type="button" className="button button-icon" aria-label="Previous item" disabled={index <= 0} onClick={() => go(-1)}>
            <span aria-hidden="true">‹</span>
          </button>
          <button type="button" className="button button-icon" aria-label="Next item" disabled={index < 0 || index >= items.length - 1} onClick={() => go(1)}>
            <span aria-hidden="true">›</span>
          </button>
          <button type="button" className="button button-icon" aria-label="Close viewer" onClick={closeItem}>
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      </header>
      <div className="item-viewer-body">
        <div className="item-viewer-media">
          {viewer.error && !record ? (
            <ErrorNotice title="This item could not be opened" error={viewer.error} onRetry={() => viewer.evidenceId && void openItem(viewer.evidenceId)} />
          ) : !record ? (
            <div className="loading-state" role="status">
              <span className="spinner" aria-hidden="true" />
              Opening…
            </div>
          ) : viewer.compareId ? (
            <div className="compare-view" role="group" aria-label="Side-by-side compare">
              <ComparePane key={record.item.id} record={record} heading="This item" />
              {viewer.compareRecord ? (
                <ComparePane key={viewer.compareRecord.item.id} record={viewer.compareRecord} heading={compareHeading(record, viewer.compareRecord)} />
              ) : viewer.compareError ? (
                <div className="compare-pane">
                  <ErrorNotice title="The other item could not be opened" error={viewer.compareError} onRetry={() => void compareWith(viewer.compareId)} />
                </div>
              ) : (
                <div className="compare-pane loading-state" role="status">
                  <span className="spinner" aria-hidden="true" />
                  Opening the other item…
                </div>
              )}
            </div>
          ) : (
            // Keyed by item, so stepping to the next item starts its viewer afresh (size, zoom, overlay).
            <MediaView key={record.item.id} record={record} seekTo={seekTo} />
          )}
          {record && viewer.error && (
            <p className="evidence-note" role="alert">
              Viewing could not be recorded in the custody log: {viewer.error.message}
            </p>
          )}
        </div>
        <aside className="item-viewer-side" aria-label="About this item" tabIndex={0}>
          {record && (
            <>
              <section className="viewer-section" aria-label="Findings">
                <h3 className="section-title">
                  Findings <span className="section-count">{findings.length}</span>
                </h3>
                <FindingsList findings={findings} onCompare={(m) => void compareWith(m.evidenceId)} onSeek={record.item.kind === 'video' ? (t) => setSeekTo((prev) => ({ seconds: t, request: (prev?.request ?? 0) + 1 })) : undefined} />
              </section>
              <IntegritySection />
              <section className="viewer-section" aria-label="Details">
                <h3 className="section-title">Details</h3>
                <dl className="item-facts">
                  <dt>Added</dt>
                  <dd>
                    {formatDateTime(record.item.addedAt)} by {record.item.addedBy}
                  </dd>
                  <dt>Source</dt>
                  <dd>{record.item.source}</dd>
                  <dt>Type (from the bytes)</dt>
                  <dd>
                    {record.item.mediaType}
                    {record.item.extensionMismatch && <span className="evidence-warning"> · the file name suggests a different type</span>}
                  </dd>
                </dl>
              </section>
              <section className="viewer-section" aria-label="Chain of custody">
                <h3 className="section-title">
                  Chain of custody <span className="section-count">{record.custody.length}</span>
                </h3>
                <CustodyLog entries={record.custody} />
              </section>
            </>
          )}
        </aside>
      </div>
    </dialog>
  );
};
