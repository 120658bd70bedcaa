import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { isConflict } from "../lib/errors";
import type { Issue, IssueUpdate } from "../types";
import { issueKeys } from "./keys";

export interface IssueEdit {
  patch: IssueUpdate;
  /** The version the edit was made on: sent as `If-Match`, so a stale edit is a 412. */
  version: number;
}

/** PATCH an issue on the version read; on a 412 the issue is read again. */
export function useUpdateIssue(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ patch, version }: IssueEdit): Promise<Issue> =>
      unwrap(
        await api.PATCH("/api/v1/issues/{issue_key}", {
          params: { path: { issue_key: key }, header: { "If-Match": `"${version}"` } },
          body: patch,
        }),
      ),
    onSuccess: (issue) => {
      client.setQueryData(issueKeys.detail(key), issue);
      void client.invalidateQueries({ queryKey: issueKeys.all });
      void client.invalidateQueries({ queryKey: issueKeys.part(key, "history") });
    },
    onError: (error) => {
      if (isConflict(error)) {
        void client.invalidateQueries({ queryKey: issueKeys.detail(key), exact: true });
      }
    },
  });
}
