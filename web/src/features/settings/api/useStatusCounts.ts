import { useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import { settingsKeys } from "./keys";

/** How many issues each status holds across the project (the board's WIP counts). */
export function useStatusCounts(key: string) {
  return useQuery({
    queryKey: settingsKeys.statusCounts(key),
    queryFn: async ({ signal }): Promise<Record<string, number>> => {
      const board = unwrap(
        await api.GET("/api/v1/projects/{key}/board", { params: { path: { key }, query: { limit: 1 } }, signal }),
      );
      return Object.fromEntries(board.columns.map((column) => [column.status, column.wip_count]));
    },
  });
}
