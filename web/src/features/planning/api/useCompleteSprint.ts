// POST /sprints/{id}/complete: its open issues go to the backlog, a planned sprint or a new one.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { invalidateAfterSprintChange } from "./keys";

export function useCompleteSprint(project: string, sprint: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (moveOpenIssuesTo: string) =>
      unwrap(
        await api.POST("/api/v1/sprints/{sprint_id}/complete", {
          params: { path: { sprint_id: sprint } },
          body: { move_open_issues_to: moveOpenIssuesTo },
        }),
      ),
    onSuccess: () => invalidateAfterSprintChange(client, project),
  });
}
