import { useId, useState, type SyntheticEvent } from "react";
import { Dialog } from "../../../components/Dialog";
import type { Status } from "./workflowDraft";

interface RemoveStatusDialogProps {
  status: Status;
  count: number;
  targets: readonly Status[];
  onRemove: (target: string) => void;
  onClose: () => void;
}

/** Asks where the issues of a status being removed go. */
export function RemoveStatusDialog({ status, count, targets, onRemove, onClose }: RemoveStatusDialogProps) {
  const [target, setTarget] = useState(targets[0]?.id ?? "");
  const selectId = useId();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    onRemove(target);
  };
  return (
    <Dialog open onClose={onClose} title={`Remove ${status.name}`}>
      <form onSubmit={submit} className="stack">
        <p>
          {count === 1 ? "1 issue is" : `${count} issues are`} in {status.name}. They move, with history, when
          the workflow is saved.
        </p>
        <div className="field">
          <label htmlFor={selectId}>Move its issues to</label>
          <select id={selectId} value={target} onChange={(event) => { setTarget(event.target.value); }}>
            {targets.map((entry) => (
              <option key={entry.id} value={entry.id}>{entry.name}</option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary">Remove status</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
