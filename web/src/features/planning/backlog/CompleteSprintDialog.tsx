// Complete a sprint, choosing where its open issues go: the backlog, a planned sprint or a new one.
import { useState, type SyntheticEvent } from "react";
import { useCompleteSprint } from "../api/useCompleteSprint";
import { describeError } from "../logic/problems";
import type { Sprint } from "../types";
import { Dialog } from "../../../components/Dialog";

interface Props {
  project: string;
  sprint: Sprint;
  planned: Sprint[];
  onClose: () => void;
}

export function CompleteSprintDialog({ project, sprint, planned, onClose }: Props) {
  const [target, setTarget] = useState("backlog");
  const completing = useCompleteSprint(project, sprint.id);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    completing.mutate(target, { onSuccess: onClose });
  };
  return (
    <Dialog open title={`Complete ${sprint.name}`} onClose={onClose}>
      <form onSubmit={submit} className="plan-form">
        <label>
          Move its open issues to
          <select value={target} onChange={(e) => { setTarget(e.target.value); }}>
            <option value="backlog">The backlog</option>
            {planned.map((other) => (
              <option key={other.id} value={other.id}>
                {other.name}
              </option>
            ))}
            <option value="new">A new sprint</option>
          </select>
        </label>
        {completing.isError && (
          <p role="alert" className="field-error">{describeError(completing.error)}</p>
        )}
        <div className="plan-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={completing.isPending}>
            Complete sprint
          </button>
        </div>
      </form>
    </Dialog>
  );
}
