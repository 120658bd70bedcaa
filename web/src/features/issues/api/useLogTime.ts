import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { WorklogIn } from "../types";
import { issueKeys } from "./keys";

/** POST a worklog; the issue's spent and remaining minutes (and version) change with it. */
export function useLogTime(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (worklog: WorklogIn) =>
      unwrap(
        await api.POST("/api/v1/issues/{issue_key}/worklogs", {
          params: { path: { issue_key: key } },
          body: worklog,
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.detail(key) });
    },
  });
}
