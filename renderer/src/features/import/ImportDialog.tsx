import { useId, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { IMPORT_FORMAT_LABELS } from '../../../../common/calls/import.ts';
import { formatCents, formatCount, formatDate } from '../../components/format.ts';
import { importSelectors, useImportStore } from './store/index.ts';
import './import.css';

const bytesText = (n: number): string => (n < 1024 * 1024 ? `${formatCount(Math.max(1, Math.round(n / 1024)))} KB` : `${(n / (1024 * 1024)).toFixed(1)} MB`);
const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * Import claims from a CSV or JSON file: choose or drop a file, see what will be created and every row
 * that will be rejected, import with a progress bar and Cancel, and read what happened.
 */
export const ImportDialog = () => {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const phase = useImportStore(importSelectors.phase);
  const closeDialog = useImportStore((s) => s.closeDialog);

  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="import-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        closeDialog();
      }}
    >
      <div className="import-dialog-header">
        <h2 id={titleId} className="import-dialog-title">
          Import claims
        </h2>
        <button type="button" className="button button-icon" aria-label="Close" onClick={closeDialog}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <div className="import-dialog-body">
        {(phase === 'choose' || phase === 'uploading' || phase === 'checking') && <ChooseFile />}
        {phase === 'preview' && <PreviewPanel />}
        {phase === 'importing' && <ProgressPanel />}
        {phase === 'finished' && <ReportPanel />}
      </div>
    </dialog>
  );
};

const ErrorText = () => {
  const error = useImportStore(importSelectors.error);
  if (!error) return null;
  return (
    <div className="notice notice-error import-error" role="alert">
      <h3 className="notice-title">This file cannot be imported</h3>
      <p className="notice-message">{error.message}</p>
    </div>
  );
};

const ChooseFile = () => {
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  const [dropProblem, setDropProblem] = useState<string | null>(null);
  const phase = useImportStore(importSelectors.phase);
  const fileName = useImportStore(importSelectors.fileName);
  const fileBytes = useImportStore(importSelectors.fileBytes);
  const uploaded = useImportStore(importSelectors.uploadedBytes);
  const chooseFile = useImportStore((s) => s.chooseFile);
  const closeDialog = useImportStore((s) => s.closeDialog);
  const busy = phase !== 'choose';

  const take = (files: FileList | null) => {
    setDropProblem(null);
    if (!files || files.length === 0) return;
    if (files.length > 1) {
      setDropProblem('Drop one file at a time.');
      return;
    }
    void chooseFile(files[0]);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) take(e.dataTransfer.files);
  };

  return (
    <>
      <div
        className={`import-drop${dragging ? ' is-dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="import-drop-title">Drop a CSV or JSON file here</p>
        <p id={hintId} className="import-drop-hint">
          Casebench claims CSV or JSON (columns in docs/import.md), or the vehicle claim fraud data set (fraud_oracle.csv). Nothing is
          imported until you have seen the preview.
        </p>
        <label htmlFor={inputId} className="visually-hidden">
          Choose a CSV or JSON file
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="visually-hidden"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          aria-describedby={hintId}
          tabIndex={-1}
          disabled={busy}
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <button type="button" className="button button-primary" disabled={busy} onClick={() => inputRef.current?.click()}>
          Choose file…
        </button>
      </div>
      {dropProblem && (
        <p className="import-error-line" role="alert">
          {dropProblem}
        </p>
      )}
      {phase === 'uploading' && (
        <Progress label={`Sending ${fileName ?? 'the file'}`} done={uploaded} total={fileBytes} text={`${bytesText(uploaded)} of ${bytesText(fileBytes)} sent`} />
      )}
      {phase === 'checking' && <Progress label="Checking every row" text={`Checking every row of ${fileName ?? 'the file'}…`} />}
      <ErrorText />
      <div className="import-actions">
        <button type="button" className="button" onClick={closeDialog}>
          Cancel
        </button>
      </div>
    </>
  );
};

const Progress = ({ label, done, total, text }: { label: string; done?: number; total?: number; text: string }) => {
  const known = done !== undefined && total !== undefined && total > 0;
  return (
    <div className="import-progress">
      <div
        className={`progress${known ? '' : ' is-indeterminate'}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div className="progress-bar" style={known ? { width: `${Math.min(100, Math.round((done / total) * 100))}%` } : undefined} />
      </div>
      <p className="import-progress-text" role="status">
        {text}
      </p>
    </div>
  );
};

