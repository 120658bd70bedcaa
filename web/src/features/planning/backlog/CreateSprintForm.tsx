// Create a sprint: a name, and dates if already known.
import { useState, type SyntheticEvent } from "react";
import { ApiError } from "../../../api/client";
import { useCreateSprint } from "../api/useCreateSprint";
import { describeError } from "../logic/problems";

export function CreateSprintForm({ project, suggested }: { project: string; suggested: string }) {
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const creating = useCreateSprint(project);
  const error = creating.error;
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.fieldMessage(field) : undefined;
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const body = { name: name.trim() || suggested, start_date: start || null, end_date: end || null };
    creating.mutate(body, {
      onSuccess: () => {
        setName("");
        setStart("");
        setEnd("");
      },
    });
  };
  return (
    <form onSubmit={submit} className="plan-create" aria-label="Create a sprint">
      <label>
        Sprint name
        <input
          value={name}
          placeholder={suggested}
          maxLength={255}
          onChange={(e) => {
            setName(e.target.value);
          }}
        />
      </label>
      <label>
        Start <span className="plan-meta">(optional)</span>
        <input type="date" value={start} onChange={(e) => { setStart(e.target.value); }} />
      </label>
      <label>
        End <span className="plan-meta">(optional)</span>
        <input
          type="date"
          value={end}
          min={start || undefined}
          onChange={(e) => {
            setEnd(e.target.value);
          }}
        />
      </label>
      <button type="submit" disabled={creating.isPending}>Create sprint</button>
      {error !== null && (
        <p role="alert" className="field-error">
          {fieldError("name") ?? fieldError("end_date") ?? describeError(error)}
        </p>
      )}
    </form>
  );
}
