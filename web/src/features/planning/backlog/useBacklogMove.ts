// A drop on the backlog page as ONE move call (neighbours, and the sprint when it
// changed): applied to the cached lists at once, undone with a message on error.
import type { DragEndEvent } from "@dnd-kit/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { planningKeys } from "../api/keys";
import { useMoveIssue } from "../api/useMoveIssue";
import { resolveDrop } from "../dnd/dragData";
import { replaceInPages } from "../logic/issuePages";
import { neighbourFields } from "../logic/neighbours";
import { describeMoveError } from "../logic/problems";
import type { IssuePages } from "../types";
import type { NoticeState } from "../ui/Notice";
import { findListIssue, moveInLists } from "./moveInLists";

export function useBacklogMove(project: string, onNotice: (notice: NoticeState | null) => void) {
  const client = useQueryClient();
  const { mutate } = useMoveIssue();
  return useCallback(
    (event: DragEndEvent) => {
      const drop = resolveDrop(event.active, event.over);
      if (drop === null) return;
      const issue = findListIssue(client, project, drop.from, drop.key);
      if (issue === undefined) return;
      const rollback = moveInLists(client, project, drop, issue);
      const toKey = planningKeys.list(project, drop.to);
      const body = {
        ...neighbourFields(drop.place),
        ...(drop.from === drop.to ? {} : { sprint: drop.to }),
      };
      onNotice(null);
      mutate(
        { key: drop.key, body, rollback },
        {
          onSuccess: (saved) => {
            client.setQueryData<IssuePages>(toKey, (data) => replaceInPages(data, saved));
          },
          onError: (error) => {
            onNotice({ tone: "error", message: describeMoveError(error).message });
            void client.invalidateQueries({ queryKey: planningKeys.list(project, drop.from) });
            void client.invalidateQueries({ queryKey: toKey });
          },
        },
      );
    },
    [client, project, mutate, onNotice],
  );
}
