import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { isConflict } from "../lib/errors";
import type { Issue, IssueUpdate } from "../types";
import { issueKeys } from "./keys";
import { ownVersion, recordOwnSave } from "./ownSaves";

export interface IssueEdit {
  patch: IssueUpdate;
  /** The version the edit was made on: sent as `If-Match`, so a stale edit is a 412. */
  version: number;
}

/**
 * PATCH an issue on the version read; on a 412 the issue is read again. Edits of one issue
 * go out one at a time (a mutation scope), each on the version our own earlier edits led
 * to, so two quick edits of different fields are never taken for someone else's change.
 */
export function useUpdateIssue(key: string) {
  const client = useQueryClient();
  return useMutation({
    scope: { id: `issue:${key}` },
    mutationFn: async ({ patch, version }: IssueEdit): Promise<Issue> => {
      const base = ownVersion(key, version);
      const issue = unwrap(
        await api.PATCH("/api/v1/issues/{issue_key}", {
          params: { path: { issue_key: key }, header: { "If-Match": `"${base}"` } },
          body: patch,
        }),
      );
      recordOwnSave(key, base, issue.version);
      return issue;
    },
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
