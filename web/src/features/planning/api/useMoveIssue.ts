// POST /issues/{key}/move: re-rank, re-plan and change column in one call. The caller
// applies the optimistic change before calling `mutate` (so a drop shows at once) and
// passes its rollback in the variables.
import { useMutation } from "@tanstack/react-query";
import { api, unwrap } from "../../../api/client";
import type { MoveBody } from "../types";

export interface MoveVariables {
  key: string;
  body: Partial<MoveBody>;
  rollback: () => void;
}

export async function moveIssue(key: string, body: Partial<MoveBody>) {
  return unwrap(
    await api.POST("/api/v1/issues/{issue_key}/move", {
      params: { path: { issue_key: key } },
      body: { override_wip: false, ...body },
    }),
  );
}

export function useMoveIssue() {
  return useMutation({
    mutationFn: ({ key, body }: MoveVariables) => moveIssue(key, body),
    onError: (_error, { rollback }) => {
      rollback();
    },
  });
}
