import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>` (`showModal`): the page behind is inert and focus stays
 * inside; focus starts on its first field or button and goes back to what opened it; Escape or
 * a click outside closes it.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide,
  testId,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // What had focus when the dialog was first rendered (the button that opened it), taken
  // before anything inside the dialog could take focus.
  const [previous] = useState(() => (typeof document === 'undefined' ? null : document.activeElement));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    const first = dialog?.querySelector<HTMLElement>('input, button, [tabindex="0"]');
    (first ?? dialog)?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog?.addEventListener('cancel', onCancel);
    return () => {
      dialog?.removeEventListener('cancel', onCancel);
      if (dialog?.open) dialog.close();
      returnFocus(previous);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog: `previous` never changes
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal dialog wide' : 'modal dialog'}
      aria-labelledby={id}
      data-testid={testId}
      tabIndex={-1}
      // A click on the backdrop lands on the <dialog> itself, outside its box.
      onMouseDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const r = e.currentTarget.getBoundingClientRect();
        const inside = e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
        if (!inside) onClose();
      }}
    >
      <h2 id={id}>{title}</h2>
      {children}
    </dialog>
  );
}

/**
 * Give focus back to what opened a dialog, once the dialog has closed. The browser's own
 * return (the modal <dialog>'s "previously focused element") may land elsewhere when the
 * window lost focus meanwhile; this one names the opener. Nothing happens when it is gone.
 */
export function returnFocus(opener: Element | null): void {
  if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="error-note" role="alert">
      {message}
    </p>
  );
}

export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  return (
    <div
      className={fraction === null ? 'progress indeterminate' : 'progress'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
    >
      {/* Inline: the width is the progress itself, computed (the one system for looks is app.css). */}
      <div style={{ width: fraction === null ? '30%' : `${fraction * 100}%` }} />
    </div>
  );
}
