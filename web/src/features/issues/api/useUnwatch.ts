import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** Stop watching an issue (yourself). */
export function useUnwatch(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      unwrap(
        await api.DELETE("/api/v1/issues/{issue_key}/watchers/{user_id}", {
          params: { path: { issue_key: key, user_id: userId } },
        }),
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.detail(key), exact: true });
    },
  });
}
