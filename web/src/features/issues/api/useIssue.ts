import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** One issue, with its version for `If-Match`. */
export function useIssue(key: string) {
  return useQuery({
    queryKey: issueKeys.detail(key),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/issues/{issue_key}", {
          params: { path: { issue_key: key } },
          signal,
        }),
      ),
  });
}
