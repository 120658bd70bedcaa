import { CONFLICT_MESSAGE } from "../lib/errors";

interface Props {
  /** What the user wanted, in words. */
  mine: string;
  onReapply: () => void;
  onDismiss: () => void;
}

/** A stale edit (412): say so, keep what the user typed, let them apply it on the new version. */
export function ConflictNotice({ mine, onReapply, onDismiss }: Props) {
  return (
    <div role="alert" className="conflict-notice">
      <p>{CONFLICT_MESSAGE}</p>
      <p className="conflict-mine">
        Your change: <q>{mine}</q>
      </p>
      <div className="conflict-actions">
        <button type="button" className="primary" onClick={onReapply}>
          Apply mine again
        </button>
        <button type="button" onClick={onDismiss}>
          Keep theirs
        </button>
      </div>
    </div>
  );
}
