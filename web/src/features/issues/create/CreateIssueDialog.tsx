import { useState } from "react";
import { useLocation, useNavigate } from "react-router";
import { Dialog } from "../../../components/Dialog";
import { useProjectList } from "../../projects/api/useProjects";
import { useShortcut } from "../../../app/shortcuts/useShortcut";
import "../issues.css";
import { CreateIssueForm } from "./CreateIssueForm";
import {
  closeCreateIssue,
  openCreateIssue,
  projectFromPath,
  useCreateIssueState,
  useIsDialogHost,
} from "./createIssueStore";

/**
 * The create-issue dialog, mounted in the shell (and by the issue pages: the first mount
 * shows it, so mounting it twice is harmless). It opens with `c` anywhere (the
 * app's shortcut registry) or `openCreateIssue()`, in the project of the current page, or lets the user pick one.
 */
export function CreateIssueDialog() {
  const { open, project, parent } = useCreateIssueState();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [picked, setPicked] = useState("");
  const target = project ?? projectFromPath(pathname);
  const projects = useProjectList(open && target === null);
  const chosen = target ?? (picked || projects.data?.[0]?.key) ?? null;

  const host = useIsDialogHost();
  useShortcut("c", () => { openCreateIssue(projectFromPath(pathname)); }, "Create an issue");
  if (!host) {
    return null;
  }

  return (
    <Dialog open={open} onClose={closeCreateIssue} title="New issue" wide>
      {target === null ? (
        <div className="field">
          <label htmlFor="new-issue-project">Project</label>
          <select id="new-issue-project" value={chosen ?? ""} onChange={(e) => { setPicked(e.target.value); }}>
            {(projects.data ?? []).map((p) => (
              <option key={p.key} value={p.key}>{p.name} ({p.key})</option>
            ))}
          </select>
        </div>
      ) : null}
      {chosen === null ? (
        <p className="muted">{projects.isPending ? "Loading projects…" : "Create a project first."}</p>
      ) : (
        <CreateIssueForm
          key={chosen}
          project={chosen}
          parent={parent}
          onCreated={(issue, another) => {
            if (!another) {
              closeCreateIssue();
              void navigate(`/issues/${issue.key}`);
            }
          }}
        />
      )}
    </Dialog>
  );
}