const Counts = () => {
  const preview = useImportStore(importSelectors.preview)!;
  const rejectedOnly = preview.rejectedCount - preview.duplicates;
  return (
    <dl className="import-counts" aria-label="Preview summary">
      <div>
        <dt>Rows read</dt>
        <dd>{formatCount(preview.rows)}</dd>
      </div>
      <div className="is-good">
        <dt>Claims to create</dt>
        <dd>{formatCount(preview.valid)}</dd>
      </div>
      <div className={rejectedOnly ? 'is-bad' : ''}>
        <dt>Rows rejected</dt>
        <dd>{formatCount(rejectedOnly)}</dd>
      </div>
      {preview.duplicates > 0 && (
        <div>
          <dt>Duplicates skipped</dt>
          <dd>{formatCount(preview.duplicates)}</dd>
        </div>
      )}
    </dl>
  );
};

const PreviewPanel = () => {
  const preview = useImportStore(importSelectors.preview)!;
  const rejections = useImportStore(importSelectors.rejections);
  const more = useImportStore(importSelectors.moreRejections);
  const loading = useImportStore(importSelectors.loadingRejections);
  const loadMore = useImportStore((s) => s.loadMoreRejections);
  const startImport = useImportStore((s) => s.startImport);
  const chooseAnother = useImportStore((s) => s.chooseAnother);
  const closeDialog = useImportStore((s) => s.closeDialog);

  return (
    <>
      <p className="import-file">
        <strong>{preview.fileName}</strong> ({bytesText(preview.bytes)}) · detected format: <strong>{IMPORT_FORMAT_LABELS[preview.format]}</strong>
      </p>
      <Counts />
      {preview.notes.length > 0 && (
        <ul className="import-notes" aria-label="About this file">
          {preview.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {preview.sample.length > 0 && (
        <section className="import-section" aria-labelledby="import-sample-title">
          <h3 id="import-sample-title" className="import-section-title">
            {preview.valid > preview.sample.length ? `First ${preview.sample.length} of ${plural(preview.valid, 'claim')} to create` : `${plural(preview.valid, 'claim')} to create`}
          </h3>
          <div className="import-table-wrap" tabIndex={0} role="region" aria-label="Claims to create">
            <table className="import-table" aria-label="Claims to create">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Claim number</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Party</th>
                  <th scope="col">Incident date</th>
                  <th scope="col" className="is-number">
                    Amount claimed
                  </th>
                  <th scope="col">Vehicle</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((r) => (
                  <tr key={r.row}>
                    <td className="is-number">{r.row}</td>
                    <td className="is-code">{r.claimNumber ?? <span className="meta">assigned on import</span>}</td>
                    <td>
                      <span className="is-code">{r.policyNumber}</span> <span className="meta">{r.policyType.replace('_', ' ')}</span>
                    </td>
                    <td>{r.party ?? '—'}</td>
                    <td>{formatDate(r.incidentAt)}</td>
                    <td className="is-number">{formatCents(r.amountCents)}</td>
                    <td>{r.vehicle ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {preview.rejectedCount > 0 && (
        <section className="import-section" aria-labelledby="import-rejected-title">
          <h3 id="import-rejected-title" className="import-section-title">
            {plural(preview.rejectedCount, 'row')} will not be imported
          </h3>
          <div className="import-table-wrap is-rejected" tabIndex={0} role="region" aria-label="Rows that will not be imported">
            <table className="import-table" aria-label="Rejected rows">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rejections.map((r) => (
                  <tr key={r.row}>
                    <td className="is-number">{r.row}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more > 0 && (
            <button type="button" className="button button-quiet" disabled={loading} onClick={() => void loadMore()}>
              Show {formatCount(Math.min(200, more))} more of {formatCount(more)} rejected rows
            </button>
          )}
        </section>
      )}
      <ErrorText />
      <p className="import-hint">
        {preview.valid > 0
          ? `Claims are written in signed batches of ${formatCount(preview.batchSize)}. If you cancel, the import stops after the current batch; the claims already imported stay, and no claim is ever half-imported.`
          : 'No row of this file can be imported. Fix the rows listed above and choose the file again.'}
      </p>
      <div className="import-actions">
        <button type="button" className="button" onClick={chooseAnother}>
          Choose another file
        </button>
        <button type="button" className="button" onClick={closeDialog}>
          Cancel
        </button>
        <button type="button" className="button button-primary" disabled={preview.valid === 0} onClick={() => void startImport()}>
          Import {plural(preview.valid, 'claim')}
        </button>
      </div>
    </>
  );
};

const ProgressPanel = () => {
  const fileName = useImportStore(importSelectors.fileName);
  const done = useImportStore(importSelectors.done);
  const total = useImportStore(importSelectors.total);
  const cancelling = useImportStore(importSelectors.cancelling);
  const cancelImport = useImportStore((s) => s.cancelImport);
  const closeDialog = useImportStore((s) => s.closeDialog);
  return (
    <>
      <p className="import-file">
        <strong>Importing {fileName ?? 'claims'}</strong>
      </p>
      <Progress label={`Importing ${fileName ?? 'claims'}`} done={done} total={total} text={`${formatCount(done)} of ${plural(total, 'claim')} imported`} />
      <p className="import-hint">
        {cancelling
          ? 'Cancelling: the import stops after the batch it is writing now.'
          : 'You can close this window; the import goes on and the Import button shows how far it is. Cancel stops it after the current batch; the claims already imported stay.'}
      </p>
      <div className="import-actions">
        <button type="button" className="button" onClick={closeDialog}>
          Close
        </button>
        <button type="button" className="button import-cancel-button" disabled={cancelling} onClick={() => void cancelImport()}>
          {cancelling ? 'Cancelling…' : 'Cancel import'}
        </button>
      </div>
    </>
  );
};

const ReportPanel = () => {
  const report = useImportStore(importSelectors.report);
  const preview = useImportStore(importSelectors.preview);
  const chooseAnother = useImportStore((s) => s.chooseAnother);
  const closeDialog = useImportStore((s) => s.closeDialog);
  const fileName = preview?.fileName ?? 'the file';
  const skipped = report ? report.skipped : 0;

  return (
    <>
      {report?.state === 'done' && (
        <div className="notice import-report is-done" role="status">
          <h3 className="notice-title">
            Imported {plural(report.imported, 'claim')} from {fileName}
          </h3>
          <p className="notice-message">
            {`In ${report.seconds.toFixed(1)} s, ${plural(report.batches, 'signed batch', 'signed batches')}. `}
            {skipped > 0 ? `${plural(skipped, 'row was', 'rows were')} not imported, as the preview listed.` : 'Every row of the file was imported.'}
          </p>
        </div>
      )}
      {report?.state === 'cancelled' && (
        <div className="notice notice-warning import-report" role="status">
          <h3 className="notice-title">Import cancelled</h3>
          <p className="notice-message">
            {`${formatCount(report.imported)} of ${plural(report.total, 'claim')} were imported, in ${plural(report.batches, 'whole batch', 'whole batches')} of ${formatCount(report.batchSize)}. `}
            The rest of the file was not imported, and no claim was half-imported. The claims already imported stay in the workspace.
          </p>
        </div>
      )}
      {report && (report.state === 'failed' || report.state === 'interrupted') && (
        <div className="notice notice-error import-report" role="alert">
          <h3 className="notice-title">The import stopped before the end</h3>
          <p className="notice-message">
            {report.error ? `${report.error} ` : 'Casebench stopped while importing. '}
            {`${formatCount(report.imported)} of ${plural(report.total, 'claim')} were imported in whole batches; nothing of the batch that failed was written.`}
          </p>
        </div>
      )}
      <ErrorText />
      <div className="import-actions">
        <button type="button" className="button" onClick={chooseAnother}>
          Import another file
        </button>
        <button type="button" className="button button-primary" onClick={closeDialog}>
          Close
        </button>
      </div>
    </>
  );
};
