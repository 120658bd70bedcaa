import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { Issue } from "../../issues/types";
import { issueKeyIn } from "../lib/issueKey";

/** Issues the palette shows for one text, at most. */
export const ISSUE_RESULTS = 8;

/**
 * The issues `text` finds: the issue it names by key first, then the current project's
 * issues whose key, title or description hold its words (each a prefix). Keyed by the
 * text, so an answer only ever shows for the text it was asked for; a query left behind
 * by newer typing is aborted through its signal.
 */
export const issueSearchQuery = (project: string | null, text: string) =>
  queryOptions({
    queryKey: ["palette", "issues", project, text] as const,
    queryFn: ({ signal }) => searchIssues(project, text, signal),
    staleTime: 30_000,
    enabled: text.trim() !== "",
  });

async function searchIssues(project: string | null, text: string, signal: AbortSignal): Promise<Issue[]> {
  const key = issueKeyIn(text, project);
  const [named, found] = await Promise.all([
    key === null ? null : issueByKey(key, signal),
    project === null ? [] : projectIssues(project, text, signal),
  ]);
  return named === null ? found : [named, ...found.filter((issue) => issue.key !== named.key)].slice(0, ISSUE_RESULTS);
}

async function issueByKey(key: string, signal: AbortSignal): Promise<Issue | null> {
  const answer = await api.GET("/api/v1/issues/{issue_key}", { params: { path: { issue_key: key } }, signal });
  // No such issue, or one the user may not see: the text was not a key after all.
  return hidden(answer.response) ? null : unwrap(answer);
}

async function projectIssues(project: string, text: string, signal: AbortSignal): Promise<Issue[]> {
  const answer = await api.GET("/api/v1/projects/{key}/issues", {
    params: { path: { key: project }, query: { q: text, limit: ISSUE_RESULTS } },
    signal,
  });
  // A project that is gone or not the user's finds nothing; the palette still works.
  return hidden(answer.response) ? [] : unwrap(answer).items;
}

function hidden(response: Response): boolean {
  return response.status === 404 || response.status === 403;
}
