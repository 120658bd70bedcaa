// Query keys of the planning pages, so that every hook and every cache update agree.
import type { QueryClient } from "@tanstack/react-query";
import { projectKey } from "../../projects/api/useProject";
import type { BoardFilters } from "../logic/boardFilters";

export const planningKeys = {
  all: (project: string) => ["planning", project] as const,
  sprints: (project: string) => ["planning", project, "sprints"] as const,
  lists: (project: string) => ["planning", project, "list"] as const,
  list: (project: string, list: string) => ["planning", project, "list", list] as const,
  boards: (project: string) => ["planning", project, "board"] as const,
  board: (project: string, filters: BoardFilters) =>
    ["planning", project, "board", filters] as const,
};

/**
 * After a sprint starts or completes: every planning list and board, and the project
 * itself (it names the active sprint), are out of date.
 */
export function invalidateAfterSprintChange(client: QueryClient, project: string) {
  return Promise.all([
    client.invalidateQueries({ queryKey: planningKeys.all(project) }),
    client.invalidateQueries({ queryKey: projectKey(project), exact: true }),
  ]);
}
