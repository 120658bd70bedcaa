// One issue of the backlog or a sprint: a sortable row whose content is memoised.
import { memo } from "react";
import { Link } from "react-router";
import type { ItemData } from "../dnd/dragData";
import type { Issue } from "../types";
import { SortableItem } from "../ui/SortableItem";

export function issueLabel(issue: Pick<Issue, "key" | "title" | "points">): string {
  const points = issue.points === null ? "" : `, ${issue.points} points`;
  return `${issue.key}: ${issue.title}${points}`;
}

const RowContent = memo(function RowContent({ issue, status }: { issue: Issue; status: string }) {
  return (
    <>
      <span className={`plan-type type-${issue.type}`}>{issue.type}</span>
      <Link to={`/issues/${issue.key}`} className="plan-key" tabIndex={-1}>
        {issue.key}
      </Link>
      <span className="plan-title">{issue.title}</span>
      <span className="plan-status">{status}</span>
      <span className="plan-points" aria-hidden="true">
        {issue.points ?? "–"}
      </span>
    </>
  );
});

interface Props {
  issue: Issue;
  list: string;
  listName: string;
  keys: string[];
  statusNames: ReadonlyMap<string, string>;
}

export function IssueRow({ issue, list, listName, keys, statusNames }: Props) {
  const label = issueLabel(issue);
  const data: ItemData = { kind: "item", key: issue.key, label, list, listName, keys };
  return (
    <SortableItem data={data} className="plan-row">
      <RowContent issue={issue} status={statusNames.get(issue.status) ?? issue.status} />
    </SortableItem>
  );
}
