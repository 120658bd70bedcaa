import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** Watch an issue yourself; the answer is the issue with its new version. */
export function useWatch(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST("/api/v1/issues/{issue_key}/watchers", {
          params: { path: { issue_key: key } },
          body: {},
        }),
      ),
    onSuccess: (issue) => {
      client.setQueryData(issueKeys.detail(key), issue);
    },
  });
}
