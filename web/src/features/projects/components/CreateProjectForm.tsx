import { useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useCreateProject } from "../api/useCreateProject";
import type { Project } from "../api/useProjects";
import { normaliseKey, suggestKey } from "../projectKey";

const FIELDS = ["name", "key", "description"] as const;

/** Name a project; its key follows the name until the user types one of their own. */
export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [typedKey, setTypedKey] = useState<string | null>(null);
  const key = typedKey ?? suggestKey(name);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    create.mutate({ name, key, description: "" }, { onSuccess: onCreated });
  };
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <TextField
        label="Name"
        name="name"
        required
        autoFocus
        autoComplete="off"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={fieldMessage(create.error, "name")}
      />
      <TextField
        label="Key"
        name="key"
        required
        autoComplete="off"
        className="key-input"
        hint="2–10 capital letters or digits; issue keys start with it, as in WEB-42."
        value={key}
        onChange={(event) => {
          setTypedKey(normaliseKey(event.target.value));
        }}
        error={fieldMessage(create.error, "key")}
      />
      <ErrorNotice error={create.error} fields={FIELDS} />
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}
