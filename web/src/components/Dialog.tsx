import { useId, type ReactNode } from "react";
import { useModal } from "./useModal";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  /** A wider dialog for content such as a form with several columns. */
  wide?: boolean;
}

/**
 * A modal dialog on the native `<dialog>` element: the browser keeps focus inside and
 * closes it on Escape; focus then returns to where it was. A click on the backdrop
 * closes it too.
 */
export function Dialog({ open, onClose, title, children, wide = false }: DialogProps) {
  const modal = useModal(open, onClose);
  const titleId = useId();

  if (!open) {
    return null;
  }
  return (
    <dialog {...modal} className={wide ? "dialog dialog-wide" : "dialog"} aria-labelledby={titleId}>
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
