import { useEffect, useRef, type MouseEvent, type SyntheticEvent } from "react";

/**
 * Props for a `<dialog>` shown as a modal while `open`: the browser keeps focus inside
 * it; Escape or a click on the backdrop calls `onClose`; on close, focus goes back to
 * where it was before.
 */
export function useModal(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null || !open) {
      return;
    }
    // The dialog leaves the page when closed, so the browser cannot return focus itself.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    openModal(dialog);
    return () => {
      closeModal(dialog);
      opener?.focus();
    };
  }, [open]);
  return {
    ref,
    onCancel: (event: SyntheticEvent<HTMLDialogElement>) => {
      event.preventDefault();
      onClose();
    },
    onClick: (event: MouseEvent<HTMLDialogElement>) => {
      if (event.target === ref.current) {
        onClose();
      }
    },
  };
}

// jsdom (component tests) has neither showModal nor close; there the dialog is simply
// shown and hidden.
function openModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.showModal === "function") {
    if (!dialog.open) {
      dialog.showModal();
    }
  } else {
    dialog.setAttribute("open", "");
  }
}

function closeModal(dialog: HTMLDialogElement): void {
  if (typeof dialog.close === "function") {
    dialog.close();
  } else {
    dialog.removeAttribute("open");
  }
}
