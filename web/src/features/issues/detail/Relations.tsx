import { Link } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useChildren } from "../api/useChildren";
import { openCreateIssue } from "../create/createIssueStore";
import type { Names } from "../lib/useNames";
import type { Issue } from "../types";

/** The parent and the children of an issue, with the epic's or story's progress. */
export function Relations({ issue, names }: { issue: Issue; names: Names }) {
  const children = useChildren(issue.project, issue.key);
  const progress = issue.progress;
  return (
    <section className="issue-section" aria-labelledby="relations-heading">
      <header className="section-header">
        <h2 id="relations-heading">Parent and children</h2>
        <button type="button" onClick={() => { openCreateIssue(issue.project, issue.key); }}>Add child</button>
      </header>
      <p>
        Parent: {issue.parent === null ? <span className="muted">none</span> : <Link to={`/issues/${issue.parent}`}>{issue.parent}</Link>}
      </p>
      {progress === undefined ? null : (
        <p>
          <progress max={progress.children_total || 1} value={progress.children_done}
            aria-label="Children done" /> {progress.children_done} of {progress.children_total} done
          · {progress.points_done} of {progress.points_total} points
        </p>
      )}
      <ErrorNotice error={children.error} />
      {children.data !== undefined && children.data.length > 0 ? (
        <ul className="child-list">
          {children.data.map((child) => (
            <li key={child.key}>
              <Link to={`/issues/${child.key}`}>{child.key}</Link> {child.title}{" "}
              <span className="muted">{names.status(child.status)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No children.</p>
      )}
    </section>
  );
}
