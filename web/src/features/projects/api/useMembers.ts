import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { useAllItems } from "../../../api/useAllItems";

export type Member = components["schemas"]["MemberOut"];
export type Role = components["schemas"]["Role"];

const PAGE_SIZE = 200;

export const membersKey = (key: string) => ["projects", key, "members"] as const;

export const membersQuery = (key: string) =>
  infiniteQueryOptions({
    queryKey: membersKey(key),
    queryFn: async ({ pageParam, signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/members", {
          params: { path: { key }, query: { limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
  });

/** A project's members and their roles, a page at a time. */
export function useMembers(key: string) {
  return useInfiniteQuery(membersQuery(key));
}

/**
 * All of a project's members as one list (every page: projects have a handful to a few
 * hundred), for pickers and names. `data` is undefined until the last page is in.
 */
export function useMemberList(key: string) {
  const query = useInfiniteQuery({ ...membersQuery(key), staleTime: 60_000 });
  const data = useAllItems(query);
  return { data, isPending: query.isPending, isError: query.isError, error: query.error };
}

/** A member as people read them: their name, else their email, else their id. */
export function memberName(member: Member): string {
  return member.name ?? member.email ?? member.user_id;
}
