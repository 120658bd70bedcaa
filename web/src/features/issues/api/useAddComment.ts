import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** POST a comment (Markdown, with @mentions). */
export function useAddComment(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: string) =>
      unwrap(
        await api.POST("/api/v1/issues/{issue_key}/comments", {
          params: { path: { issue_key: key } },
          body: { body },
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "comments") });
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "history") });
    },
  });
}
