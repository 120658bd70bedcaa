import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";

export type User = components["schemas"]["MeOut"];

export const meQuery = queryOptions({
  queryKey: ["me"],
  queryFn: async ({ signal }): Promise<User> => unwrap(await api.GET("/api/v1/me", { signal })),
  staleTime: 5 * 60_000,
});

/** The signed-in account. */
export function useMe() {
  return useQuery(meQuery);
}
