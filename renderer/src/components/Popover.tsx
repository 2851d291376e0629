import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type Props = { label: ReactNode; accessibleLabel?: string; children: ReactNode; className?: string };

/** A button that shows a panel under it; Escape or a click elsewhere closes it. */
export const Popover = ({ label, accessibleLabel, children, className }: Props) => {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        if (rootRef.current?.contains(document.activeElement)) buttonRef.current?.focus();
      }
    };
    // Escape closes it wherever focus is; a click elsewhere too.
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  return (
    <div className={`popover${className ? ` ${className}` : ''}`} ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={accessibleLabel}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span className="popover-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="popover-panel" hidden={!open}>
        {children}
      </div>
    </div>
  );
};
