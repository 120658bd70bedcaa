// GET /projects/{key}/issues?sprint=<id>: a sprint's issues by rank, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { planningKeys } from "./keys";

export function useSprintIssues(project: string, sprint: string) {
  return useInfiniteQuery({
    queryKey: planningKeys.list(project, sprint),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/issues", {
          params: {
            path: { key: project },
            query: { sprint, sort: "rank", limit: 200, cursor: pageParam },
          },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
