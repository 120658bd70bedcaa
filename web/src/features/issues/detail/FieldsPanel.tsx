import { formatMinutes, parseMinutes } from "../lib/time";
import { assigneeOptions, type Names } from "../lib/useNames";
import { ISSUE_TYPES, PRIORITIES, type Issue, type Member, type Project } from "../types";
import { EditableValue } from "./EditableValue";
import { LabelsEditor } from "./LabelsEditor";

interface Props {
  issue: Issue;
  project: Project | undefined;
  members: Member[];
  names: Names;
}

const pairs = (values: readonly string[]) => values.map((v): [string, string] => [v, v]);

/** The side panel: every property of the issue, each edited in place. */
export function FieldsPanel({ issue, project, members, names }: Props) {
  const statuses = project?.workflow.map((s): [string, string] => [s.id, s.name]) ?? [[issue.status, issue.status]];
  const people = assigneeOptions(members);
  return (
    <aside className="fields-panel" aria-label="Properties">
      <EditableValue issue={issue} label="Status" kind="select" value={issue.status} options={statuses}
        toPatch={(status) => ({ status })} />
      <EditableValue issue={issue} label="Type" kind="select" value={issue.type} options={pairs(ISSUE_TYPES)}
        toPatch={(type) => ({ type: type as Issue["type"] })} />
      <EditableValue issue={issue} label="Priority" kind="select" value={issue.priority} options={pairs(PRIORITIES)}
        toPatch={(priority) => ({ priority: priority as Issue["priority"] })} />
      <EditableValue issue={issue} label="Assignee" kind="select" value={issue.assignee ?? ""} options={people}
        toPatch={(assignee) => ({ assignee: assignee || null })} />
      <LabelsEditor issue={issue} />
      <EditableValue issue={issue} label="Points" kind="number" value={issue.points?.toString() ?? ""}
        toPatch={(points) => ({ points: points.trim() === "" ? null : Number(points) })} />
      <EditableValue issue={issue} label="Estimate" kind="text" placeholder="e.g. 1h 30m"
        value={issue.estimate_minutes === null ? "" : formatMinutes(issue.estimate_minutes)}
        toPatch={(text) => minutesPatch("estimate_minutes", text)} />
      <EditableValue issue={issue} label="Remaining" kind="text" placeholder="e.g. 45m"
        value={issue.remaining_minutes === null ? "" : formatMinutes(issue.remaining_minutes)}
        toPatch={(text) => minutesPatch("remaining_minutes", text)} />
      <EditableValue issue={issue} label="Due date" kind="date" value={issue.due_date ?? ""}
        toPatch={(due) => ({ due_date: due || null })} />
      <EditableValue issue={issue} label="Parent" kind="text" placeholder="Issue key" value={issue.parent ?? ""}
        toPatch={(parent) => ({ parent: parent.trim() === "" ? null : parent.trim().toUpperCase() })} />
      <dl className="facts">
        <dt>Sprint</dt>
        <dd>{issue.sprint === null ? "Backlog" : issue.sprint === project?.active_sprint ? "Active sprint" : issue.sprint}</dd>
        <dt>Reporter</dt>
        <dd>{names.user(issue.reporter)}</dd>
        <dt>Created</dt>
        <dd><time dateTime={issue.created_at}>{new Date(issue.created_at).toLocaleString()}</time></dd>
        <dt>Updated</dt>
        <dd><time dateTime={issue.updated_at}>{new Date(issue.updated_at).toLocaleString()}</time></dd>
        {issue.resolved_at === null ? null : (<><dt>Resolved</dt><dd>{new Date(issue.resolved_at).toLocaleString()}</dd></>)}
      </dl>
    </aside>
  );
}

function minutesPatch(field: "estimate_minutes" | "remaining_minutes", text: string) {
  if (text.trim() === "") {
    return { [field]: null };
  }
  const minutes = parseMinutes(text);
  return minutes === null ? null : { [field]: minutes };
}
