import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** An issue's attachments (first 200), oldest first. */
export function useAttachments(key: string) {
  return useQuery({
    queryKey: issueKeys.part(key, "attachments"),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/issues/{issue_key}/attachments", {
          params: { path: { issue_key: key }, query: { limit: 200 } },
          signal,
        }),
      ).items,
  });
}
