import { useId, useState, type SyntheticEvent } from "react";
import { TextField } from "../../../components/TextField";
import { CATEGORIES, MAX_NAME, type Category } from "./workflowDraft";

interface AddStatusFormProps {
  /** Adds the status, or returns why not (shown with the name field). */
  onAdd: (name: string, category: Category) => string | null;
}

/** A new status's name and category. */
export function AddStatusForm({ onAdd }: AddStatusFormProps) {
  const [name, setName] = useState("");
  const [category, setCategory] = useState<Category>("in_progress");
  const [error, setError] = useState<string | undefined>(undefined);
  const categoryId = useId();
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const refusal = onAdd(name, category);
    setError(refusal ?? undefined);
    if (refusal === null) setName("");
  };
  return (
    <form onSubmit={submit} aria-label="Add a status" className="add-status" noValidate>
      <TextField
        label="New status"
        value={name}
        maxLength={MAX_NAME}
        error={error}
        onChange={(event) => { setName(event.target.value); }}
      />
      <div className="field">
        <label htmlFor={categoryId}>Its category</label>
        <select id={categoryId} value={category} onChange={(event) => { setCategory(event.target.value as Category); }}>
          {CATEGORIES.map((entry) => (
            <option key={entry.category} value={entry.category}>{entry.label}</option>
          ))}
        </select>
      </div>
      <button type="submit">Add status</button>
    </form>
  );
}
