// A drop on the board as ONE move call (column and neighbours): shown at once in the
// cached board, snapped back with the reason on error. A hard WIP refusal offers admins
// an override that retries the same move with `override_wip`.
import type { DragEndEvent } from "@dnd-kit/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { planningKeys } from "../api/keys";
import { useMoveIssue } from "../api/useMoveIssue";
import { resolveDrop, type ResolvedDrop } from "../dnd/dragData";
import type { BoardFilters } from "../logic/boardFilters";
import { moveCardOnBoard } from "../logic/boardMove";
import { neighbourFields } from "../logic/neighbours";
import { applyOptimistic } from "../logic/optimistic";
import { describeMoveError } from "../logic/problems";
import type { Board } from "../types";
import type { NoticeState } from "../ui/Notice";
import { parseCell } from "./cells";

export function useBoardMove(
  project: string,
  filters: BoardFilters,
  canOverride: boolean,
  onNotice: (notice: NoticeState | null) => void,
) {
  const client = useQueryClient();
  const { mutate } = useMoveIssue();
  const perform = useRef<(drop: ResolvedDrop, override: boolean) => void>(() => undefined);
  const performMove = (drop: ResolvedDrop, override: boolean) => {
    const status = parseCell(drop.to).status;
    const queryKey = planningKeys.board(project, filters);
    const { before, after } = drop.place;
    const rollback = applyOptimistic(client, [queryKey], () => {
      client.setQueryData<Board>(queryKey, (board) =>
        board === undefined ? board : moveCardOnBoard(board, drop.key, status, before, after),
      );
    });
    const body = { ...neighbourFields(drop.place), status, override_wip: override };
    onNotice(null);
    mutate(
      { key: drop.key, body, rollback },
      {
        onSuccess: (saved) => {
          const over = saved.wip_exceeded;
          if (over !== undefined) {
            const columns = client.getQueryData<Board>(queryKey)?.columns ?? [];
            const name = columns.find((c) => c.status === over)?.name ?? over;
            const message = `Moved ${drop.key}; ${name} is now over its WIP limit.`;
            onNotice({ tone: "info", message });
          }
          void client.invalidateQueries({ queryKey: planningKeys.boards(project) });
        },
        onError: (error) => {
          const problem = describeMoveError(error);
          const retry = () => {
            perform.current(drop, true);
          };
          const override = { label: "Override WIP limit", run: retry };
          onNotice({
            tone: "error",
            message: problem.message,
            ...(problem.wipRefused && canOverride ? { action: override } : {}),
          });
          void client.invalidateQueries({ queryKey: planningKeys.boards(project) });
        },
      },
    );
  };
  useEffect(() => {
    perform.current = performMove;
  });
  return useCallback((event: DragEndEvent) => {
    const drop = resolveDrop(event.active, event.over);
    if (drop === null) return;
    if (parseCell(drop.from).lane !== parseCell(drop.to).lane) {
      onNotice({ tone: "info", message: "Cards move between columns, not between swimlanes." });
      return;
    }
    perform.current(drop, false);
  }, [onNotice]);
}
