// POST /projects/{key}/sprints: a new planned sprint (name; goal and dates optional).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { planningKeys } from "./keys";

export function useCreateSprint(project: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: components["schemas"]["SprintCreate"]) =>
      unwrap(
        await api.POST("/api/v1/projects/{key}/sprints", {
          params: { path: { key: project } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: planningKeys.sprints(project) }),
  });
}
