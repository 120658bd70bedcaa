import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** The first page of an issue's children. */
export function useChildren(project: string, parent: string) {
  return useQuery({
    queryKey: issueKeys.children(parent),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/issues", {
          params: { path: { key: project }, query: { parent, limit: 200 } },
          signal,
        }),
      ).items,
  });
}
