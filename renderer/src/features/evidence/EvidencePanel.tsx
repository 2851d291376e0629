import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { formatCount } from '../../components/format.ts';
import { intakeUnavailable } from '../../services/evidence.ts';
import { evidenceSelectors, useEvidenceStore } from '../../stores/evidence/index.ts';
import { AnalysisProgress, AnalyzerStatus } from './AnalysisProgress.tsx';
import { EvidenceGallery } from './EvidenceGallery.tsx';
import { ItemViewer } from './ItemViewer.tsx';
import { UploadList } from './UploadList.tsx';
import { droppedFiles, pickedFiles } from './intake.ts';
import './evidence.css';

/** The case's evidence: add files and folders, analyse them, and open each one in full. */
export const EvidencePanel = ({ caseId }: { caseId: string }) => {
  const items = useEvidenceStore(evidenceSelectors.items);
  const loaded = useEvidenceStore(evidenceSelectors.hasLoaded);
  const loading = useEvidenceStore(evidenceSelectors.isLoading);
  const error = useEvidenceStore(evidenceSelectors.error);
  const analysing = useEvidenceStore(evidenceSelectors.isAnalysing);
  const integrity = useEvidenceStore(evidenceSelectors.caseIntegrity);
  const openItemId = useEvidenceStore(evidenceSelectors.openItemId);
  const storeCaseId = useEvidenceStore(evidenceSelectors.caseId);
  const { openCase, refresh, addFiles, analyse, verifyCase, startLive, loadAnalyzers } = useEvidenceStore.getState();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);
  const headingId = useId();
  const unavailable = intakeUnavailable();

  useEffect(() => startLive(), [startLive]);
  // The viewer belongs to this panel: leaving the case (or its Evidence tab) closes it.
  useEffect(() => () => useEvidenceStore.getState().closeItem(), []);
  useEffect(() => {
    void openCase(caseId);
    void loadAnalyzers();
  }, [caseId, openCase, loadAnalyzers]);

  // `webkitdirectory` is not in React's attribute list; set it on the element itself.
  useEffect(() => {
    folderRef.current?.setAttribute('webkitdirectory', '');
  }, []);

  const onDrop = async (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setDragging(false);
    if (unavailable) return;
    const { files, unreadable, capped } = await droppedFiles(e.dataTransfer);
    const notes = [];
    if (unreadable.length) notes.push(`${formatCount(unreadable.length)} dropped item${unreadable.length === 1 ? '' : 's'} could not be read (${unreadable.slice(0, 3).join(', ')}${unreadable.length > 3 ? ', …' : ''}).`);
    if (capped) notes.push(`Only the first ${formatCount(files.length)} files were taken; add the rest in smaller folders.`);
    if (files.length === 0 && notes.length === 0) notes.push('Nothing to add: the drop held no files.');
    setDropNote(notes.length ? notes.join(' ') : null);
    void addFiles(files);
  };

  const current = storeCaseId === caseId;
  const tamperedCount = integrity.report?.tampered.length ?? 0;

  return (
    <section
      className={`evidence-panel${dragging ? ' is-dragging' : ''}`}
      aria-labelledby={headingId}
      onDragEnter={(e) => {
        if (!unavailable && e.dataTransfer.types.includes('Files')) setDragging(true);
      }}
      onDragOver={(e) => {
        if (unavailable || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <div className="evidence-toolbar">
        <h3 id={headingId} className="section-title">
          Evidence {current && loaded && <span className="section-count">{formatCount(items.length)}</span>}
        </h3>
        <div className="evidence-actions">
          <button type="button" className="button" disabled={Boolean(unavailable)} onClick={() => filesRef.current?.click()}>
            Add files…
          </button>
          <button type="button" className="button" disabled={Boolean(unavailable)} onClick={() => folderRef.current?.click()}>
            Add folder…
          </button>
          <button type="button" className="button button-primary" disabled={analysing || items.length === 0} onClick={() => void analyse()}>
            Analyse all
          </button>
          <button type="button" className="button" disabled={integrity.state === 'checking' || items.length === 0} onClick={() => void verifyCase()}>
            {integrity.state === 'checking' ? 'Verifying…' : 'Verify integrity'}
          </button>
        </div>
        <input
          ref={filesRef}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-label="Choose evidence files"
          data-testid="evidence-file-input"
          onChange={(e) => {
            void addFiles(pickedFiles(e.currentTarget.files, false));
            e.currentTarget.value = '';
          }}
        />
        <input
          ref={folderRef}
          className="visually-hidden"
          type="file"
          multiple
          tabIndex={-1}
          aria-label="Choose an evidence folder"
          data-testid="evidence-folder-input"
          onChange={(e) => {
            void addFiles(pickedFiles(e.currentTarget.files, true));
            e.currentTarget.value = '';
          }}
        />
      </div>
      {unavailable ? (
        <p className="evidence-note" role="note">
          {unavailable}
        </p>
      ) : (
        <p className="evidence-hint meta">Drop files or whole folders here. Each file is hashed and stored unchanged; the custody log records who added it.</p>
      )}
      {dropNote && (
        <p className="evidence-note" role="status">
          {dropNote}
        </p>
      )}
      <UploadList />
      <AnalysisProgress />
      {integrity.state === 'done' && (
        <p className={`evidence-integrity ${tamperedCount ? 'is-bad' : 'is-good'}`} role="status">
          {tamperedCount
            ? `${formatCount(tamperedCount)} of ${formatCount(integrity.report?.checked ?? 0)} stored files no longer match their SHA-256: they are marked Tampered below.`
            : `All ${formatCount(integrity.report?.checked ?? 0)} stored files still match their SHA-256.`}
        </p>
      )}
      {integrity.state === 'failed' && integrity.error && <ErrorNotice title="Integrity could not be checked" error={integrity.error} onRetry={() => void verifyCase()} />}
      {error && current && loaded && items.length > 0 && (
        <p className="evidence-note" role="alert">
          Findings could not be read ({error.message}). The badges may be out of date.{' '}
          <button type="button" className="button button-quiet" onClick={() => void refresh()}>
            Retry
          </button>
        </p>
      )}
      {!current || (!loaded && loading) ? (
        <div className="loading-state" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading evidence…
        </div>
      ) : error && items.length === 0 ? (
        <ErrorNotice title="The evidence for this case could not be loaded" error={error} onRetry={() => void refresh()} />
      ) : items.length === 0 ? (
        <div className={`evidence-empty${dragging ? ' is-target' : ''}`}>
          <p>No evidence yet.</p>
          <p className="meta">{unavailable ? 'Files cannot be added from this window yet.' : 'Add photos, videos, scanned documents or audio with the buttons above, or drop them here.'}</p>
        </div>
      ) : (
        <EvidenceGallery />
      )}
      <AnalyzerStatus />
      {dragging && (
        <div className="evidence-drop-overlay" aria-hidden="true">
          Drop to add to this case
        </div>
      )}
      {openItemId && <ItemViewer />}
    </section>
  );
};
