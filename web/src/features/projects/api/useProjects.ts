import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { useAllItems } from "../../../api/useAllItems";

export type Project = components["schemas"]["ProjectOut"];

const PAGE_SIZE = 100;

export const projectsQuery = infiniteQueryOptions({
  queryKey: ["projects"],
  queryFn: async ({ pageParam, signal }) =>
    unwrap(
      await api.GET("/api/v1/projects", {
        params: { query: { limit: PAGE_SIZE, cursor: pageParam } },
        signal,
      }),
    ),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (page) => page.next_cursor ?? undefined,
});

/** The projects the signed-in person is a member of, a page at a time. */
export function useProjects() {
  return useInfiniteQuery(projectsQuery);
}

/** All the signed-in person's projects as one list (e.g. to pick where a new issue goes). */
export function useProjectList(enabled = true) {
  const query = useInfiniteQuery({ ...projectsQuery, enabled, staleTime: 60_000 });
  const data = useAllItems(query);
  return { data, isPending: query.isPending, isError: query.isError, error: query.error };
}
