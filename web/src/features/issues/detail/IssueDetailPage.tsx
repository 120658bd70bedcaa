import { Link, useParams } from "react-router";
import { ErrorNotice } from "../../../components/ErrorNotice";
import { useIssue } from "../api/useIssue";
import { useProjectEvents } from "../../live/useProjectEvents";
import { useMemberList } from "../../projects/api/useMembers";
import { useProject } from "../../projects/api/useProject";
import { useUpload } from "../api/useUpload";
import { useNames } from "../lib/useNames";
import type { Issue } from "../types";
import { CreateIssueDialog } from "../create/CreateIssueDialog";
import "../issues.css";
import { AttachmentsSection } from "./AttachmentsSection";
import { CommentsSection } from "./CommentsSection";
import { CriteriaChecklist } from "./CriteriaChecklist";
import { DescriptionEditor } from "./DescriptionEditor";
import { EditableValue } from "./EditableValue";
import { FieldsPanel } from "./FieldsPanel";
import { HistorySection } from "./HistorySection";
import { LinksSection } from "./LinksSection";
import { Relations } from "./Relations";
import { useFileDrop } from "./useFileDrop";
import { WatchButton } from "./WatchButton";
import { WorklogsSection } from "./WorklogsSection";

/** `/issues/:issueKey`: one issue, every field editable in place. */
export function IssueDetailPage() {
  const { issueKey = "" } = useParams();
  const issue = useIssue(issueKey);
  if (issue.isPending) {
    return <p className="muted">Loading {issueKey}…</p>;
  }
  if (issue.isError) {
    return <ErrorNotice error={issue.error} />;
  }
  return <IssueDetail issue={issue.data} />;
}

function IssueDetail({ issue }: { issue: Issue }) {
  const project = useProject(issue.project, { staleTime: 60_000 });
  useProjectEvents(issue.project);
  const members = useMemberList(issue.project);
  const names = useNames(project.data, members.data);
  const upload = useUpload(issue.key);
  const drop = useFileDrop((files) => { upload.mutate(files); });
  const showCriteria = issue.type === "story" || issue.acceptance_criteria.length > 0;
  return (
    <article className={drop.over ? "issue-detail drop-over" : "issue-detail"} {...drop.handlers}>
      {drop.over ? <div className="drop-overlay" aria-hidden="true">Drop files to attach them</div> : null}
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to={`/projects/${issue.project}/issues`}>{project.data?.name ?? issue.project}</Link> / {issue.key}
      </nav>
      <header className="issue-header">
        <span className={`issue-type type-${issue.type}`}>{issue.type}</span>
        <h1 className="visually-hidden">{issue.key}: {issue.title}</h1>
        <EditableValue issue={issue} label={`Title of ${issue.key}`} kind="text" value={issue.title} className="title-field"
          toPatch={(title) => (title.trim() === "" ? null : { title: title.trim() })} />
        <WatchButton issue={issue} names={names} />
      </header>
      <div className="issue-columns">
        <div className="issue-main">
          <DescriptionEditor issue={issue} members={members.data ?? []} />
          {showCriteria ? <CriteriaChecklist issue={issue} /> : null}
          <Relations issue={issue} names={names} />
          <LinksSection issueKey={issue.key} />
          <AttachmentsSection issueKey={issue.key} upload={upload} names={names} />
          <WorklogsSection issue={issue} names={names} />
          <CommentsSection issueKey={issue.key} members={members.data ?? []} names={names} />
          <HistorySection issueKey={issue.key} names={names} />
        </div>
        <FieldsPanel issue={issue} project={project.data} members={members.data ?? []} names={names} />
      </div>
      <CreateIssueDialog />
    </article>
  );
}
