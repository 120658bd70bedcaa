// The backlog: open issues in no sprint by rank, loaded a page at a time as it scrolls.
import { useMemo } from "react";
import { useBacklog } from "../api/useBacklog";
import { flattenPages } from "../logic/issuePages";
import { describeError } from "../logic/problems";
import { BACKLOG } from "../types";
import { DropList } from "../ui/DropList";
import { IssueRow } from "./IssueRow";
import { useLoadOnScroll } from "./useLoadOnScroll";

interface Props {
  project: string;
  statusNames: ReadonlyMap<string, string>;
}

export function BacklogSection({ project, statusNames }: Props) {
  const backlog = useBacklog(project);
  const issues = useMemo(() => flattenPages(backlog.data), [backlog.data]);
  const keys = useMemo(() => issues.map((issue) => issue.key), [issues]);
  const more = backlog.hasNextPage && !backlog.isFetchingNextPage;
  const sentinel = useLoadOnScroll(more, () => void backlog.fetchNextPage());
  const name = "Backlog";
  return (
    <section className="plan-section" aria-labelledby="plan-backlog-title">
      <header className="plan-section-head">
        <h3 id="plan-backlog-title">{name}</h3>
        <span className="plan-meta">
          {issues.length}
          {backlog.hasNextPage ? "+" : ""} issues
        </span>
      </header>
      {backlog.isError && <p role="alert">{describeError(backlog.error)}</p>}
      <DropList data={{ kind: "list", list: BACKLOG, listName: name, keys }} className="plan-list">
        {issues.map((issue) => (
          <IssueRow
            key={issue.key}
            issue={issue}
            list={BACKLOG}
            listName={name}
            keys={keys}
            statusNames={statusNames}
          />
        ))}
      </DropList>
      {backlog.isSuccess && issues.length === 0 && (
        <p className="plan-empty">
          The backlog is empty. Drop issues here to take them out of a sprint.
        </p>
      )}
      <div ref={sentinel} />
      {backlog.hasNextPage && (
        <button type="button" disabled={!more} onClick={() => void backlog.fetchNextPage()}>
          {backlog.isFetchingNextPage ? "Loading…" : "Load more issues"}
        </button>
      )}
    </section>
  );
}
