import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { LinkType } from "../types";
import { issueKeys } from "./keys";

/** POST a link from this issue to another. */
export function useAddLink(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (link: { type: LinkType; issue: string }) =>
      unwrap(
        await api.POST("/api/v1/issues/{issue_key}/links", {
          params: { path: { issue_key: key } },
          body: link,
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "links") });
    },
  });
}
