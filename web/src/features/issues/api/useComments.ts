import { useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** An issue's comments, oldest first, a page at a time. */
export function useComments(key: string) {
  return useInfiniteQuery({
    queryKey: issueKeys.part(key, "comments"),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/issues/{issue_key}/comments", {
          params: { path: { issue_key: key }, query: { limit: 100, cursor: pageParam } },
          signal,
        }),
      ),
    getNextPageParam: (page) => page.next_cursor,
  });
}
