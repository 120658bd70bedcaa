// GET /projects/{key}/board: a column per status, cards by rank, filters and swimlanes.
import { hashKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { api, unwrap } from "../../../api/client";
import type { BoardFilters } from "../logic/boardFilters";
import type { Board } from "../types";
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

/**
 * The cached board, re-read the moment the cache changes. useQuery hears of a change a
 * task later (Query's notify scheduler), so a drop's optimistic move rendered after
 * dnd-kit's own drop render, and the card was painted back in its old column for a frame
 * or two (measured); read here, both land in the same render.
 */
export function useBoardNow(project: string, filters: BoardFilters): Board | undefined {
  const client = useQueryClient();
  const queryKey = planningKeys.board(project, filters);
  const queryHash = hashKey(queryKey);
  const subscribe = useCallback(
    (onChange: () => void) =>
      client.getQueryCache().subscribe((event) => {
        if (event.query.queryHash === queryHash) onChange();
      }),
    [client, queryHash],
  );
  return useSyncExternalStore(subscribe, () => client.getQueryData<Board>(queryKey));
}
