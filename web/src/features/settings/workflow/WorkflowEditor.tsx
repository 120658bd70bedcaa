import { useState } from "react";
import { ApiError } from "../../../api/client";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { isAdmin } from "../../projects/components/roles";
import { useProject } from "../../projects/api/useProject";
import { useStatusCounts } from "../api/useStatusCounts";
import { useUpdateProject } from "../api/useUpdateProject";
import { AddStatusForm } from "./AddStatusForm";
import { RemoveStatusDialog } from "./RemoveStatusDialog";
import { StatusRow } from "./StatusRow";
import * as draftOps from "./workflowDraft";
import type { Edit, Status, WorkflowDraft } from "./workflowDraft";

/** The project's workflow: its statuses in order, edited as a draft and saved at once. */
export function WorkflowEditor({ projectKey }: { projectKey: string }) {
  const project = useProject(projectKey);
  // Here, not in the form: a save gives a new version, which starts a fresh draft.
  const update = useUpdateProject(projectKey);
  if (project.data === undefined) {
    return project.isError ? <ErrorNotice error={project.error} /> : <p role="status">Loading…</p>;
  }
  const { workflow, version, role } = project.data;
  // A new version (this save or another's) starts a fresh draft from what is saved.
  return <WorkflowForm key={version} projectKey={projectKey} saved={workflow} version={version} readOnly={!isAdmin(role)} update={update} />;
}

interface WorkflowFormProps {
  projectKey: string;
  saved: readonly Status[];
  version: number;
  readOnly: boolean;
  update: ReturnType<typeof useUpdateProject>;
}

function WorkflowForm({ projectKey, saved, version, readOnly, update }: WorkflowFormProps) {
  const counts = useStatusCounts(projectKey).data ?? {};
  const [draft, setDraft] = useState<WorkflowDraft>(() => draftOps.startDraft(saved));
  const [refusal, setRefusal] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Status | null>(null);
  const [moved, setMoved] = useState<{ id: string; by: -1 | 1 } | null>(null);

  const apply = (edit: Edit): string | null => {
    setMoved(null);
    if ("refused" in edit) {
      setRefusal(edit.refused);
      return edit.refused;
    }
    setRefusal(null);
    setDraft(edit.draft);
    return null;
  };
  const remove = (status: Status) => {
    const refused = draftOps.removalRefusal(draft, status.id);
    if (refused !== null) {
      setRefusal(refused);
    } else if (draftOps.issuesIn(draft, status.id, counts) > 0) {
      setRemoving(status);
    } else {
      apply(draftOps.removeStatus(draft, status.id, null));
    }
  };
  const changed = draftOps.isChanged(draft, saved);
  const removedWithIssues = Object.keys(draft.moves).length;

  return (
    <section aria-labelledby="workflow-title" className="settings-section">
      <h2 id="workflow-title">Workflow</h2>
      <p className="muted">
        The statuses an issue goes through, left to right on the board.
        {readOnly ? " Only admins and owners change them." : ""}
      </p>
      <ol className="status-list" aria-label="Statuses">
        {draft.statuses.map((status, index) => (
          <StatusRow
            key={status.id}
            status={status}
            position={index + 1}
            count={draftOps.issuesIn(draft, status.id, counts)}
            first={index === 0}
            last={index === draft.statuses.length - 1}
            readOnly={readOnly}
            onRename={(name) => apply(draftOps.renameStatus(draft, status.id, name))}
            onCategory={(category) => apply(draftOps.changeCategory(draft, status.id, category))}
            onWipLimit={(limit) => apply(draftOps.setWipLimit(draft, status.id, limit))}
            onWipMode={(mode) => { setDraft(draftOps.setWipMode(draft, status.id, mode)); }}
            focusMove={moved?.id === status.id ? moved.by : undefined}
            onMove={(by) => {
              setDraft(draftOps.moveStatus(draft, status.id, by));
              setMoved({ id: status.id, by });
            }}
            onRemove={() => { remove(status); }}
          />
        ))}
      </ol>
      <p role="alert" className={refusal === null ? "visually-hidden" : "error-notice"}>{refusal ?? ""}</p>
      {readOnly ? null : (
        <>
          <AddStatusForm onAdd={(name, category) => apply(draftOps.addStatus(draft, name, category))} />
          {removedWithIssues > 0 ? (
            <p className="muted">
              {Object.entries(draft.moves)
                .map(([source, target]) => `${nameOf(saved, source)} → ${nameOf(draft.statuses, target)}`)
                .join(", ")}
            </p>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!changed || update.isPending}
              onClick={() => {
                update.mutate({ body: draftOps.patchBody(draft, saved), version });
              }}
            >
              Save workflow
            </button>
            <button
              type="button"
              disabled={!changed || update.isPending}
              onClick={() => {
                setDraft(draftOps.startDraft(saved));
                setRefusal(null);
                update.reset();
              }}
            >
              Discard changes
            </button>
          </div>
          <ErrorNotice error={update.error} />
          {update.isSuccess && !changed ? <p role="status" className="ok">Workflow saved.</p> : null}
          {update.error !== null ? <ProblemList error={update.error} /> : null}
        </>
      )}
      {removing === null ? null : (
        <RemoveStatusDialog
          status={removing}
          count={draftOps.issuesIn(draft, removing.id, counts)}
          targets={draft.statuses.filter((status) => status.id !== removing.id)}
          onClose={() => { setRemoving(null); }}
          onRemove={(target) => {
            apply(draftOps.removeStatus(draft, removing.id, target));
            setRemoving(null);
          }}
        />
      )}
    </section>
  );
}

function ProblemList({ error }: { error: unknown }) {
  const problems = error instanceof ApiError ? error.errors : [];
  if (problems.length === 0) return null;
  return (
    <ul className="error-notice">
      {problems.map((problem) => (
        <li key={`${problem.field}:${problem.message}`}>{problem.message}</li>
      ))}
    </ul>
  );
}

function nameOf(statuses: readonly Status[], id: string): string {
  return statuses.find((status) => status.id === id)?.name ?? id;
}
