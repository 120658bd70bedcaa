import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { components } from "../../../api/schema";
import { projectKey } from "../../projects/api/useProject";
import { settingsKeys } from "./keys";

export type ProjectUpdate = components["schemas"]["ProjectUpdate"];

/**
 * PATCH the project (admins) at the version the editor started from, so an edit made
 * meanwhile by someone else is refused (412) rather than overwritten. A workflow change
 * moves issues, so every page showing statuses is reloaded.
 */
export function useUpdateProject(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, version }: { body: ProjectUpdate; version: number }) =>
      unwrap(
        await api.PATCH("/api/v1/projects/{key}", {
          params: { path: { key }, header: { "If-Match": `"${version}"` } },
          body,
        }),
      ),
    onSuccess: (project, { body }) => {
      queryClient.setQueryData(projectKey(key), project);
      if (body.workflow !== undefined) {
        void queryClient.invalidateQueries({ queryKey: settingsKeys.statusCounts(key) });
        void queryClient.invalidateQueries({ queryKey: ["planning", key] });
        void queryClient.invalidateQueries({ queryKey: ["issues"] });
        void queryClient.invalidateQueries({ queryKey: ["issue"] });
      }
      void queryClient.invalidateQueries({ queryKey: ["projects"], exact: true });
    },
  });
}
