import { queryOptions, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { Project } from "./useProjects";

export const projectKey = (key: string) => ["projects", key] as const;

export const projectQuery = (key: string) =>
  queryOptions({
    queryKey: projectKey(key),
    queryFn: async ({ signal }): Promise<Project> =>
      unwrap(await api.GET("/api/v1/projects/{key}", { params: { path: { key } }, signal })),
  });

/** One project (its workflow), with the signed-in person's role in it. */
export function useProject(key: string, options: { staleTime?: number } = {}) {
  return useQuery({ ...projectQuery(key), ...options });
}
