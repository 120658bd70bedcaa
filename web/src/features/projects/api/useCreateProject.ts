import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import type { Project } from "./useProjects";

export type ProjectCreate = components["schemas"]["ProjectCreate"];

/** Create a project, owned by the signed-in person. */
export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProjectCreate): Promise<Project> =>
      unwrap(await api.POST("/api/v1/projects", { body })),
    onSuccess: (project) => {
      queryClient.setQueryData(["projects", project.key], project);
      // Lists of projects (["projects"], ["projects", "for-create"]), not each one's pages.
      return queryClient.invalidateQueries({
        queryKey: ["projects"],
        predicate: (query) => query.queryKey.length <= 2,
      });
    },
  });
}
