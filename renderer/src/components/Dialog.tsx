import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

type Props = { title: string; onClose: () => void; children: ReactNode; wide?: boolean; describedBy?: string };

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert, so focus stays
 * inside, and Escape closes it. Focus goes back to where it was when the dialog closes.
 */
export const Dialog = ({ title, onClose, children, wide, describedBy }: Props) => {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useLayoutEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal focuses the first control (the close button); the first field is where work starts.
      const body = dialog.querySelector('.dialog-body');
      body?.querySelector<HTMLElement>('input:not([disabled]), textarea, select, button.button-primary')?.focus();
    }
    return () => {
      dialog?.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(e) => {
        e.preventDefault();
        closeRef.current();
      }}
    >
      <div className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button type="button" className="button button-icon dialog-close" aria-label="Close" onClick={() => closeRef.current()}>
          <span aria-hidden="true">✕</span>
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
};

/** True while a modal dialog is open: page-wide shortcuts then stay quiet. */
export const isDialogOpen = (): boolean => document.querySelector('dialog[open]') !== null;

type FormFooterProps = { error: string | null; errorId: string; busy: boolean; submitLabel: string; onCancel: () => void };

/** The end of every dialog form: the error in words (announced), then Cancel and the submit action. */
export const FormFooter = ({ error, errorId, busy, submitLabel, onCancel }: FormFooterProps) => (
  <>
    {error && (
      <p id={errorId} className="form-error" role="alert">
        {error}
      </p>
    )}
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  </>
);
