import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { IssueCreate } from "../types";
import { issueKeys } from "./keys";

/** POST a new issue to a project. */
export function useCreateIssue(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: IssueCreate) =>
      unwrap(
        await api.POST("/api/v1/projects/{key}/issues", {
          params: { path: { key: project } },
          body,
        }),
      ),
    onSuccess: (issue) => {
      client.setQueryData(issueKeys.detail(issue.key), issue);
      void client.invalidateQueries({ queryKey: issueKeys.all });
    },
  });
}
