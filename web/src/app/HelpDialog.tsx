import { Dialog } from "../components/Dialog";
import { useShortcutList } from "./shortcuts/useShortcut";

interface HelpDialogProps {
  open: boolean;
  onClose: () => void;
}

/** The keyboard shortcuts in force on this page, as `?` shows them. */
export function HelpDialog({ open, onClose }: HelpDialogProps) {
  const shortcuts = useShortcutList();
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <dl className="shortcut-list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.keys} className="shortcut">
            <dt>
              {shortcut.keys.split(" ").map((key, index) => (
                <span key={index}>
                  {index > 0 ? <span className="muted"> then </span> : null}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">Shortcuts without Ctrl do not fire while you type in a field. Inside a project, more are available.</p>
    </Dialog>
  );
}
