// POST /sprints/{id}/start with its dates: the sprint becomes the board.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { invalidateAfterSprintChange } from "./keys";

export interface StartDates {
  start_date: string;
  end_date: string;
}

export function useStartSprint(project: string, sprint: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: StartDates) =>
      unwrap(
        await api.POST("/api/v1/sprints/{sprint_id}/start", {
          params: { path: { sprint_id: sprint } },
          body,
        }),
      ),
    onSuccess: () => invalidateAfterSprintChange(client, project),
  });
}
