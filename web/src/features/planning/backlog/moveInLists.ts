// The optimistic part of a backlog-page move: out of one cached list, into another
// (or the same) between its neighbours. Returns the rollback.
import type { QueryClient } from "@tanstack/react-query";
import { planningKeys } from "../api/keys";
import type { ResolvedDrop } from "../dnd/dragData";
import { flattenPages, insertIntoPages, removeFromPages } from "../logic/issuePages";
import { applyOptimistic } from "../logic/optimistic";
import { BACKLOG, type Issue, type IssuePages } from "../types";

export function findListIssue(client: QueryClient, project: string, list: string, key: string) {
  const pages = client.getQueryData<IssuePages>(planningKeys.list(project, list));
  return flattenPages(pages).find((issue) => issue.key === key);
}

export function moveInLists(
  client: QueryClient,
  project: string,
  drop: ResolvedDrop,
  issue: Issue,
): () => void {
  const fromKey = planningKeys.list(project, drop.from);
  const toKey = planningKeys.list(project, drop.to);
  const moved: Issue = { ...issue, sprint: drop.to === BACKLOG ? null : drop.to };
  return applyOptimistic(client, [fromKey, toKey], () => {
    client.setQueryData<IssuePages>(fromKey, (data) => removeFromPages(data, drop.key));
    client.setQueryData<IssuePages>(toKey, (data) =>
      insertIntoPages(data, moved, drop.place.before, drop.place.after),
    );
  });
}
