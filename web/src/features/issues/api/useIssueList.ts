import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { effectiveSort, type IssueFilters } from "../lib/filters";
import { issueKeys } from "./keys";

export const PAGE_SIZE = 100;

/** A project's issues matching the filters, a page at a time (cursor pagination). */
export function useIssueList(project: string, filters: IssueFilters) {
  return useInfiniteQuery({
    queryKey: issueKeys.list(project, filters),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/issues", {
          params: {
            path: { key: project },
            query: {
              ...filters,
              sort: effectiveSort(filters),
              limit: PAGE_SIZE,
              cursor: pageParam,
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.next_cursor,
  });
}
