// /projects/:key/backlog: the active and planned sprints above the ranked backlog, with
// drag and drop (pointer or keyboard) between and within them.
import { useMemo, useState } from "react";
import { useParams } from "react-router";
import { useProject } from "../../projects/api/useProject";
import { isAdmin } from "../../projects/components/roles";
import { useSprints } from "../api/useSprints";
import { PlanningDnd } from "../dnd/PlanningDnd";
import { describeError } from "../logic/problems";
import { Notice, type NoticeState } from "../ui/Notice";
import { BacklogSection } from "./BacklogSection";
import { CreateSprintForm } from "./CreateSprintForm";
import { SprintSection } from "./SprintSection";
import { useBacklogMove } from "./useBacklogMove";
import "../planning.css";

export function BacklogPage() {
  const project = useParams().key ?? "";
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const details = useProject(project);
  const sprints = useSprints(project);
  const onDrop = useBacklogMove(project, setNotice);
  const workflow = details.data?.workflow;
  const statusNames = useMemo(
    () => new Map((workflow ?? []).map((status) => [status.id, status.name])),
    [workflow],
  );
  const canManage = isAdmin(details.data?.role);
  const open = sprints.data ?? [];
  const planned = open.filter((sprint) => sprint.state === "planned");
  const noneActive = open.every((sprint) => sprint.state === "planned");
  return (
    <div className="plan-page">
      <h2 className="plan-heading">Backlog and sprints</h2>
      <Notice notice={notice} onDismiss={() => { setNotice(null); }} />
      {sprints.isError && <p role="alert">{describeError(sprints.error)}</p>}
      <PlanningDnd onDrop={onDrop}>
        {open.map((sprint) => (
          <SprintSection
            key={sprint.id}
            project={project}
            sprint={sprint}
            planned={planned.filter((other) => other.id !== sprint.id)}
            canManage={canManage}
            canStart={noneActive}
            statusNames={statusNames}
          />
        ))}
        {canManage && (
          <CreateSprintForm project={project} suggested={`${project} Sprint ${open.length + 1}`} />
        )}
        <BacklogSection project={project} statusNames={statusNames} />
      </PlanningDnd>
    </div>
  );
}
