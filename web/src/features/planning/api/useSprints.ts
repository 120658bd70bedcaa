// GET /projects/{key}/sprints: the active and planned sprints, active first.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { Sprint } from "../types";
import { planningKeys } from "./keys";

const ORDER: Record<string, number> = { active: 0, completing: 0, planned: 1 };

export function openSprints(sprints: readonly Sprint[]): Sprint[] {
  return sprints
    .filter((sprint) => sprint.state !== "completed")
    .sort(
      (a, b) =>
        (ORDER[a.state] ?? 2) - (ORDER[b.state] ?? 2) || a.created_at.localeCompare(b.created_at),
    );
}

/** Every sprint of the project, whatever its state, in the API's order (every page), without
 * the issue lists of their recorded scopes (counts and points only): light for many sprints. */
export async function fetchAllSprints(project: string, signal?: AbortSignal): Promise<Sprint[]> {
  const found: Sprint[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Sprint[]; next_cursor: string | null } = unwrap(
      await api.GET("/api/v1/projects/{key}/sprints", {
        params: { path: { key: project }, query: { limit: 200, cursor, issues: false } },
        signal,
      }),
    );
    found.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return found;
}

export function useSprints(project: string) {
  return useQuery({
    queryKey: planningKeys.sprints(project),
    queryFn: async ({ signal }) => openSprints(await fetchAllSprints(project, signal)),
  });
}
