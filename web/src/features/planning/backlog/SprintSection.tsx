// One sprint above the backlog: its issues by rank, their points, and its actions.
import { useEffect, useMemo, useState } from "react";
import { useSprintIssues } from "../api/useSprintIssues";
import { flattenPages } from "../logic/issuePages";
import { pointsLabel, sumPoints } from "../logic/points";
import { describeError } from "../logic/problems";
import type { Sprint } from "../types";
import { DropList } from "../ui/DropList";
import { CompleteSprintDialog } from "./CompleteSprintDialog";
import { IssueRow } from "./IssueRow";
import { StartSprintDialog } from "./StartSprintDialog";

interface Props {
  project: string;
  sprint: Sprint;
  planned: Sprint[];
  canManage: boolean;
  canStart: boolean;
  statusNames: ReadonlyMap<string, string>;
}

export function SprintSection({ project, sprint, planned, canManage, canStart, statusNames }: Props) {
  const query = useSprintIssues(project, sprint.id);
  const [dialog, setDialog] = useState<"start" | "complete" | null>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    // A sprint is small enough to show whole, so its points add up.
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const issues = useMemo(() => flattenPages(query.data), [query.data]);
  const keys = useMemo(() => issues.map((issue) => issue.key), [issues]);
  const titleId = `plan-sprint-${sprint.id}`;
  const dates = sprint.start_date ? `${sprint.start_date} → ${sprint.end_date ?? "?"}` : "";
  return (
    <section className={`plan-section sprint-${sprint.state}`} aria-labelledby={titleId}>
      <header className="plan-section-head">
        <h3 id={titleId}>{sprint.name}</h3>
        <span className="plan-badge">{sprint.state}</span>
        <span className="plan-meta">{dates}</span>
        <span className="plan-meta">
          {issues.length} issues · {pointsLabel(sumPoints(issues))}
        </span>
        {canManage && sprint.state === "planned" && (
          <button
            type="button"
            disabled={!canStart}
            title={canStart ? undefined : "Complete the active sprint first"}
            onClick={() => { setDialog("start"); }}
          >
            Start sprint
          </button>
        )}
        {canManage && sprint.state !== "planned" && (
          <button type="button" onClick={() => { setDialog("complete"); }}>
            Complete sprint
          </button>
        )}
      </header>
      {sprint.goal && <p className="plan-goal">{sprint.goal}</p>}
      {query.isError && <p role="alert">{describeError(query.error)}</p>}
      <DropList
        data={{ kind: "list", list: sprint.id, listName: sprint.name, keys }}
        className="plan-list"
      >
        {issues.map((issue) => (
          <IssueRow
            key={issue.key}
            issue={issue}
            list={sprint.id}
            listName={sprint.name}
            keys={keys}
            statusNames={statusNames}
          />
        ))}
      </DropList>
      {query.isSuccess && issues.length === 0 && (
        <p className="plan-empty">Drag issues here from the backlog to plan this sprint.</p>
      )}
      {dialog === "start" && (
        <StartSprintDialog project={project} sprint={sprint} onClose={() => { setDialog(null); }} />
      )}
      {dialog === "complete" && (
        <CompleteSprintDialog
          project={project}
          sprint={sprint}
          planned={planned}
          onClose={() => { setDialog(null); }}
        />
      )}
    </section>
  );
}
