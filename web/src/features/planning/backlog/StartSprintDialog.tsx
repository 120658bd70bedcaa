// Start a sprint: its dates are required, so ask for them (today and two weeks on, by default).
import { useState, type SyntheticEvent } from "react";
import { useStartSprint } from "../api/useStartSprint";
import { describeError } from "../logic/problems";
import type { Sprint } from "../types";
import { Dialog } from "../../../components/Dialog";

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface Props {
  project: string;
  sprint: Sprint;
  onClose: () => void;
}

export function StartSprintDialog({ project, sprint, onClose }: Props) {
  const today = new Date();
  const [start, setStart] = useState(sprint.start_date ?? isoDay(today));
  const [end, setEnd] = useState(
    sprint.end_date ?? isoDay(new Date(today.getTime() + 14 * 86_400_000)),
  );
  const starting = useStartSprint(project, sprint.id);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    starting.mutate({ start_date: start, end_date: end }, { onSuccess: onClose });
  };
  return (
    <Dialog open title={`Start ${sprint.name}`} onClose={onClose}>
      <form onSubmit={submit} className="plan-form">
        <label>
          Start date
          <input type="date" required value={start} onChange={(e) => { setStart(e.target.value); }} />
        </label>
        <label>
          End date
          <input
            type="date"
            required
            min={start}
            value={end}
            onChange={(e) => {
              setEnd(e.target.value);
            }}
          />
        </label>
        {starting.isError && <p role="alert" className="field-error">{describeError(starting.error)}</p>}
        <div className="plan-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={starting.isPending}>
            Start sprint
          </button>
        </div>
      </form>
    </Dialog>
  );
}
