import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { issueKeys } from "./keys";

/** DELETE a link (from both issues). */
export function useDeleteLink(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (linkId: string) => {
      unwrap(
        await api.DELETE("/api/v1/issues/{issue_key}/links/{link_id}", {
          params: { path: { issue_key: key, link_id: linkId } },
        }),
      );
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "links") });
    },
  });
}
