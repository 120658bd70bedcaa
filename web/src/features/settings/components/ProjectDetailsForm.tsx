import { useId, useState, type SyntheticEvent } from "react";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { fieldMessage } from "../../../components/FieldError";
import { TextField } from "../../../components/TextField";
import { useProject } from "../../projects/api/useProject";
import type { Project } from "../../projects/api/useProjects";
import { isAdmin } from "../../projects/components/roles";
import { useUpdateProject } from "../api/useUpdateProject";

type Rules = Project["settings"];

const RULES: readonly { rule: keyof Rules; label: string; hint: string }[] = [
  {
    rule: "acceptance_criteria_gate",
    label: "Acceptance criteria gate",
    hint: "A story enters a done status only with every criterion met.",
  },
  {
    rule: "done_requires_closed_children",
    label: "Done requires closed children",
    hint: "An issue enters a done status only once its children are done.",
  },
  {
    rule: "done_requires_unblocked",
    label: "Done requires unblocked",
    hint: "An issue enters a done status only once every issue blocking it is done.",
  },
];

/** The project's name, description and rules; read-only for members and viewers. */
export function ProjectDetails({ projectKey }: { projectKey: string }) {
  const project = useProject(projectKey);
  // Here, not in the form: a save gives a new version, which starts a fresh form.
  const update = useUpdateProject(projectKey);
  if (project.data === undefined) {
    return project.isError ? <ErrorNotice error={project.error} /> : <p role="status">Loading…</p>;
  }
  return <DetailsForm key={project.data.version} project={project.data} update={update} />;
}

function DetailsForm({ project, update }: { project: Project; update: ReturnType<typeof useUpdateProject> }) {
  const readOnly = !isAdmin(project.role);
  const [name, setName] = useState(project.name);
  const [description, setDescription] = useState(project.description);
  const [rules, setRules] = useState<Rules>(project.settings);
  const [nameError, setNameError] = useState<string | undefined>(undefined);
  const descriptionId = useId();

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (name.trim() === "") {
      setNameError("A project needs a name.");
      return;
    }
    setNameError(undefined);
    update.mutate({ body: { name: name.trim(), description, settings: rules }, version: project.version });
  };
  return (
    <section aria-labelledby="details-title" className="settings-section">
      <h2 id="details-title">Details and rules</h2>
      <form onSubmit={submit} aria-labelledby="details-title" noValidate className="stack">
        <fieldset disabled={readOnly} className="stack">
          <TextField
            label="Name"
            value={name}
            maxLength={200}
            required
            error={nameError ?? fieldMessage(update.error, "name")}
            onChange={(event) => { setName(event.target.value); }}
          />
          <div className="field">
            <label htmlFor={descriptionId}>Description</label>
            <textarea id={descriptionId} rows={3} value={description} onChange={(event) => { setDescription(event.target.value); }} />
          </div>
          <fieldset className="rules">
            <legend>Rules for done</legend>
            {RULES.map(({ rule, label, hint }) => (
              <Rule
                key={rule}
                label={label}
                hint={hint}
                checked={rules[rule]}
                onChange={(checked) => { setRules({ ...rules, [rule]: checked }); }}
              />
            ))}
          </fieldset>
        </fieldset>
        {readOnly ? (
          <p className="muted">Only admins and owners change the project's details.</p>
        ) : (
          <div className="actions">
            <button type="submit" className="primary" disabled={update.isPending}>Save details</button>
          </div>
        )}
        <ErrorNotice error={update.error} fields={["name"]} />
        {update.isSuccess ? <p role="status" className="ok">Saved.</p> : null}
      </form>
    </section>
  );
}

function Rule({ label, hint, checked, onChange }: { label: string; hint: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="rule">
      <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(event) => { onChange(event.target.checked); }} />
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field-hint">{hint}</p>
    </div>
  );
}
