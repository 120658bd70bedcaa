// GET /projects/{key}/backlog: open issues in no sprint by rank, a page at a time.
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { BACKLOG } from "../types";
import { planningKeys } from "./keys";

export const BACKLOG_PAGE = 100;

export function useBacklog(project: string) {
  return useInfiniteQuery({
    queryKey: planningKeys.list(project, BACKLOG),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/backlog", {
          params: { path: { key: project }, query: { limit: BACKLOG_PAGE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
