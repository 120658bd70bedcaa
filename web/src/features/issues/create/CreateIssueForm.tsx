import { useState } from "react";
import { FieldError } from "../../../components/FieldError";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { TextField } from "../../../components/TextField";
import { useCreateIssue } from "../api/useCreateIssue";
import { useMemberList } from "../../projects/api/useMembers";
import { fieldError } from "../lib/errors";
import { assigneeOptions } from "../lib/useNames";
import type { Issue } from "../types";
import { CriteriaInputs } from "./CriteriaInputs";
import { EMPTY_DRAFT, toCreateBody, type IssueDraft } from "./draft";
import { SelectField } from "./SelectField";
import { ISSUE_TYPES, PRIORITIES } from "../types";

const SHOWN = ["title", "type", "description", "priority", "assignee", "points", "parent"];

interface Props {
  project: string;
  parent?: string | undefined;
  onCreated: (issue: Issue, another: boolean) => void;
}

/** The fields of a new issue; what was typed stays when the API refuses it. */
export function CreateIssueForm({ project, parent, onCreated }: Props) {
  const [draft, setDraft] = useState<IssueDraft>(() =>
    parent === undefined ? EMPTY_DRAFT : { ...EMPTY_DRAFT, type: "subtask", parent },
  );
  const [another, setAnother] = useState(false);
  const create = useCreateIssue(project);
  const members = useMemberList(project);
  const err = create.error;
  const update = (patch: Partial<IssueDraft>) => { setDraft((old) => ({ ...old, ...patch })); };

  return (
    <form
      className="create-issue-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(toCreateBody(draft), {
          onSuccess: (issue) => {
            if (another) {
              setDraft({ ...draft, title: "", description: "", criteria: [] });
            }
            onCreated(issue, another);
          },
        });
      }}
    >
      <SelectField label="Type" value={draft.type} options={ISSUE_TYPES.map((t) => [t, t])}
        error={fieldError(err, "type")} onChange={(type) => { update({ type: type as IssueDraft["type"] }); }} />
      <TextField label="Title" required maxLength={255} autoFocus value={draft.title}
        error={fieldError(err, "title")} onChange={(e) => { update({ title: e.target.value }); }} />
      <div className="field">
        <label htmlFor="new-issue-description">Description (Markdown)</label>
        <textarea id="new-issue-description" rows={5} value={draft.description}
          aria-describedby="new-issue-description-error"
          onChange={(e) => { update({ description: e.target.value }); }} />
        <FieldError id="new-issue-description-error" message={fieldError(err, "description")} />
      </div>
      <div className="field-row">
        <SelectField label="Priority" value={draft.priority} options={PRIORITIES.map((p) => [p, p])}
          error={fieldError(err, "priority")} onChange={(priority) => { update({ priority: priority as IssueDraft["priority"] }); }} />
        <SelectField label="Assignee" value={draft.assignee} error={fieldError(err, "assignee")}
          options={assigneeOptions(members.data ?? [])}
          onChange={(assignee) => { update({ assignee }); }} />
        <TextField label="Points" type="number" min={0} step="any" value={draft.points}
          error={fieldError(err, "points")} onChange={(e) => { update({ points: e.target.value }); }} />
        <TextField label="Parent" placeholder={`${project}-1`} value={draft.parent}
          error={fieldError(err, "parent")} onChange={(e) => { update({ parent: e.target.value }); }} />
      </div>
      {draft.type === "story" ? (
        <CriteriaInputs criteria={draft.criteria} error={err} onChange={(criteria) => { update({ criteria }); }} />
      ) : null}
      <ErrorNotice error={err} fields={SHOWN.concat(draft.criteria.map((_, i) => `acceptance_criteria.${i}.text`))} />
      <footer className="dialog-actions">
        <label className="inline">
          <input type="checkbox" checked={another} onChange={(e) => { setAnother(e.target.checked); }} />
          Create another
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create issue"}
        </button>
      </footer>
    </form>
  );
}
