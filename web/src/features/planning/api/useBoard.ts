// GET /projects/{key}/board: a column per status, cards by rank, filters and swimlanes.
import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { BoardFilters } from "../logic/boardFilters";
import { planningKeys } from "./keys";

export function useBoard(project: string, filters: BoardFilters) {
  return useQuery({
    queryKey: planningKeys.board(project, filters),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET("/api/v1/projects/{key}/board", {
          params: { path: { key: project }, query: { ...filters, limit: 200 } },
          signal,
        }),
      ),
  });
}
