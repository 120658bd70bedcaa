import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** An issue's links, each from this issue's side. */
export function useLinks(key: string) {
  return useQuery({
    queryKey: issueKeys.part(key, "links"),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/issues/{issue_key}/links", {
          params: { path: { issue_key: key } },
          signal,
        }),
      ).items,
  });
}
