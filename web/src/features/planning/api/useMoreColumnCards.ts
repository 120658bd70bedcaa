// GET /projects/{key}/issues?status=<id>&cursor=...: the next cards of a project board's
// column, appended to the cached board.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { BoardFilters } from "../logic/boardFilters";
import type { Board } from "../types";
import { planningKeys } from "./keys";

export function useMoreColumnCards(project: string, filters: BoardFilters) {
  const client = useQueryClient();
  const queryKey = planningKeys.board(project, filters);
  return useMutation({
    mutationFn: async ({ status, cursor }: { status: string; cursor: string }) => {
      const { assignee, type, label } = filters;
      const query = { assignee, type, label, status, cursor, sort: "rank" as const, limit: 200 };
      const page = unwrap(
        await api.GET("/api/v1/projects/{key}/issues", {
          params: { path: { key: project }, query },
        }),
      );
      return { status, page };
    },
    onSuccess: ({ status, page }) => {
      client.setQueryData<Board>(queryKey, (board) =>
        board === undefined
          ? board
          : {
              ...board,
              columns: board.columns.map((column) =>
                column.status === status
                  ? {
                      ...column,
                      issues: [...column.issues, ...page.items],
                      next_cursor: page.next_cursor,
                    }
                  : column,
              ),
            },
      );
    },
  });
}
